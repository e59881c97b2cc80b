package dev.sorastatus.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sorastatus.Authentication;
import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoListQuery;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoPage;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VideoStatusPortContract} plus the protocol rows that only an HTTP adapter has: request headers, every
 * gateway dialect, every error-body shape, redirects, size limits and timeouts, all against WireMock on
 * 127.0.0.1. Each transport module runs it; extend it for your own HTTP adapter:
 *
 * <pre>{@code
 * class MyAdapterHttpContractTest extends HttpVideoStatusPortContract {
 *   protected VideoStatusPort createPort(SoraConfig config) { return SoraClient.over(config, MyTransport.create(config)); }
 * }
 * }</pre>
 */
public abstract class HttpVideoStatusPortContract extends VideoStatusPortContract {
  /** For a subclass, which supplies what is under test. */
  protected HttpVideoStatusPortContract() {}

  /** A key that must never be seen outside the {@code Authorization} header. */
  protected static final String KEY = "sk-canary-7f3a9c1e5b2d4860";

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  /**
   * Returns the adapter under test for {@code config}; it is closed after the test if it is
   * {@link AutoCloseable}.
   *
   * @param config the configuration, pointing at the test's WireMock server
   * @return the port
   */
  protected abstract VideoStatusPort createPort(SoraConfig config);

  @Override
  protected final ContractBackend createBackend() {
    return WireMockBackend.start();
  }

  @Override
  protected final VideoStatusPort createPort(ContractBackend backend) {
    return createPort(config().build());
  }

