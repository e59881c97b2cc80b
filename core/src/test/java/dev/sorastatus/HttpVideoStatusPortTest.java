package dev.sorastatus;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.sorastatus.Fixtures.bytes;
import static dev.sorastatus.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class HttpVideoStatusPortTest {
  private static final String CANARY = "sk-canary-0123456789abcdef";
  private static final VideoId ID = VideoId.of("video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5");

  private final RecordingTransport transport = new RecordingTransport();

  private static SoraConfig.Builder config() {
    return SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey(CANARY)
        .requestTimeout(Duration.ofSeconds(7)).maxResponseBytes(65_536)
        .retryPolicy(RetryPolicy.none()); // one exchange per call here; retries have HttpVideoStatusPortRetryTest
  }

  private HttpVideoStatusPort port() {
    return HttpVideoStatusPort.create(config().build(), transport);
  }

  private static TransportResponse ok(byte[] body, Map<String, List<String>> headers) {
    return new TransportResponse(200, headers, body, false);
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted(); // never leak an interrupt into the next test
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://api.example.com/v1, https://api.example.com/v1/videos/video_1",
      "https://api.example.com/v1/, https://api.example.com/v1/videos/video_1",
      "https://gateway.example.com/openai/v1, https://gateway.example.com/openai/v1/videos/video_1",
      "https://gateway.example.com/openai/v1/, https://gateway.example.com/openai/v1/videos/video_1",
      "https://api.example.com, https://api.example.com/videos/video_1",
      "https://api.example.com:8443/v1, https://api.example.com:8443/v1/videos/video_1",
      "http://127.0.0.1:8080/v1/, http://127.0.0.1:8080/v1/videos/video_1",
  })
  void requestUrlIsTheBaseUrlThenVideosThenTheId(String baseUrl, String expected) throws IOException {
    transport.answer(ok(utf8("{\"id\":\"video_1\",\"status\":\"queued\"}"), Map.of()));
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config().baseUrl(baseUrl).build(), transport);

    port.retrieve(VideoId.of("video_1"));

    assertThat(transport.lastRequest().uri()).isEqualTo(URI.create(expected));
    assertThat(port.statusUri(VideoId.of("video_1"))).isEqualTo(URI.create(expected));
  }

  @Test
  void aRepeatedIdGetsTheSameUrlAndIdsSharingASlotEachGetTheirOwn() {
    HttpVideoStatusPort port = port();
    VideoId first = VideoId.of("video_0");
    List<VideoId> sameSlot = new ArrayList<>();
    for (int i = 1; sameSlot.size() < 3; i++) { // ids whose hashes share their low six bits: one slot of 64
      VideoId other = VideoId.of("video_" + i);
      if ((other.hashCode() & 63) == (first.hashCode() & 63)) {
        sameSlot.add(other);
      }
    }

    URI uri = port.statusUri(first);
    assertThat(port.statusUri(first)).isSameAs(uri);
    for (int round = 0; round < 3; round++) {
      for (VideoId id : List.of(first, sameSlot.get(0), sameSlot.get(1), sameSlot.get(2))) {
        assertThat(port.statusUri(id)).isEqualTo(URI.create("https://api.example.com/v1/videos/" + id.value()));
      }
    }
  }

  @Test
  void idWithEveryAllowedCharacterStaysOnePathSegment() {
    URI uri = port().statusUri(VideoId.of("sora-2:task_9.f-8"));

    assertThat(uri.getRawPath()).isEqualTo("/v1/videos/sora-2:task_9.f-8");
    assertThat(uri.getRawQuery()).isNull();
  }

  @Test
  void requestIsAGetWithTheKeyAcceptUserAgentAndExtraHeaders() throws IOException {
    transport.answer(ok(bytes("openai-in-progress.json"), Map.of()));
    SoraConfig config = config().header("X-Route", "gpu-pool").header("OpenAI-Organization", "org-123").build();

    HttpVideoStatusPort.create(config, transport).retrieve(ID);

    TransportRequest request = transport.lastRequest();
    assertThat(transport.requests).hasSize(1);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.headers()).containsOnly(
        Map.entry("Authorization", "Bearer " + CANARY),
        Map.entry("Accept", "application/json"),
        Map.entry("User-Agent", config.userAgent()),
        Map.entry("X-Route", "gpu-pool"),
        Map.entry("OpenAI-Organization", "org-123"));
    assertThat(config.userAgent()).startsWith("sora-status/");
    assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void statusRequestIsWhatTheTransportIsGiven() throws IOException {
    transport.answer(ok(bytes("openai-in-progress.json"), Map.of()));
    HttpVideoStatusPort port = port();

    port.retrieve(ID);

    assertThat(transport.lastRequest()).isEqualTo(port.statusRequest(ID));
  }

  @Test
  void requestToStringMasksTheKeyAndSecretHeaders() {
    SoraConfig config = config().header("X-Api-Key", "upstream-secret-42").header("X-Route", "gpu-pool").build();

    String shown = HttpVideoStatusPort.create(config, transport).statusRequest(ID).toString();

    assertThat(shown)
        .doesNotContain(CANARY).doesNotContain("canary").doesNotContain("upstream-secret-42")
        .contains("GET https://api.example.com/v1/videos/" + ID)
        .contains("Authorization=***")
        .contains("X-Api-Key=***")
        .contains("X-Route=gpu-pool");
  }

  @Test
  void portToStringNeverShowsTheKey() {
    assertThat(port().toString()).doesNotContain(CANARY)
        .isEqualTo("HttpVideoStatusPort[https://api.example.com/v1, RecordingTransport]");
  }

  @Test
  void okResponseBecomesTheVideoWithTheServersPollHint() throws IOException {
    transport.answer(ok(bytes("openai-in-progress.json"), Map.of("openai-poll-after-ms", List.of("2500"))));

    Video v = port().retrieve(ID);

    assertThat(v.id()).isEqualTo(ID);
    assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING);
    assertThat(v.progress()).isEqualTo(33);
    assertThat(v.pollAfter()).contains(Duration.ofMillis(2500));
  }

  @Test
  void ioExceptionBecomesATransportExceptionKeepingTheCause() {
    ConnectException cause = new ConnectException("Connection refused");
    transport.fail(cause);

    Throwable thrown = catchThrowable(() -> port().retrieve(ID));

    assertThat(thrown).isInstanceOf(SoraTransportException.class)
        .hasMessage("GET https://api.example.com/v1/videos/" + ID + " failed: ConnectException: Connection refused")
        .hasCause(cause);
    assertThat(((SoraTransportException) thrown).getCause()).isSameAs(cause);
    assertThat(((SoraTransportException) thrown).isTimeout()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void ioExceptionWithoutAMessageIsNamedByItsType() {
    transport.fail(new IOException());

    assertThatThrownBy(() -> port().retrieve(ID))
        .isInstanceOf(SoraTransportException.class)
        .hasMessage("GET https://api.example.com/v1/videos/" + ID + " failed: IOException");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new SocketTimeoutException("Read timed out"), true),
        Arguments.of(new HttpTimeoutException("request timed out"), true),
        Arguments.of(new ConnectException("Connection refused"), false),
        Arguments.of(new SSLHandshakeException("PKIX path building failed"), false),
        Arguments.of(new IOException("Connection reset"), false));
  }

  @ParameterizedTest(name = "{0} timeout={1}")
  @MethodSource("failures")
  void timeoutsAreToldApartFromOtherFailures(IOException cause, boolean timeout) {
    transport.fail(cause);

    Throwable thrown = catchThrowable(() -> port().retrieve(ID));

    assertThat(thrown).isInstanceOf(SoraTransportException.class).hasCause(cause);
    assertThat(((SoraTransportException) thrown).isTimeout()).isEqualTo(timeout);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void interruptedIoRestoresTheInterruptFlag() {
    InterruptedIOException cause = new InterruptedIOException("interrupted while waiting for the response");
    transport.fail(cause);

    Throwable thrown = catchThrowable(() -> port().retrieve(ID));

    assertThat(thrown).isInstanceOf(SoraTransportException.class).hasCause(cause);
    assertThat(((SoraTransportException) thrown).isTimeout()).isFalse();
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void transportFailureMessageMasksAnEchoedKey() {
    transport.fail(new IOException("proxy refused Authorization: Bearer " + CANARY));

    Throwable thrown = catchThrowable(() -> port().retrieve(ID));

    assertThat(thrown).isInstanceOf(SoraTransportException.class);
    assertThat(thrown.getMessage()).doesNotContain(CANARY).doesNotContain("canary");
    assertThat(thrown.toString()).doesNotContain(CANARY);
  }

  @Test
  void transportFailureMessageMasksAnEchoedKeyThatLooksLikeNoKnownSecret() {
    String plainKey = "juhe0a1b2c3d4e5f6a7b8c9d";
    transport.fail(new IOException("upstream closed the connection for key " + plainKey));
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config().apiKey(plainKey).build(), transport);

    Throwable thrown = catchThrowable(() -> port.retrieve(ID));

    assertThat(thrown).hasMessage("GET https://api.example.com/v1/videos/" + ID
        + " failed: IOException: upstream closed the connection for key ***");
    assertThat(port.statusRequest(ID).toString()).doesNotContain(plainKey);
  }

  @Test
  void asyncGivesTheSameVideoAsSync() throws IOException {
    transport.answer(ok(bytes("openai-completed.json"), Map.of("openai-poll-after-ms", List.of("1000"))));
    HttpVideoStatusPort port = port();

    Video sync = port.retrieve(ID);
    Video async = port.retrieveAsync(ID).join();

    assertThat(async).isEqualTo(sync);
    assertThat(async.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(transport.requests).hasSize(2).allMatch(r -> r.equals(port.statusRequest(ID)));
  }

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("404", new TransportResponse(404, Map.of(), utf8("{\"error\":{\"message\":\"nope\"}}"), false),
            null, VideoNotFoundException.class),
        Arguments.of("503", new TransportResponse(503, Map.of(), utf8("upstream overloaded"), false),
            null, SoraApiException.class),
        Arguments.of("HTML 200", new TransportResponse(200, Map.of("Content-Type", List.of("text/html")),
            utf8("<html>login</html>"), false), null, MalformedResponseException.class),
        Arguments.of("connection refused", null, new ConnectException("Connection refused"),
            SoraTransportException.class),
        Arguments.of("timeout", null, new SocketTimeoutException("Read timed out"), SoraTransportException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void asyncFailsWithTheSameExceptionTypeAndMessageAsSync(
      String name, TransportResponse response, IOException failure, Class<? extends RuntimeException> type) {
    if (failure != null) {
      transport.fail(failure);
    } else {
      transport.answer(response);
    }
    HttpVideoStatusPort port = port();

    Throwable sync = catchThrowable(() -> port.retrieve(ID));
    CompletableFuture<Video> future = port.retrieveAsync(ID);

    assertThat(sync).isExactlyInstanceOf(type);
    assertThat(future).isCompletedExceptionally();
    Throwable async = catchThrowable(future::join);
    assertThat(async).isInstanceOf(CompletionException.class);
    assertThat(async.getCause()).isExactlyInstanceOf(type).hasMessage(sync.getMessage());
    if (failure != null) {
      assertThat(async.getCause()).hasCause(failure);
    }
  }

  @Test
  void asyncUnwrapsATransportsCompletionException() {
    SocketTimeoutException cause = new SocketTimeoutException("timed out");
    transport.hold(CompletableFuture.failedFuture(new CompletionException(cause)));

    Throwable async = catchThrowable(() -> port().retrieveAsync(ID).join());

    assertThat(async.getCause()).isInstanceOf(SoraTransportException.class).hasCause(cause);
    assertThat(((SoraTransportException) async.getCause()).isTimeout()).isTrue();
  }

  @Test
  void asyncPassesOnAFailureThatIsNotAnIoException() {
    IllegalStateException bug = new IllegalStateException("transport bug");
    transport.hold(CompletableFuture.failedFuture(bug));

    Throwable async = catchThrowable(() -> port().retrieveAsync(ID).join());

    assertThat(async.getCause()).isSameAs(bug);
  }

  @Test
  void asyncCompletesWhenTheTransportDoes() {
    CompletableFuture<TransportResponse> exchange = new CompletableFuture<>();
    transport.hold(exchange);

    CompletableFuture<Video> result = port().retrieveAsync(ID);
    assertThat(result).isNotDone();
    exchange.complete(ok(bytes("openai-in-progress.json"), Map.of()));

    assertThat(result.join().progress()).isEqualTo(33);
  }

  @Test
  void cancellingTheAsyncResultCancelsTheExchange() {
    CompletableFuture<TransportResponse> exchange = new CompletableFuture<>();
    transport.hold(exchange);

    CompletableFuture<Video> result = port().retrieveAsync(ID);
    assertThat(result.cancel(true)).isTrue();

    assertThat(exchange).isCancelled();
    assertThat(result).isCancelled();
  }

  @Test
  void completingTheAsyncResultNormallyLeavesTheExchangeAlone() {
    CompletableFuture<TransportResponse> exchange = new CompletableFuture<>();
    transport.hold(exchange);

    CompletableFuture<Video> result = port().retrieveAsync(ID);
    result.completeExceptionally(new IllegalStateException("caller gave up"));

    assertThat(exchange).isNotCancelled().isNotDone();
  }

  @Test
  void createRefusesNulls() {
    assertThatThrownBy(() -> HttpVideoStatusPort.create(null, transport))
        .isInstanceOf(NullPointerException.class).hasMessage("config == null");
    assertThatThrownBy(() -> HttpVideoStatusPort.create(config().build(), null))
        .isInstanceOf(NullPointerException.class).hasMessage("transport == null");
  }
}
