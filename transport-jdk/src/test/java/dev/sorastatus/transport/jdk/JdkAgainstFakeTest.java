package dev.sorastatus.transport.jdk;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.Faults;
import dev.sorastatus.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;

/** SoraClient end to end against the fake's HTTP mode: timelines, keys, faults and a resumed download. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdkAgainstFakeTest {
  private FakeVideoApi api = FakeVideoApi.create();
  private SoraClient port = JdkClients.create(api.config().retryPolicy(RetryPolicy.none()).build());

  private void use(FakeVideoApi fake) {
    close();
    api = fake;
    port = JdkClients.create(api.config().retryPolicy(RetryPolicy.none()).build());
  }

  @AfterEach
  void close() {
    port.close();
    api.close();
  }

  @Test
  void timedJobFollowsVirtualTimeThroughARealTransport() {
    VideoId id = api.job().advanceEvery(Duration.ofMinutes(1)).queued().processing(50).completed().create();

    assertThat(port.retrieve(id)).isQueued();
    api.time().advance(Duration.ofMinutes(1));
    assertThat(port.retrieveAsync(id).join()).isProcessing().hasProgress(50);
    api.time().advance(Duration.ofMinutes(10));
    assertThat(port.retrieve(id)).isCompleted().wasCompletedAt(api.time().now().minus(Duration.ofMinutes(9)));
  }

  @Test
  void wrongKeyIsAnAuthenticationErrorAndNeverReachesTheJournal() {
    VideoId id = api.job().queued().create();
    try (SoraClient wrong = JdkClients.create(api.config().apiKey("sk-wrong-canary-98765").retryPolicy(RetryPolicy.none()).build())) {
      assertThatThrownBy(() -> wrong.retrieve(id)).isInstanceOfSatisfying(SoraApiException.class, e -> assertThat(e.kind()).isEqualTo(SoraApiException.Kind.AUTHENTICATION));
    }

    assertThat(api.journal().get(0).header("Authorization")).contains("Bearer sk-***");
    assertThat(api.journal().toString() + api.journal().get(0).headers()).doesNotContain("canary");
  }

  @Test
  void seededFaultsOverHttpAreTheTypedErrors() {
    use(FakeVideoApi.builder().faults(Faults.builder().serverErrors(100, 503).build()).build());
    VideoId id = api.job().queued().create();
    assertThat(((SoraApiException) catchThrowable(id)).statusCode()).isEqualTo(503);

    api.faults(Faults.builder().rateLimits(100, Duration.ofSeconds(3)).build());
    assertThat(((SoraApiException) catchThrowable(id)).retryAfter()).contains(Duration.ofSeconds(3));

    api.faults(Faults.builder().malformedBodies(100).build());
    assertThat(catchThrowable(id)).isInstanceOf(MalformedResponseException.class);

    api.faults(Faults.none());
    assertThat(port.retrieve(id)).isQueued(); // none of the faults moved the script on
  }

  private Throwable catchThrowable(VideoId id) {
    return dev.sorastatus.testkit.SoraAssertions.catchThrowable(() -> port.retrieve(id));
  }

  @Test
  void javaNetHttpResendsAGetOnceWhenTheConnectionDropsBeforeTheStatusLine() {
    // java.net.http treats an empty answer as a stale pooled connection and sends an idempotent request again,
    // whatever the transport configures: the fake sees two reads, the caller one
    VideoId id = api.job().droppedConnection().queued().create();

    assertThat(port.retrieve(id)).isQueued();
    assertThat(api.journal()).extracting(RecordedRequest::statusCode).containsExactly(0, 200);
  }

  @Test
  void gatewayDownloadUrlIsServedAndADroppedDownloadResumesWithRange() throws Exception {
    use(FakeVideoApi.builder().dialect(Dialect.GATEWAY).build());
    VideoId id = api.job().processing(80).completed().contentBytes(20_000).dropContentAfter(7_000).create();
    port.retrieve(id);
    Video done = port.retrieve(id);
    assertThat(done).isCompleted().hasDownloadUrl(api.contentUrl(id));
    URI url = done.downloadUrl().orElseThrow();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    JdkHttpTransport transport = JdkHttpTransport.create(api.config().build());

    StreamedResponse first = transport.exchange(get(url, Map.of())).send();
    try {
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.header("content-type")).contains("video/mp4");
      assertThatThrownBy(() -> copy(first.body(), got)).isInstanceOf(IOException.class);
    } finally {
      closeQuietly(first);
    }
    assertThat(got.size()).isEqualTo(7_000);
    try (StreamedResponse rest = transport.exchange(get(url, Map.of("Range", "bytes=" + got.size() + "-"))).send()) {
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.header("content-range")).contains("bytes 7000-19999/20000");
      copy(rest.body(), got);
    }

    assertThat(got.toByteArray()).isEqualTo(api.content(id));
    transport.close();
  }

  private TransportRequest get(URI url, Map<String, String> extra) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(extra);
    headers.put("Authorization", "Bearer " + api.apiKey().reveal());
    return new TransportRequest("GET", url, headers, Duration.ofSeconds(10));
  }

  /** Closes a cut download; Apache's close drains what is left of the body, which fails once the connection is gone. */
  private static void closeQuietly(StreamedResponse response) {
    try {
      response.close();
    } catch (IOException alreadyBroken) {
      // the download failed already; the test is about resuming it
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) throws IOException {
    byte[] chunk = new byte[4096];
    for (int n; (n = in.read(chunk)) >= 0; ) {
      out.write(chunk, 0, n);
    }
  }
}