  /**
   * Returns a configuration builder pointing at this class's server, with the canary key, short timeouts and
   * no retries (the contract counts one exchange per call; retries have their own suite,
   * {@link TransportFaultSuite}).
   *
   * @return the builder
   */
  protected final SoraConfig.Builder config() {
    return SoraConfig.builder()
        .baseUrl(wireMock().baseUrl())
        .apiKey(KEY)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.none());
  }

  /**
   * Returns this class's WireMock backend.
   *
   * @return the backend
   */
  protected final WireMockBackend wireMock() {
    return (WireMockBackend) backend();
  }

  private VideoStatusPort portFor(SoraConfig config) {
    return createPort(config);
  }

  private static void close(VideoStatusPort port) throws Exception {
    if (port instanceof AutoCloseable) {
      ((AutoCloseable) port).close();
    }
  }

  private LoggedRequest lastRequest() {
    return wireMock().lastRequest().orElseThrow(() -> new AssertionError("no request reached the server"));
  }

  /** Asserts that nothing {@code t} can show a user or a log contains the key. */
  private static void assertNoKey(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(KEY).doesNotContain("7f3a9c1e5b2d4860");
  }

  // ---- requests --------------------------------------------------------------------------------------------

  @Test
  void requestCarriesBearerKeyAcceptAndUserAgent() {
    VideoId id = VideoId.of("video_headers_1");
    backend().serve(Video.builder(id, VideoStatus.QUEUED).build());

    port().retrieve(id);

    LoggedRequest request = lastRequest();
    assertThat(request.getMethod().getName()).isEqualTo("GET");
    assertThat(request.getUrl()).isEqualTo("/v1/videos/video_headers_1");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    assertThat(request.getHeader("User-Agent")).startsWith("sora-status/");
  }

  @Test
  void configuredHeadersAreSent() throws Exception {
    VideoId id = VideoId.of("video_headers_2");
    backend().serve(Video.builder(id, VideoStatus.QUEUED).build());
    VideoStatusPort port = portFor(config().header("X-Gateway-Route", "sora-2").header("OpenAI-Organization", "org_1").build());
    try {
      port.retrieve(id);
    } finally {
      close(port);
    }

    assertThat(lastRequest().getHeader("X-Gateway-Route")).isEqualTo("sora-2");
    assertThat(lastRequest().getHeader("OpenAI-Organization")).isEqualTo("org_1");
  }

  @Test
  void azureStyleKeyGoesInTheApiKeyHeaderWithTheApiVersionOnTheQuery() throws Exception {
    VideoId id = VideoId.of("video_azure_1");
    VideoStatusPort port = portFor(config().baseUrl(wireMock().baseUrl().toString().replace("/v1", "/openai/v1"))
        .authentication(Authentication.apiKeyHeader()).queryParameter("api-version", "preview").build());
    wireMock().server().stubFor(get(urlPathEqualTo("/openai/v1/videos/video_azure_1"))
        .willReturn(okJson("{\"id\":\"video_azure_1\",\"object\":\"video\",\"status\":\"queued\"}")));
    try {
      port.retrieve(id);
    } finally {
      close(port);
    }

    LoggedRequest request = lastRequest();
    assertThat(request.getUrl()).isEqualTo("/openai/v1/videos/video_azure_1?api-version=preview");
    assertThat(request.getHeader("api-key")).isEqualTo(KEY);
    assertThat(request.containsHeader("Authorization")).isFalse();
  }

  @Test
  void keyInANamedHeaderIsSentRawAndNeverShownInAnError() throws Exception {
    VideoId id = VideoId.of("video_named_header_1");
    wireMock().respond(id, 401, JSON, "{\"error\":{\"message\":\"key " + KEY + " refused\"}}");
    VideoStatusPort port = portFor(config().authentication(Authentication.header("Ocp-Apim-Subscription-Key"))
        .queryParameter("route", "a b&c").build());
    try {
      assertThatThrownBy(() -> port.retrieve(id)).isInstanceOfSatisfying(SoraApiException.class, e -> {
        assertThat(e.kind()).isEqualTo(SoraApiException.Kind.AUTHENTICATION);
        assertNoKey(e);
      });
    } finally {
      close(port);
    }

    LoggedRequest request = lastRequest();
    assertThat(request.getHeader("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
    assertThat(request.containsHeader("Authorization")).isFalse();
    assertThat(request.getUrl()).endsWith("?route=a%20b%26c");
    assertThat(request.queryParameter("route").firstValue()).isEqualTo("a b&c");
  }

  @Test
  void trailingSlashOnTheBaseUrlGivesTheSamePath() throws Exception {
    VideoId id = VideoId.of("video_slash_1");
    backend().serve(Video.builder(id, VideoStatus.QUEUED).build());
    VideoStatusPort port = portFor(config().baseUrl(URI.create(wireMock().baseUrl() + "/")).build());
    try {
      port.retrieve(id);
    } finally {
      close(port);
    }

    assertThat(lastRequest().getUrl()).isEqualTo("/v1/videos/video_slash_1");
  }

  // ---- dialects --------------------------------------------------------------------------------------------

  private static Arguments row(String name, String json, Consumer<Video> check) {
    return Arguments.of(name, json, check);
  }

  static Stream<Arguments> dialects() {
    return Stream.of(
        row("openai in_progress", "{\"id\":\"video_d\",\"object\":\"video\",\"status\":\"in_progress\",\"progress\":33,"
            + "\"created_at\":1761998400,\"model\":\"sora-2\",\"seconds\":\"8\",\"size\":\"1280x720\",\"error\":null}",
            v -> {
              assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING);
              assertThat(v.progress()).isEqualTo(33);
              assertThat(v.createdAt()).contains(Instant.ofEpochSecond(1761998400));
              assertThat(v.seconds()).hasValue(8);
            }),
        row("status spelled RUNNING", "{\"id\":\"video_d\",\"status\":\"RUNNING\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING)),
        row("status in-progress", "{\"id\":\"video_d\",\"status\":\"in-progress\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING)),
        row("status generating", "{\"id\":\"video_d\",\"status\":\"generating\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING)),
        row("status pending", "{\"id\":\"video_d\",\"status\":\"pending\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.QUEUED)),
        row("status NOT_START", "{\"id\":\"video_d\",\"status\":\"NOT_START\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.QUEUED)),
        row("status submitted", "{\"id\":\"video_d\",\"status\":\"submitted\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.QUEUED)),
        row("status SUCCESS", "{\"id\":\"video_d\",\"status\":\"SUCCESS\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED)),
        row("status succeeded", "{\"id\":\"video_d\",\"status\":\"succeeded\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED)),
        row("status cancelled", "{\"id\":\"video_d\",\"status\":\"cancelled\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.FAILED)),
        row("status FAILURE", "{\"id\":\"video_d\",\"status\":\"FAILURE\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.FAILED)),
        row("status unknown kept raw", "{\"id\":\"video_d\",\"status\":\"moderating\"}",
            v -> {
              assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
              assertThat(v.rawStatus()).isEqualTo("moderating");
            }),
        row("progress decimal", "{\"id\":\"video_d\",\"status\":\"processing\",\"progress\":45.7}",
            v -> assertThat(v.progress()).isEqualTo(45)),
        row("progress numeric string", "{\"id\":\"video_d\",\"status\":\"processing\",\"progress\":\"61\"}",
            v -> assertThat(v.progress()).isEqualTo(61)),
        row("progress percent string", "{\"id\":\"video_d\",\"status\":\"processing\",\"progress\":\"45%\"}",
            v -> assertThat(v.progress()).isEqualTo(45)),
        row("progress above 100 clamped", "{\"id\":\"video_d\",\"status\":\"processing\",\"progress\":250}",
            v -> assertThat(v.progress()).isEqualTo(100)),
        row("progress negative clamped", "{\"id\":\"video_d\",\"status\":\"processing\",\"progress\":-5}",
            v -> assertThat(v.progress()).isZero()),
        row("progress absent when completed", "{\"id\":\"video_d\",\"status\":\"completed\"}",
            v -> assertThat(v.progress()).isEqualTo(100)),
        row("timestamps in milliseconds", "{\"id\":\"video_d\",\"status\":\"completed\",\"created_at\":1761998400000,"
            + "\"completed_at\":1761998495000,\"expires_at\":1762002000000}",
            v -> {
              assertThat(v.createdAt()).contains(Instant.ofEpochSecond(1761998400));
              assertThat(v.completedAt()).contains(Instant.ofEpochSecond(1761998495));
              assertThat(v.expiresAt()).contains(Instant.ofEpochSecond(1762002000));
            }),
        row("timestamps as strings and decimals", "{\"id\":\"video_d\",\"status\":\"queued\",\"created_at\":\"1761998400\","
            + "\"expires_at\":1762002000.5}",
            v -> {
              assertThat(v.createdAt()).contains(Instant.ofEpochSecond(1761998400));
              assertThat(v.expiresAt()).contains(Instant.ofEpochSecond(1762002000, 500_000_000));
            }),
        row("zero and null timestamps absent", "{\"id\":\"video_d\",\"status\":\"queued\",\"created_at\":0,\"completed_at\":null}",
            v -> {
              assertThat(v.createdAt()).isEmpty();
              assertThat(v.completedAt()).isEmpty();
            }),
        row("created and finish_time aliases", "{\"id\":\"video_d\",\"status\":\"success\",\"created\":1761998400,\"finish_time\":1761998500}",
            v -> {
              assertThat(v.createdAt()).contains(Instant.ofEpochSecond(1761998400));
              assertThat(v.completedAt()).contains(Instant.ofEpochSecond(1761998500));
            }),
        row("error object", "{\"id\":\"video_d\",\"status\":\"failed\",\"error\":{\"code\":\"moderation_blocked\","
            + "\"message\":\"blocked\",\"type\":\"invalid_request_error\",\"param\":null}}",
            v -> assertThat(v.error()).hasValueSatisfying(e -> {
              assertThat(e.code()).contains("moderation_blocked");
              assertThat(e.message()).isEqualTo("blocked");
            })),
        row("error string", "{\"id\":\"video_d\",\"status\":\"failed\",\"error\":\"upstream timeout\"}",
            v -> assertThat(v.error()).hasValueSatisfying(e -> {
              assertThat(e.code()).isEmpty();
              assertThat(e.message()).isEqualTo("upstream timeout");
            })),
        row("error null with fail_reason", "{\"id\":\"video_d\",\"status\":\"FAILURE\",\"error\":null,\"fail_reason\":\"content policy\"}",
            v -> assertThat(v.error()).hasValueSatisfying(e -> assertThat(e.message()).isEqualTo("content policy"))),
        row("error with empty code", "{\"id\":\"video_d\",\"status\":\"failed\",\"error\":{\"code\":\"\",\"message\":\"boom\"}}",
            v -> assertThat(v.error()).hasValueSatisfying(e -> assertThat(e.code()).isEmpty())),
        row("no error at all", "{\"id\":\"video_d\",\"status\":\"queued\",\"error\":null,\"fail_reason\":\"\"}",
            v -> assertThat(v.error()).isEmpty()),
        row("meta_data.url", "{\"id\":\"video_d\",\"status\":\"completed\",\"meta_data\":{\"url\":\"https://cdn.example.com/a.mp4\"},"
            + "\"video_url\":\"https://cdn.example.com/b.mp4\"}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/a.mp4"))),
        row("metadata.url", "{\"id\":\"video_d\",\"status\":\"completed\",\"metadata\":{\"url\":\"https://cdn.example.com/c.mp4\"}}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/c.mp4"))),
        row("metadata.video_url", "{\"id\":\"video_d\",\"status\":\"completed\",\"metadata\":{\"video_url\":\"https://cdn.example.com/d.mp4\"}}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/d.mp4"))),
        row("video_url", "{\"id\":\"video_d\",\"status\":\"completed\",\"video_url\":\"https://cdn.example.com/e.mp4\"}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/e.mp4"))),
        row("url", "{\"id\":\"video_d\",\"status\":\"completed\",\"url\":\"https://cdn.example.com/f.mp4\"}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/f.mp4"))),
        row("result_url", "{\"id\":\"video_d\",\"status\":\"completed\",\"result_url\":\"https://cdn.example.com/g.mp4\"}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/g.mp4"))),
        row("no id at all is the requested job", "{\"status\":\"processing\",\"progress\":12}",
            v -> {
              assertThat(v.id()).isEqualTo(VideoId.of("video_d"));
              assertThat(v.progress()).isEqualTo(12);
            }),
        row("task_id instead of id", "{\"task_id\":\"video_d\",\"status\":\"processing\"}",
            v -> assertThat(v.id()).isEqualTo(VideoId.of("video_d"))),
        row("success envelope", "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"video_d\",\"status\":\"IN_PROGRESS\","
            + "\"progress\":\"30%\",\"submit_time\":1761998400}}",
            v -> {
              assertThat(v.id()).isEqualTo(VideoId.of("video_d"));
              assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING);
              assertThat(v.progress()).isEqualTo(30);
            }),
        row("status done (xAI via new-api)", "{\"code\":\"success\",\"data\":{\"task_id\":\"video_d\",\"status\":\"done\"}}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED)),
        row("status preprocessing (Azure)", "{\"object\":\"video.generation.job\",\"id\":\"video_d\",\"status\":\"preprocessing\","
            + "\"finished_at\":null,\"failure_reason\":null}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING)),
        row("status IN_QUEUE (fal)", "{\"status\":\"IN_QUEUE\",\"request_id\":\"x\",\"queue_position\":2}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.QUEUED)),
        row("status starting (Replicate)", "{\"id\":\"video_d\",\"status\":\"starting\",\"output\":null}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.QUEUED)),
        row("status canceled (Replicate)", "{\"id\":\"video_d\",\"status\":\"canceled\"}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.FAILED)),
        row("status uncertain kept raw, not terminal", "{\"id\":\"video_d\",\"status\":\"uncertain\"}",
            v -> {
              assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
              assertThat(v.rawStatus()).isEqualTo("uncertain");
              assertThat(v.isTerminal()).isFalse();
            }),
        row("status unknown kept raw, not terminal", "{\"id\":\"video_d\",\"status\":\"UNKNOWN\"}",
            v -> {
              assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
              assertThat(v.rawStatus()).isEqualTo("UNKNOWN");
            }),
        row("an id but no status yet", "{\"id\":\"video_d\",\"object\":\"video\",\"created_at\":1761998400}",
            v -> {
              assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
              assertThat(v.rawStatus()).isEmpty();
              assertThat(v.createdAt()).contains(Instant.ofEpochSecond(1761998400));
            }),
        row("failure_reason (Azure)", "{\"id\":\"video_d\",\"status\":\"failed\",\"failure_reason\":\"input_moderation\"}",
            v -> assertThat(v.error()).hasValueSatisfying(e -> assertThat(e.message()).isEqualTo("input_moderation"))),
        row("started_at and finished_at", "{\"id\":\"video_d\",\"status\":\"succeeded\",\"started_at\":1761998410,"
            + "\"finished_at\":1761998500}",
            v -> {
              assertThat(v.startedAt()).contains(Instant.ofEpochSecond(1761998410));
              assertThat(v.completedAt()).contains(Instant.ofEpochSecond(1761998500));
            }),
        row("ISO timestamps with fractions and offsets (Replicate, Together)", "{\"id\":\"video_d\",\"status\":\"succeeded\","
            + "\"created_at\":\"2025-09-27T02:51:25.765994Z\",\"started_at\":\"2025-09-27T04:51:27+02:00\","
            + "\"completed_at\":\"2025-09-27T02:53:32\"}",
            v -> {
              assertThat(v.createdAt()).contains(Instant.parse("2025-09-27T02:51:25.765994Z"));
              assertThat(v.startedAt()).contains(Instant.parse("2025-09-27T02:51:27Z"));
              assertThat(v.completedAt()).contains(Instant.parse("2025-09-27T02:53:32Z"));
            }),
        row("output string", "{\"id\":\"video_d\",\"status\":\"succeeded\",\"output\":\"https://cdn.example.com/h.mp4\"}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/h.mp4"))),
        row("output array", "{\"id\":\"video_d\",\"status\":\"succeeded\",\"output\":[\"https://cdn.example.com/i.mp4\","
            + "\"https://cdn.example.com/not.mp4\"]}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/i.mp4"))),
        row("outputs.video_url", "{\"id\":\"video_d\",\"status\":\"completed\",\"outputs\":{\"cost\":1,"
            + "\"video_url\":\"https://cdn.example.com/j.mp4\"}}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/j.mp4"))),
        row("unsigned_urls[0]", "{\"id\":\"video_d\",\"status\":\"completed\",\"unsigned_urls\":[\"https://cdn.example.com/k.mp4\"]}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/k.mp4"))),
        row("results[0] string", "{\"id\":\"video_d\",\"status\":\"completed\",\"results\":[\"https://cdn.example.com/l.mp4\"]}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/l.mp4"))),
        row("results[0].url", "{\"id\":\"video_d\",\"status\":\"completed\",\"results\":[{\"url\":\"https://cdn.example.com/m.mp4\"}]}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/m.mp4"))),
        row("data[0].url", "{\"id\":\"video_d\",\"status\":\"succeeded\",\"data\":[{\"url\":\"https://cdn.example.com/n.mp4\"}]}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/n.mp4"))),
        row("data[0].video_url", "{\"id\":\"video_d\",\"status\":\"succeeded\",\"data\":[{\"video_url\":\"https://cdn.example.com/o.mp4\"}]}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/o.mp4"))),
        row("video.url (xAI)", "{\"status\":\"done\",\"video\":{\"url\":\"https://cdn.example.com/p.mp4\",\"duration\":8}}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/p.mp4"))),
        row("first URL in the documented order wins", "{\"id\":\"video_d\",\"status\":\"completed\","
            + "\"results\":[\"https://cdn.example.com/4.mp4\"],\"output\":\"https://cdn.example.com/2.mp4\","
            + "\"result_url\":\"/relative/1.mp4\",\"unsigned_urls\":[\"https://cdn.example.com/3.mp4\"]}",
            v -> assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/2.mp4"))),
        row("announced sha256 and size_bytes", "{\"id\":\"video_d\",\"status\":\"completed\",\"sha256\":\""
            + "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\",\"size_bytes\":\"1024\"}",
            v -> {
              assertThat(v.sha256()).contains("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
              assertThat(v.sizeBytes()).hasValue(1024);
            }),
        row("a malformed sha256 is no announcement", "{\"id\":\"video_d\",\"status\":\"completed\",\"sha256\":\"abc\","
            + "\"size_bytes\":-1}",
            v -> {
              assertThat(v.sha256()).isEmpty();
              assertThat(v.sizeBytes()).isEmpty();
            }),
        row("unknown fields at any depth", "{\"id\":\"video_d\",\"x\":{\"y\":[1,{\"z\":null},[true]]},\"status\":\"queued\","
            + "\"usage\":{\"tokens\":12},\"tags\":[\"a\",\"b\"],\"flag\":false,\"n\":null}",
            v -> assertThat(v.status()).isEqualTo(VideoStatus.QUEUED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void everyGatewayDialectDecodes(String name, String json, Consumer<Video> check) throws Exception {
    VideoId id = VideoId.of("video_d");
    wireMock().respond(id, 200, JSON, json);

    readBothWays(id, check);
  }

  // ---- listing ---------------------------------------------------------------------------------------------

  @Test
  void listingSendsLimitOrderAndCursorOnTheQuery() {
    wireMock().respondList("video_9", 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");

    port().list(VideoListQuery.defaults().withLimit(7).withOrder("asc").withAfter(VideoId.of("video_9")));

    LoggedRequest request = lastRequest();
    assertThat(request.getUrl()).isEqualTo("/v1/videos?limit=7&order=asc&after=video_9");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
  }

  @Test
  void gatewayListingWithoutCursorsFollowsTheLastItemsId() {
    wireMock().respondList(null, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"video_b\",\"status\":\"processing\","
        + "\"progress\":50,\"created_at\":1761998400000},{\"id\":\"video_a\",\"status\":\"queued\"}]}");
    wireMock().respondList("video_a", 200, "{\"object\":\"list\",\"data\":[]}");

    Iterator<VideoPage> pages = port().listPages(VideoListQuery.defaults().withLimit(2));
    VideoPage first = pages.next();

    assertThat(first.videos()).extracting(v -> v.id().value()).containsExactly("video_b", "video_a");
    assertThat(first.videos().get(0).createdAt()).contains(Instant.ofEpochSecond(1761998400));
    assertThat(first.lastId()).contains(VideoId.of("video_a"));
    assertThat(pages.next().videos()).isEmpty();
    assertThat(pages.hasNext()).as("an empty page ends the listing").isFalse();
    assertThat(lastRequest().queryParameter("after").firstValue()).isEqualTo("video_a");
    assertThat(backend().requestCount()).isEqualTo(2);
  }

  @Test
  void newApiListingEnvelopeIsUnwrapped() {
    wireMock().respondList(null, 200, "{\"code\":\"success\",\"message\":\"\",\"data\":{\"object\":\"list\",\"data\":["
        + "{\"id\":42,\"task_id\":\"task_01\",\"status\":\"SUCCESS\",\"progress\":\"100%\","
        + "\"url\":\"https://cdn.example.com/task_01.mp4\"}],\"has_more\":false}}");

    VideoPage page = port().list(VideoListQuery.defaults());

    assertThat(page.videos()).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo(VideoId.of("task_01"));
      assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED);
      assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/task_01.mp4"));
    });
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void rateLimitedListingIsRetriedAsARetrieveIs() throws Exception {
    backend().serveList(List.of(Video.builder(VideoId.of("video_l1"), VideoStatus.QUEUED).build()), 20);
    backend().failList(429, 1);
    List<Duration> waits = new CopyOnWriteArrayList<>();
    VideoStatusPort port = portFor(config().retryPolicy(RetryPolicy.builder().jitter(0).build())
        .scheduler(new SleepRecorder(waits)).build());
    try {
      VideoPage page = port.list(VideoListQuery.defaults());

      assertThat(page.videos()).extracting(v -> v.id().value()).containsExactly("video_l1");
      assertThat(waits).containsExactly(Duration.ofSeconds(1));
      assertThat(backend().requestCount()).isEqualTo(2);
    } finally {
      close(port);
    }
  }

  @Test
  void listedItemThatIsNotAVideoFailsThePageNamingIt() {
    wireMock().respondList(null, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"video_a\",\"status\":\"queued\"},"
        + "{\"object\":\"video\",\"status\":\"queued\"}],\"has_more\":false}");

    assertThatThrownBy(() -> port().list(VideoListQuery.defaults()))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("data[1] names no job");
  }

  // ---- errors ----------------------------------------------------------------------------------------------

  @Test
  void openAiErrorBodyGivesStatusCodeMessageAndRequestId() {
    VideoId id = VideoId.of("video_err_1");
    wireMock().respond(id, 409, Map.of("Content-Type", "application/json", "x-request-id", "req_abc123"),
        "{\"error\":{\"message\":\"Video is still being processed\",\"type\":\"invalid_request_error\",\"param\":\"id\","
            + "\"code\":\"video_not_ready\"}}");

    SoraApiException e = (SoraApiException) catchThrowable(() -> port().retrieve(id));

    assertThat(e.getClass()).isEqualTo(SoraApiException.class);
    assertThat(e.statusCode()).isEqualTo(409);
    assertThat(e.errorCode()).contains("video_not_ready");
    assertThat(e.requestId()).contains("req_abc123");
    assertThat(e.getMessage()).startsWith("HTTP 409").contains("Video is still being processed");
  }

  @Test
  void flatGatewayErrorBodyAndOneApiRequestIdAreRead() {
    VideoId id = VideoId.of("video_err_2");
    wireMock().respond(id, 422, Map.of("Content-Type", "application/json", "X-Oneapi-Request-Id", "2026112812000012345"),
        "{\"code\":\"invalid_params\",\"message\":\"bad model\",\"data\":null}");

    SoraApiException e = (SoraApiException) catchThrowable(() -> port().retrieve(id));

    assertThat(e.statusCode()).isEqualTo(422);
    assertThat(e.errorCode()).contains("invalid_params");
    assertThat(e.requestId()).contains("2026112812000012345");
    assertThat(e.getMessage()).contains("bad model");
  }

  @Test
  void gatewayTaskNotExistIsNotFound() throws Exception {
    VideoId id = VideoId.of("task_01JD");
    wireMock().respond(id, 400, JSON, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}");

    Throwable e = catchThrowable(() -> port().retrieve(id));

    assertThat(e).isInstanceOf(VideoNotFoundException.class);
    assertThat(((VideoNotFoundException) e).statusCode()).isEqualTo(400);
    assertThat(((VideoNotFoundException) e).videoId()).isEqualTo(id);
  }

  @Test
  void newApiTaskNotExistOn404IsNotFoundToo() throws Exception {
    VideoId id = VideoId.of("task_01JE");
    wireMock().respond(id, 404, JSON, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}");

    Throwable e = catchThrowable(() -> port().retrieve(id));

    assertThat(e).isInstanceOf(VideoNotFoundException.class);
    assertThat(((VideoNotFoundException) e).statusCode()).isEqualTo(404);
    assertThat(((VideoNotFoundException) e).errorCode()).contains("task_not_exist");
  }

  @Test
  void emptyRateLimitWithoutADelayIsStillARateLimit() {
    VideoId id = VideoId.of("video_429_bare");
    wireMock().respond(id, 429, Map.of(), "");

    SoraApiException e = (SoraApiException) catchThrowable(() -> port().retrieve(id));

    assertThat(e.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED);
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.getMessage()).contains("rate limited", "(empty body)");
  }

  @Test
  void plainTextErrorBodyIsExcerpted() {
    VideoId id = VideoId.of("video_err_3");
    wireMock().respond(id, 503, Map.of("Content-Type", "text/plain"), "upstream connect error or disconnect/reset before headers");

    SoraApiException e = (SoraApiException) catchThrowable(() -> port().retrieve(id));

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.bodyExcerpt()).isEqualTo("upstream connect error or disconnect/reset before headers");
  }

  @Test
  void proxyHtmlPageIsATypedServerError() {
    VideoId id = VideoId.of("video_err_4");
    wireMock().respond(id, 502, Map.of("Content-Type", "text/html"),
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n" + "<!-- padding -->".repeat(100));

    SoraApiException e = (SoraApiException) catchThrowable(() -> port().retrieve(id));

    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.bodyExcerpt()).contains("502 Bad Gateway").doesNotContain("\r").doesNotContain("\n");
    assertThat(e.bodyExcerpt().length()).isLessThanOrEqualTo(201);
  }

  @Test
  void keyEchoedByTheServerIsMaskedEverywhere() {
    VideoId id = VideoId.of("video_err_5");
    wireMock().respond(id, 401, Map.of("Content-Type", "application/json", "x-request-id", KEY),
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". Authorization: Bearer " + KEY + "\","
            + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");

    Throwable e = catchThrowable(() -> port().retrieve(id));

    assertNoKey(e);
    assertThat(((SoraApiException) e).bodyExcerpt()).doesNotContain(KEY);
    assertThat(port().toString()).doesNotContain(KEY);
  }

  @Test
  void rateLimitDelayPrefersRetryAfterMs() {
    VideoId id = VideoId.of("video_429_1");
    wireMock().respond(id, 429, Map.of("Content-Type", "application/json", "retry-after-ms", "1500", "Retry-After", "9"),
        "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");

    SoraApiException e = (SoraApiException) catchThrowable(() -> port().retrieve(id));

    assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
  }

  @Test
  void redirectIsNeverFollowedAndNamesOnlyTheHost() {
    VideoId id = VideoId.of("video_moved_1");
    wireMock().respond(id, 302, Map.of("Location", "https://elsewhere.example.net/v1/videos/video_moved_1?token=secret"), "");

    SoraApiException e = (SoraApiException) catchThrowable(() -> port().retrieve(id));

    assertThat(e.statusCode()).isEqualTo(302);
    assertThat(e.getMessage()).contains("elsewhere.example.net").doesNotContain("token=secret");
    assertThat(backend().requestCount()).isEqualTo(1);
  }

  static Stream<Arguments> notVideos() {
    return Stream.of(
        Arguments.of("empty body", 200, "application/json", ""),
        Arguments.of("no content", 204, "application/json", ""),
        Arguments.of("not JSON", 200, "application/json", "Service temporarily unavailable"),
        Arguments.of("HTML page", 200, "text/html; charset=utf-8", "<html><body>Login</body></html>"),
        Arguments.of("JSON array", 200, "application/json", "[{\"id\":\"video_x\"}]"),
        Arguments.of("another job's id", 200, "application/json", "{\"id\":\"video_y\",\"status\":\"completed\"}"),
        Arguments.of("another job's task_id", 200, "application/json", "{\"task_id\":\"video_y\",\"status\":\"failed\"}"),
        Arguments.of("neither id nor status", 200, "application/json", "{\"object\":\"video\",\"progress\":5}"),
        Arguments.of("truncated JSON", 200, "application/json", "{\"id\":\"video_x\",\"status\":\"que"),
        Arguments.of("envelope with an error", 200, "application/json", "{\"code\":\"error\",\"message\":\"busy\",\"data\":null}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notVideos")
  void successfulResponseThatIsNotAVideoIsMalformed(String name, int status, String type, String body) {
    VideoId id = VideoId.of("video_x");
    wireMock().respond(id, status, Map.of("Content-Type", type), body);

    Throwable sync = catchThrowable(() -> port().retrieve(id));
    Throwable async = catchThrowable(() -> port().retrieveAsync(id).get(10, TimeUnit.SECONDS));

    assertThat(sync).isInstanceOf(MalformedResponseException.class);
    assertThat(((MalformedResponseException) sync).statusCode()).isEqualTo(status);
    assertThat(async).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MalformedResponseException.class);
  }

  // ---- limits and timeouts ---------------------------------------------------------------------------------

  @Test
  void bodyOverTheSizeLimitFailsInsteadOfTruncating() throws Exception {
    VideoId id = VideoId.of("video_big_1");
    byte[] body = ("{\"id\":\"video_big_1\",\"status\":\"queued\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    wireMock().respond(id, 200, JSON, body, Duration.ZERO, Duration.ZERO);
    VideoStatusPort port = portFor(config().maxResponseBytes(16 * 1024).build());
    try {
      Throwable sync = catchThrowable(() -> port.retrieve(id));
      Throwable async = catchThrowable(() -> port.retrieveAsync(id).get(10, TimeUnit.SECONDS));

      assertThat(sync).isInstanceOf(MalformedResponseException.class).hasMessageContaining("16384-byte limit");
      assertThat(async).cause().isInstanceOf(MalformedResponseException.class).hasMessageContaining("16384-byte limit");
    } finally {
      close(port);
    }
  }

  @Test
  void chunkedBodyOverTheSizeLimitFailsToo() throws Exception {
    VideoId id = VideoId.of("video_big_2");
    byte[] body = new byte[40 * 1024];
    Arrays.fill(body, (byte) ' ');
    wireMock().respond(id, 200, JSON, body, Duration.ZERO, Duration.ofMillis(50));
    VideoStatusPort port = portFor(config().maxResponseBytes(8 * 1024).build());
    try {
      assertThatThrownBy(() -> port.retrieve(id))
          .isInstanceOf(MalformedResponseException.class).hasMessageContaining("8192-byte limit");
    } finally {
      close(port);
    }
  }

  @Test
  void bodyExactlyAtTheLimitIsAccepted() throws Exception {
    VideoId id = VideoId.of("video_edge_1");
    String head = "{\"id\":\"video_edge_1\",\"status\":\"queued\",\"pad\":\"";
    String json = head + "x".repeat(4096 - head.length() - 2) + "\"}";
    assertThat(json.length()).isEqualTo(4096);
    wireMock().respond(id, 200, JSON, json);
    VideoStatusPort port = portFor(config().maxResponseBytes(4096).build());
    try {
      assertThat(port.retrieve(id).status()).isEqualTo(VideoStatus.QUEUED);
    } finally {
      close(port);
    }
  }

  @Test
  void errorStatusWithAHugeBodyIsStillTypedByItsStatus() throws Exception {
    VideoId id = VideoId.of("video_big_3");
    wireMock().respond(id, 503, Map.of("Content-Type", "text/html"), "<html>" + "x".repeat(200_000) + "</html>");
    VideoStatusPort port = portFor(config().maxResponseBytes(8 * 1024).build());
    try {
      assertThatThrownBy(() -> port.retrieve(id)).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
    } finally {
      close(port);
    }
  }

  @Test
  void slowHeadersTimeOutWithinTheRequestTimeout() throws Exception {
    VideoId id = VideoId.of("video_slow_1");
    wireMock().respond(id, 200, JSON, "{\"id\":\"video_slow_1\",\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(3), Duration.ZERO);
    VideoStatusPort port = portFor(config().requestTimeout(Duration.ofMillis(400)).build());
    try {
      long start = System.nanoTime();
      Throwable sync = catchThrowable(() -> port.retrieve(id));
      long syncMillis = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      Throwable async = catchThrowable(() -> port.retrieveAsync(id).get(10, TimeUnit.SECONDS));
      long asyncMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(sync).isInstanceOf(SoraTransportException.class);
      assertThat(((SoraTransportException) sync).isTimeout()).as("isTimeout of %s", sync).isTrue();
      assertThat(async).cause().isInstanceOf(SoraTransportException.class);
      assertThat(syncMillis).isBetween(300L, 2500L);
      assertThat(asyncMillis).isBetween(300L, 2500L);
    } finally {
      close(port);
    }
  }

  @Test
  void bodyThatDribblesPastTheTimeoutIsCutOff() throws Exception {
    // a byte every 50 ms for 3 s: no read waits long enough for a socket timeout, only a deadline over the
    // whole exchange stops it
    try (DribblingServer dribbling = new DribblingServer(60, Duration.ofMillis(50))) {
      VideoStatusPort port = portFor(config().baseUrl(dribbling.baseUrl()).requestTimeout(Duration.ofMillis(600)).build());
      try {
        long start = System.nanoTime();
        Throwable sync = catchThrowable(() -> port.retrieve(VideoId.of("video_slow_2")));
        long syncMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Throwable async = catchThrowable(() -> port.retrieveAsync(VideoId.of("video_slow_2")).get(10, TimeUnit.SECONDS));
        long asyncMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(sync).isInstanceOf(SoraTransportException.class);
        assertThat(((SoraTransportException) sync).isTimeout()).as("isTimeout of %s", sync).isTrue();
        assertThat(async).cause().isInstanceOf(SoraTransportException.class);
        assertThat(syncMillis).isBetween(500L, 2000L);
        assertThat(asyncMillis).isBetween(500L, 2000L);
      } finally {
        close(port);
      }
    }
  }

  @Test
  void refusedConnectionIsATransportErrorWithItsCause() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    VideoStatusPort port = portFor(config().baseUrl(URI.create("http://127.0.0.1:" + closedPort + "/v1")).build());
    try {
      Throwable sync = catchThrowable(() -> port.retrieve(VideoId.of("video_nowhere")));
      Throwable async = catchThrowable(() -> port.retrieveAsync(VideoId.of("video_nowhere")).get(10, TimeUnit.SECONDS));

      assertThat(sync).isInstanceOf(SoraTransportException.class).hasCauseInstanceOf(IOException.class);
      assertThat(sync.getMessage()).startsWith("GET http://127.0.0.1:" + closedPort + "/v1/videos/video_nowhere failed");
      assertThat(async).cause().isInstanceOf(SoraTransportException.class);
      assertNoKey(sync);
    } finally {
      close(port);
    }
  }

  @Test
  void connectionsAreReusedAfterErrorResponses() {
    VideoId ok = VideoId.of("video_reuse_ok");
    VideoId missing = VideoId.of("video_reuse_missing");
    VideoId broken = VideoId.of("video_reuse_broken");
    backend().serve(Video.builder(ok, VideoStatus.QUEUED).build());
    backend().notFound(missing);
    backend().serverError(broken, 503);

    for (int i = 0; i < 30; i++) {
      assertThat(port().retrieve(ok).status()).isEqualTo(VideoStatus.QUEUED);
      assertThatThrownBy(() -> port().retrieve(missing)).isInstanceOf(VideoNotFoundException.class);
      assertThatThrownBy(() -> port().retrieve(broken)).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
    }

    assertThat(backend().requestCount()).isEqualTo(90);
  }

  @Test
  void closedAdapterRefusesCallsAndClosesOnlyOnce() throws Exception {
    VideoStatusPort port = portFor(config().build());
    if (!(port instanceof AutoCloseable)) {
      return;
    }
    ((AutoCloseable) port).close();
    ((AutoCloseable) port).close();

    assertThatThrownBy(() -> port.retrieve(VideoId.of("video_after_close"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> port.retrieveAsync(VideoId.of("video_after_close"))).isInstanceOf(IllegalStateException.class);
    assertThat(backend().requestCount()).isZero();
  }

  @Test
  void everyTypedErrorIsASoraException() {
    VideoId id = VideoId.of("video_root_1");
    wireMock().respond(id, 418, Map.of("Content-Type", "text/plain"), "I'm a teapot");

    assertThat(catchThrowable(() -> port().retrieve(id))).isInstanceOf(SoraException.class)
        .isExactlyInstanceOf(SoraApiException.class);
  }
}
