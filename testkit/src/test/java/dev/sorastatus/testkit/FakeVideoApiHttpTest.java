package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fake's HTTP mode on the wire, read with a bare JDK client: bodies, headers, errors and content. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeVideoApiHttpTest {
  private static final String AUTH = "Bearer " + FakeVideoApi.DEFAULT_API_KEY;
  private static final long START = VirtualTime.DEFAULT_START.getEpochSecond();

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private FakeVideoApi api;

  @AfterEach
  void close() {
    if (api != null) {
      api.close();
    }
  }

  private FakeVideoApi fake(Dialect dialect) {
    api = FakeVideoApi.builder().dialect(dialect).build();
    return api;
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void theServerSendsEachAnswerWithoutWaitingForTheClientsAcknowledgement() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().completed().create();

    assertThat(get("/videos/" + id.value(), "Authorization", AUTH).statusCode()).isEqualTo(200);
    // the JDK server reads it once, at its first start: without it every answer waited 40 ms for a delayed ACK
    assertThat(System.getProperty(FakeHttpServer.NO_DELAY)).isEqualTo("true");
  }

  @Test
  void openAiDialectSpeaksOpenAisVideoObject() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().processing(40).completed().create();

    HttpResponse<byte[]> first = get("/videos/" + id, "Authorization", AUTH);
    HttpResponse<byte[]> second = get("/videos/" + id, "Authorization", AUTH);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("content-type")).contains("application/json");
    assertThat(first.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
    assertThat(text(first)).isEqualTo("{\"id\":\"" + id + "\",\"object\":\"video\",\"created_at\":" + START
        + ",\"status\":\"in_progress\",\"model\":\"sora-2\",\"progress\":40,\"seconds\":\"4\",\"size\":\"720x1280\","
        + "\"remixed_from_video_id\":null,\"completed_at\":null,\"expires_at\":null,\"error\":null}");
    assertThat(text(second)).contains("\"status\":\"completed\"", "\"completed_at\":" + START,
        "\"expires_at\":" + (START + 3600)).doesNotContain("url");
  }

  @Test
  void gatewayDialectSpeaksMillisecondsStringErrorsAndMetaDataUrl() throws Exception {
    fake(Dialect.GATEWAY);
    VideoId done = api.job().processing(40).completed().create();
    VideoId failed = api.job().failed(null, "upstream timeout").create();
    VideoId coded = api.job().failed("moderation_blocked", "blocked").create();

    String processing = text(get("/videos/" + done, "Authorization", AUTH));
    HttpResponse<byte[]> completed = get("/videos/" + done, "Authorization", AUTH);

    assertThat(processing).contains("\"status\":\"processing\"", "\"progress\":40", "\"created_at\":" + START * 1000);
    assertThat(text(completed)).contains("\"meta_data\":{\"url\":\"" + api.baseUrl() + "/videos/" + done + "/content\"}");
    assertThat(completed.headers().firstValue("x-oneapi-request-id")).isPresent();
    assertThat(text(get("/videos/" + failed, "Authorization", AUTH))).contains("\"error\":\"upstream timeout\"");
    assertThat(text(get("/videos/" + coded, "Authorization", AUTH)))
        .contains("\"error\":{\"code\":\"moderation_blocked\",\"message\":\"blocked\"}");
    HttpResponse<byte[]> unknown = get("/videos/video_nope", "Authorization", AUTH);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(text(unknown)).contains("\"code\":\"task_not_exist\"");
  }

  @Test
  void newApiDialectSpeaksTheTaskEnvelope() throws Exception {
    fake(Dialect.NEW_API);
    VideoId id = api.job().processing(40).failed("quota", "out of credit").create();

    assertThat(text(get("/videos/" + id, "Authorization", AUTH))).isEqualTo("{\"code\":\"success\",\"message\":\"\","
        + "\"data\":{\"id\":1,\"task_id\":\"" + id + "\",\"platform\":\"sora\",\"action\":\"generate\","
        + "\"status\":\"IN_PROGRESS\",\"progress\":\"40%\",\"created_at\":" + START + ",\"submit_time\":" + START
        + ",\"start_time\":" + START + ",\"finish_time\":null,\"fail_reason\":\"\",\"model\":\"sora-2\",\"size\":\"720x1280\",\"seconds\":\"4\","
        + "\"url\":\"\"}}");
    assertThat(text(get("/videos/" + id, "Authorization", AUTH)))
        .contains("\"status\":\"FAILURE\"", "\"fail_reason\":\"out of credit\"");
    HttpResponse<byte[]> unknown = get("/videos/video_nope", "Authorization", AUTH);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(text(unknown)).isEqualTo("{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}");
  }

  @Test
  void missingOrWrongKeyIsRefusedWithTheDialectsEnvelopeAndMaskedInTheJournal() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().queued().processing(10).create();

    HttpResponse<byte[]> none = get("/videos/" + id);
    HttpResponse<byte[]> wrong = get("/videos/" + id, "Authorization", "Bearer sk-wrong-key-123456789");
    HttpResponse<byte[]> right = get("/videos/" + id, "Authorization", AUTH);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(text(none)).contains("\"code\":\"invalid_api_key\"", "You didn't provide an API key");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(text(right)).contains("\"status\":\"queued\""); // refused reads did not move the script
    assertThat(api.retrievals(id)).isEqualTo(3);
    assertThat(api.journal()).extracting(RecordedRequest::statusCode).containsExactly(401, 401, 200);
    assertThat(api.journal().get(1).header("authorization")).contains("Bearer sk-***");
    assertThat(api.journal().toString() + api.journal().get(2).headers()).doesNotContain("wrong-key")
        .doesNotContain(FakeVideoApi.DEFAULT_API_KEY);
  }

  @Test
  void rateLimitSendsRetryAfterHeadersAsEachDialectDoes() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().rateLimited(Duration.ofMillis(1500)).create();
    HttpResponse<byte[]> openAi = get("/videos/" + id, "Authorization", AUTH);
    api.close();
    fake(Dialect.GATEWAY);
    VideoId gid = api.job().rateLimited(Duration.ofMillis(1500)).create();
    HttpResponse<byte[]> gateway = get("/videos/" + gid, "Authorization", AUTH);

    assertThat(openAi.statusCode()).isEqualTo(429);
    assertThat(openAi.headers().firstValue("retry-after-ms")).contains("1500");
    assertThat(openAi.headers().firstValue("retry-after")).contains("2");
    assertThat(text(openAi)).contains("\"code\":\"rate_limit_exceeded\"");
    assertThat(gateway.headers().firstValue("retry-after-ms")).isEmpty();
    assertThat(gateway.headers().firstValue("retry-after")).contains("2");
  }

  @Test
  void completedJobServesDeterministicContentInEachVariant() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().completed().create();

    HttpResponse<byte[]> video = get("/videos/" + id + "/content", "Authorization", AUTH);
    HttpResponse<byte[]> thumbnail = get("/videos/" + id + "/content?variant=thumbnail", "Authorization", AUTH);
    HttpResponse<byte[]> sprites = get("/videos/" + id + "/content?variant=spritesheet", "Authorization", AUTH);
    HttpResponse<byte[]> bad = get("/videos/" + id + "/content?variant=poster", "Authorization", AUTH);

    assertThat(video.statusCode()).isEqualTo(200);
    assertThat(video.headers().firstValue("content-type")).contains("video/mp4");
    assertThat(video.headers().firstValue("content-length")).contains(String.valueOf(FakeVideoApi.DEFAULT_CONTENT_BYTES));
    assertThat(video.headers().firstValue("accept-ranges")).contains("bytes");
    assertThat(video.body()).isEqualTo(api.content(id));
    assertThat(new String(video.body(), 4, 8, StandardCharsets.US_ASCII)).isEqualTo("ftypisom");
    assertThat(thumbnail.headers().firstValue("content-type")).contains("image/webp");
    assertThat(new String(thumbnail.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(thumbnail.body()).isEqualTo(api.content(id, "thumbnail"));
    assertThat(sprites.headers().firstValue("content-type")).contains("image/jpeg");
    assertThat(sprites.body()[0] & 0xff).isEqualTo(0xFF);
    assertThat(sprites.body()[1] & 0xff).isEqualTo(0xD8);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(FakeVideoApi.builder().seed(0).build().job().id(id).completed().create()).isEqualTo(id);
    assertThat(api.retrievals(id)).isZero(); // content reads are not status reads
  }

  @Test
  void rangeRequestsGetPartialContent() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().completed().contentBytes(1000).create();
    byte[] all = api.content(id);

    HttpResponse<byte[]> middle = get("/videos/" + id + "/content", "Authorization", AUTH, "Range", "bytes=100-199");
    HttpResponse<byte[]> suffix = get("/videos/" + id + "/content", "Authorization", AUTH, "Range", "bytes=-10");
    HttpResponse<byte[]> open = get("/videos/" + id + "/content", "Authorization", AUTH, "Range", "bytes=990-");
    HttpResponse<byte[]> past = get("/videos/" + id + "/content", "Authorization", AUTH, "Range", "bytes=1000-");
    HttpResponse<byte[]> several = get("/videos/" + id + "/content", "Authorization", AUTH, "Range", "bytes=0-1,5-6");

    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.headers().firstValue("content-range")).contains("bytes 100-199/1000");
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(all, 100, 200));
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(all, 990, 1000));
    assertThat(open.headers().firstValue("content-range")).contains("bytes 990-999/1000");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.headers().firstValue("content-range")).contains("bytes */1000");
    assertThat(several.statusCode()).isEqualTo(200);
  }

  @Test
  void contentOfAJobThatIsNotDoneIsAnError() throws Exception {
    fake(Dialect.OPENAI);
    VideoId queued = api.job().queued().create();
    VideoId failed = api.job().failed("x", "y").create();
    VideoId gone = api.job().completed().notFound().create();
    VideoId expiring = api.job().completed().expiresAfter(Duration.ofMinutes(10)).create();

    HttpResponse<byte[]> notReady = get("/videos/" + queued + "/content", "Authorization", AUTH);
    assertThat(notReady.statusCode()).isEqualTo(409);
    assertThat(text(notReady)).contains("video_not_ready", "it is queued");
    assertThat(get("/videos/" + failed + "/content", "Authorization", AUTH).statusCode()).isEqualTo(404);
    assertThat(get("/videos/video_nope/content", "Authorization", AUTH).statusCode()).isEqualTo(404);
    get("/videos/" + gone, "Authorization", AUTH);
    assertThat(get("/videos/" + gone + "/content", "Authorization", AUTH).statusCode()).isEqualTo(200);
    get("/videos/" + gone, "Authorization", AUTH); // the job is deleted now
    assertThat(get("/videos/" + gone + "/content", "Authorization", AUTH).statusCode()).isEqualTo(404);
    get("/videos/" + expiring, "Authorization", AUTH);
    api.time().advance(Duration.ofMinutes(10));
    HttpResponse<byte[]> expired = get("/videos/" + expiring + "/content", "Authorization", AUTH);
    assertThat(expired.statusCode()).isEqualTo(404);
    assertThat(text(expired)).contains("video_expired");
  }

  @Test
  void droppedDownloadResumesWithARangeRequest() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().completed().contentBytes(10_000).dropContentAfter(4_000).create();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/videos/" + id + "/content"))
        .header("Authorization", AUTH).timeout(Duration.ofSeconds(10)).build();

    HttpResponse<InputStream> cut = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    assertThat(cut.headers().firstValue("content-length")).contains("10000");
    assertThatThrownBy(() -> {
      try (InputStream in = cut.body()) {
        byte[] chunk = new byte[1024];
        for (int n; (n = in.read(chunk)) >= 0; ) {
          got.write(chunk, 0, n);
        }
      }
    }).isInstanceOf(IOException.class);
    assertThat(got.size()).isEqualTo(4_000);
    HttpResponse<byte[]> rest = get("/videos/" + id + "/content", "Authorization", AUTH, "Range", "bytes=4000-");

    assertThat(rest.statusCode()).isEqualTo(206);
    got.write(rest.body());
    assertThat(got.toByteArray()).isEqualTo(api.content(id));
  }

  @Test
  void droppedConnectionStepClosesWithoutAnAnswer() {
    fake(Dialect.OPENAI);
    VideoId id = api.job().droppedConnection().create(); // sticks: java.net.http retries such a GET once

    assertThatThrownBy(() -> get("/videos/" + id, "Authorization", AUTH)).isInstanceOf(IOException.class);
    assertThat(api.journal()).isNotEmpty().allSatisfy(r -> assertThat(r.statusCode()).isZero());
  }

  @Test
  void otherMethodsAndPathsAreRefusedAsTheApiDoes() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().queued().create();

    HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/videos/" + id))
        .header("Authorization", AUTH).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<byte[]> path = get("/files", "Authorization", AUTH);

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).contains("GET");
    assertThat(path.statusCode()).isEqualTo(404);
    assertThat(text(path)).contains("Invalid URL (GET /v1/files)");
  }

  @Test
  void latencyIsRealOverHttp() throws Exception {
    api = FakeVideoApi.builder().faults(Faults.builder().latency(Duration.ofMillis(300)).build()).build();
    VideoId id = api.job().queued().create();
    api.baseUrl();

    long start = System.nanoTime();
    get("/videos/" + id, "Authorization", AUTH);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(api.time().elapsed()).isZero();
  }

  @Test
  void inMemoryAndHttpReadsShareOneScriptAndOneCount() throws Exception {
    fake(Dialect.GATEWAY);
    VideoId id = api.job().queued().processing(50).completed().create();

    api.port().retrieve(id);
    assertThat(text(get("/videos/" + id, "Authorization", AUTH))).contains("\"progress\":50");
    assertThat(api.port().retrieve(id).downloadUrl()).contains(api.contentUrl(id));
    assertThat(api.retrievals(id)).isEqualTo(3);
  }

  @Test
  void inMemoryTransportServesContentAndDropsItToo() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().completed().contentBytes(2_000).dropContentAfter(500).create();
    api.port().retrieve(id);
    TransportRequest request = new TransportRequest("GET", api.contentUrl(id), Map.of("Authorization", AUTH),
        Duration.ofSeconds(5));

    try (StreamedResponse cut = api.transport().exchange(request).send()) {
      assertThat(cut.statusCode()).isEqualTo(200);
      assertThat(cut.header("content-type")).contains("video/mp4");
      assertThat(cut.body().readNBytes(500)).isEqualTo(Arrays.copyOf(api.content(id), 500));
      assertThatThrownBy(() -> cut.body().read()).isInstanceOf(IOException.class).hasMessageContaining("after 500");
    }
    try (StreamedResponse whole = api.transport().exchange(request).send()) {
      assertThat(whole.body().readAllBytes()).isEqualTo(api.content(id));
    }
  }

  @Test
  void closeStopsTheServerAndTheInMemoryClientButKeepsTheRecord() throws Exception {
    fake(Dialect.OPENAI);
    VideoId id = api.job().queued().create();
    URI base = api.baseUrl();

    api.close();
    api.close();

    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(base + "/videos/" + id))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(api::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    // the in-memory client is closed too, so that its worker threads end now, not after their idle minute
    assertThatThrownBy(() -> api.port().retrieve(id)).isInstanceOf(IllegalStateException.class)
        .hasMessage("SoraClient is closed");
    assertThat(api.retrievals(id)).isZero();
    assertThat(api.journal()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"GATEWAY", "NEW_API"})
  void gatewayDialectsSendTheStartTimeAndTheAnnouncedDigestTheyCarry(Dialect dialect) {
    fake(dialect);
    VideoId id = VideoId.of("video_started_1");
    Instant started = VirtualTime.DEFAULT_START.plusSeconds(5);
    String sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    api.serve(Video.builder(id, VideoStatus.COMPLETED).createdAt(VirtualTime.DEFAULT_START).startedAt(started)
        .sha256(sha256).sizeBytes(4).build());

    Video read = api.port().retrieve(id);

    assertThat(read.startedAt()).contains(started);
    assertThat(read.sha256()).contains(sha256);
    assertThat(read.sizeBytes()).hasValue(4);
  }

  @Test
  void aJobIsStampedWhenItReallyStartedAndFinishedNotWhenItWasCreated() {
    fake(Dialect.GATEWAY);
    VideoId id = api.job().queued().processing(40).processing(80).completed().create();
    Instant start = api.time().instant();

    api.port().retrieve(id);                    // queued at the start
    api.time().advance(java.time.Duration.ofSeconds(10));
    api.port().retrieve(id);                    // processing from 10 s
    api.time().advance(java.time.Duration.ofSeconds(10));
    api.port().retrieve(id);
    api.time().advance(java.time.Duration.ofSeconds(10));
    Video done = api.port().retrieve(id);       // completed at 30 s

    assertThat(done.createdAt()).contains(start);
    assertThat(done.startedAt()).contains(start.plusSeconds(10));
    assertThat(done.completedAt()).contains(start.plusSeconds(30));
  }
}
