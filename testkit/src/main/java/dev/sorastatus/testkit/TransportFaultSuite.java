package dev.sorastatus.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sorastatus.InvalidVideoIdException;
import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix every HTTP adapter must survive, against WireMock and a scripted loopback socket server on
 * 127.0.0.1: unsafe ids, every error status with the exact attempt count of the default
 * {@link RetryPolicy}, server delays recorded exactly in virtual time, bodies that are not videos, too big,
 * truncated or endless, network faults ended within the configured time, connections neither leaked nor
 * wasted, redirects never followed, the API key never shown, and a soak of 20,000 calls with injected
 * faults. After every test it searches each captured log record, exception, stack trace and
 * {@code toString()} for the key. Extend it for an adapter:
 *
 * <pre>{@code
 * class MyAdapterFaultMatrixTest extends TransportFaultSuite {
 *   protected VideoStatusPort createPort(SoraConfig config) { return SoraClient.over(config, MyTransport.create(config)); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportFaultSuite {
  /** For a subclass, which supplies what is under test. */
  protected TransportFaultSuite() {}

  /** The key every test uses; it must never be seen outside the {@code Authorization} header. */
  protected static final String KEY = "sk-canary-fault-3e1d5c7a9b2f4680";

  private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  private static final String JSON = "application/json";
  private static final Duration HALF = Duration.ofMillis(500);
  private static final Duration ONE = Duration.ofSeconds(1);

  private WireMockBackend api;
  private WireMockBackend elsewhere;
  private LogCapture logs;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<String> produced = new ArrayList<>();
  private RecordedTime time;

  /** How a test reads: blocking, or through the returned future. */
  protected enum Mode {
    /** {@link VideoStatusPort#retrieve}. */
    SYNC,
    /** {@link VideoStatusPort#retrieveAsync}. */
    ASYNC
  }

  /**
   * Returns the adapter under test for {@code config}; it is closed after the test if it is
   * {@link AutoCloseable}.
   *
   * @param config the configuration, pointing at one of this suite's servers
   * @return the port
   */
  protected abstract VideoStatusPort createPort(SoraConfig config);

  /**
   * Returns the adapter under test with pools of at most {@code poolSize} connections that wait at most
   * {@code leaseTimeout} for one, so that a leaked connection fails fast. A transport without a bounded pool
   * keeps the default, which returns {@link #createPort(SoraConfig)}; its leaks show in the server's count
   * of open connections instead.
   *
   * @param config the configuration
   * @param poolSize the most connections per pool
   * @param leaseTimeout the longest wait for a pooled connection
   * @return the port
   */
  protected VideoStatusPort createPort(SoraConfig config, int poolSize, Duration leaseTimeout) {
    return createPort(config);
  }

  /**
   * Returns whether the HTTP client under the adapter re-sends a {@code GET} by itself, once, when the
   * connection is closed or reset before any byte of the response arrived (the usual sign of a stale pooled
   * connection). The JDK's client does, and it cannot be turned off; such a re-send is not a policy retry
   * (no wait, no attempt counted), but the server sees it.
   *
   * @return false by default
   */
  protected boolean resendsOnEarlyClose() {
    return false;
  }

  @BeforeAll
  final void startServers() {
    api = WireMockBackend.start();
    elsewhere = WireMockBackend.start();
    logs = new LogCapture();
  }

  @AfterAll
  final void stopServers() {
    logs.close();
    api.close();
    elsewhere.close();
  }

  @BeforeEach
  final void resetState() {
    api.reset();
    elsewhere.reset();
    time = new RecordedTime(T0);
    produced.clear();
    logs.clear();
  }

  /** Row 7, after every row: the key appears in no log record, exception, stack trace or toString. */
  @AfterEach
  final void closePortsAndSearchForTheKey() throws Exception {
    for (AutoCloseable c : opened) {
      produced.add(c.toString());
      c.close();
    }
    opened.clear();
    time.close();
    List<String> everything = new ArrayList<>(produced);
    everything.addAll(logs.lines());
    assertThat(everything).as("log records, errors and toStrings of this test")
        .allSatisfy(text -> assertThat(text).doesNotContain(KEY).doesNotContain("3e1d5c7a9b2f4680"));
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  /**
   * Returns a configuration for {@code baseUrl} with the canary key, short timeouts, exact backoff and
   * virtual time.
   */
  private SoraConfig.Builder config(URI baseUrl) {
    return SoraConfig.builder()
        .baseUrl(baseUrl)
        .apiKey(KEY)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .clock(time)
        .scheduler(time.scheduler());
  }

  private VideoStatusPort port(SoraConfig config) {
    return remember(createPort(config));
  }

  private VideoStatusPort remember(VideoStatusPort port) {
    if (port instanceof AutoCloseable) {
      opened.add((AutoCloseable) port);
    }
    return port;
  }

  /** Reads {@code id}; returns the video or the failure, recording the failure's trace for row 7. */
  private Object read(VideoStatusPort port, VideoId id, Mode mode) {
    Object result;
    try {
      result = mode == Mode.SYNC ? port.retrieve(id) : port.retrieveAsync(id).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      result = e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (TimeoutException e) {
      throw new AssertionError("async read of " + id + " did not end", e);
    } catch (RuntimeException e) {
      result = e;
    }
    record(result);
    return result;
  }

  private void record(Object result) {
    if (result instanceof Throwable) {
      StringWriter trace = new StringWriter();
      ((Throwable) result).printStackTrace(new PrintWriter(trace));
      produced.add(trace.toString());
    } else {
      produced.add(String.valueOf(result));
    }
  }

  private static <T> T as(Class<T> type, Object result) {
    assertThat(result).as("outcome").isInstanceOf(type);
    return type.cast(result);
  }

  private long requestsTo(WireMockBackend server) {
    return server.server().countRequestsMatching(RequestPatternBuilder.allRequests().build()).getCount();
  }

  private void stub(VideoId id, ResponseDefinitionBuilder response) {
    api.server().stubFor(any(urlPathEqualTo("/v1/videos/" + id.value())).willReturn(response));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
  }

  private static String videoJson(VideoId id, int progress) {
    return "{\"id\":\"" + id + "\",\"object\":\"video\",\"status\":\"in_progress\",\"progress\":" + progress
        + ",\"created_at\":1764331200,\"model\":\"sora-2\",\"seconds\":\"8\",\"size\":\"1280x720\"}";
  }

  private static String errorJson(String code, String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"") + "}}";
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  // ---- row 1: unsafe ids -----------------------------------------------------------------------------------

  static Stream<String> unsafeIds() {
    return Stream.of("a/b", "..", "video?x=1", "video#frag", "video%2F..", "video%2Fx", "video\r\nX-Injected: 1",
        "video\n", "video\u0000", "vidéo", "видео", "video\u2028", "v".repeat(10_000), "", " ");
  }

  @ParameterizedTest
  @MethodSource("unsafeIds")
  void unsafeIdIsRejectedWithZeroRequests(String raw) {
    VideoStatusPort port = port(config(api.baseUrl()).build());

    Object sync = readRaw(port, Mode.SYNC, raw);
    Object async = readRaw(port, Mode.ASYNC, raw);

    assertThat(sync).isInstanceOf(InvalidVideoIdException.class);
    assertThat(async).isInstanceOf(InvalidVideoIdException.class);
    assertThat(requestsTo(api)).isZero();
  }

  /** Reads the job spelled {@code raw}, id validation included. */
  private Object readRaw(VideoStatusPort port, Mode mode, String raw) {
    Object result;
    try {
      VideoId id = VideoId.of(raw);
      result = mode == Mode.SYNC ? port.retrieve(id) : port.retrieveAsync(id).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      result = e;
    }
    record(result);
    return result;
  }

  // ---- row 2: statuses -------------------------------------------------------------------------------------

  static Stream<Arguments> statuses() {
    String html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1>"
        + "</center><hr><center>nginx</center></body></html>";
    return Stream.of(
        Arguments.of(401, JSON, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". Authorization: Bearer "
            + KEY + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", SoraApiException.class, 1),
        Arguments.of(403, JSON, errorJson("unsupported_country_region_territory", "not supported"),
            SoraApiException.class, 1),
        Arguments.of(404, JSON, errorJson("video_not_found", "Video not found."), VideoNotFoundException.class, 1),
        Arguments.of(400, JSON, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}",
            VideoNotFoundException.class, 1),
        Arguments.of(400, JSON, errorJson("invalid_request", "bad"), SoraApiException.class, 1),
        Arguments.of(409, JSON, errorJson("video_not_ready", "still processing"), SoraApiException.class, 1),
        Arguments.of(422, JSON, "{\"code\":\"invalid_params\",\"message\":\"bad model\",\"data\":null}", SoraApiException.class, 1),
        Arguments.of(418, "text/plain", "I'm a teapot", SoraApiException.class, 1),
        Arguments.of(408, JSON, errorJson("timeout", "request timeout"), SoraApiException.class, 3),
        Arguments.of(429, JSON, errorJson("rate_limit_exceeded", "slow down"), SoraApiException.class, 3),
        Arguments.of(500, JSON, errorJson(null, "The server had an error"), SoraApiException.class, 3),
        Arguments.of(502, "text/html", html, SoraApiException.class, 3),
        Arguments.of(503, "text/plain", "upstream connect error or disconnect/reset before headers",
            SoraApiException.class, 3),
        Arguments.of(504, JSON, errorJson("gateway_timeout", "upstream timed out"), SoraApiException.class, 3));
  }

  @ParameterizedTest(name = "HTTP {0} {2}")
  @MethodSource("statuses")
  void errorStatusIsTypedWithTheExactAttemptCount(
      int status, String type, String body, Class<? extends SoraException> expected, int attempts) {
    VideoId id = VideoId.of("video_status_" + status);
    stub(id, aResponse().withStatus(status).withHeader("Content-Type", type).withHeader("x-request-id", "req_" + status)
        .withBody(body));
    VideoStatusPort port = port(config(api.baseUrl()).build());

    for (Mode mode : Mode.values()) {
      api.server().resetRequests();
      time.clearWaits();

      SoraException e = as(expected, read(port, id, mode));

      assertThat(e).as("%s", mode).isInstanceOf(SoraApiException.class);
      assertThat(((SoraApiException) e).statusCode()).isEqualTo(status);
      assertThat(((SoraApiException) e).requestId()).contains("req_" + status);
      assertThat(requestsTo(api)).as("requests, %s", mode).isEqualTo(attempts);
      assertThat(e.getSuppressed()).hasSize(attempts - 1);
      assertThat(time.waits()).isEqualTo(attempts == 3 ? List.of(HALF, ONE) : List.of());
      if (attempts > 1) {
        assertThat(e.getMessage()).endsWith(" after " + attempts + " attempts");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void transientFailuresThenSuccessReturnTheVideo(Mode mode) {
    VideoId id = VideoId.of("video_flaky_1");
    String scenario = "flaky-" + mode;
    // garbage rather than a reset, which some clients re-send by themselves: see resendsOnEarlyClose()
    api.server().stubFor(any(urlPathEqualTo("/v1/videos/" + id.value())).inScenario(scenario)
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("garbage")
        .willReturn(json(503, errorJson(null, "overloaded"))));
    api.server().stubFor(any(urlPathEqualTo("/v1/videos/" + id.value())).inScenario(scenario)
        .whenScenarioStateIs("garbage").willSetStateTo("ok")
        .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
    api.server().stubFor(any(urlPathEqualTo("/v1/videos/" + id.value())).inScenario(scenario)
        .whenScenarioStateIs("ok").willReturn(json(200, videoJson(id, 61))));

    Video video = as(Video.class, read(port(config(api.baseUrl()).build()), id, mode));

    assertThat(video.progress()).isEqualTo(61);
    assertThat(requestsTo(api)).isEqualTo(3);
    assertThat(time.waits()).containsExactly(HALF, ONE);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void shouldRetryHeaderOverridesTheStatusRule(Mode mode) {
    VideoId no = VideoId.of("video_should_not");
    VideoId yes = VideoId.of("video_should");
    stub(no, json(503, errorJson(null, "down")).withHeader("x-should-retry", "false"));
    stub(yes, json(409, errorJson("conflict", "try again")).withHeader("x-should-retry", "true"));
    VideoStatusPort port = port(config(api.baseUrl()).build());

    as(SoraApiException.class, read(port, no, mode));
    assertThat(requestsTo(api)).isEqualTo(1);
    as(SoraApiException.class, read(port, yes, mode));
    assertThat(requestsTo(api)).isEqualTo(1 + 3);
  }

  // ---- row 3: server delays in virtual time ----------------------------------------------------------------

  static Stream<Arguments> serverDelays() {
    return Stream.of(
        Arguments.of("Retry-After seconds", Map.of("Retry-After", List.of("2")), List.of(secs(2), secs(2))),
        Arguments.of("Retry-After date", Map.of("Retry-After", List.of("Sat, 28 Nov 2026 12:00:05 GMT")),
            List.of(secs(5), ONE)),
        Arguments.of("retry-after-ms beside Retry-After", Map.of("retry-after-ms", List.of("1500"), "Retry-After",
            List.of("9")), List.of(Duration.ofMillis(1500), Duration.ofMillis(1500))),
        Arguments.of("zero", Map.of("Retry-After", List.of("0")), List.of(HALF, ONE)),
        Arguments.of("negative", Map.of("retry-after-ms", List.of("-200")), List.of(HALF, ONE)),
        Arguments.of("non-finite", Map.of("retry-after-ms", List.of("NaN"), "Retry-After", List.of("Infinity")),
            List.of(HALF, ONE)),
        Arguments.of("unparseable", Map.of("Retry-After", List.of("in a while")), List.of(HALF, ONE)),
        Arguments.of("duplicated", Map.of("Retry-After", List.of("3", "7")), List.of(HALF, ONE)));
  }

  private static Duration secs(long s) {
    return Duration.ofSeconds(s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverDelays")
  void serverDelayIsWaitedExactlyInVirtualTime(String name, Map<String, List<String>> headers, List<Duration> waits) {
    VideoId id = VideoId.of("video_delay_1");
    ResponseDefinitionBuilder r = json(429, errorJson("rate_limit_exceeded", "slow down"));
    headers.forEach((k, v) -> r.withHeader(k, v.toArray(new String[0])));
    stub(id, r);

    as(SoraApiException.class, read(port(config(api.baseUrl()).build()), id, Mode.SYNC));

    assertThat(time.waits()).isEqualTo(waits);
    assertThat(requestsTo(api)).isEqualTo(3);
  }

  @Test
  void asyncCallWaitsTheSameDelaysThroughTheScheduler() {
    VideoId id = VideoId.of("video_delay_2");
    stub(id, json(503, errorJson(null, "busy")).withHeader("retry-after-ms", "1500").withHeader("Retry-After", "9"));

    as(SoraApiException.class, read(port(config(api.baseUrl()).build()), id, Mode.ASYNC));

    assertThat(time.waits()).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(1500));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void serverDelayAboveTheCapFailsAtOnceWithTheDelayItAskedFor(Mode mode) {
    VideoId id = VideoId.of("video_delay_3");
    stub(id, json(429, errorJson("rate_limit_exceeded", "come back later")).withHeader("Retry-After", "7200"));

    SoraApiException e = as(SoraApiException.class, read(port(config(api.baseUrl()).build()), id, mode));

    assertThat(e.retryAfter()).contains(Duration.ofHours(2));
    assertThat(requestsTo(api)).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void serverDelayLongerThanTheRemainingDeadlineStopsWithADeadlineError(Mode mode) {
    VideoId id = VideoId.of("video_delay_4");
    stub(id, json(429, errorJson("rate_limit_exceeded", "slow down")).withHeader("Retry-After", "6"));
    SoraConfig config = config(api.baseUrl())
        .retryPolicy(RetryPolicy.builder().jitter(0).deadline(Duration.ofSeconds(10)).build()).build();

    SoraTransportException e = as(SoraTransportException.class, read(port(config), id, mode));

    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getCause()).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED));
    assertThat(e.getSuppressed()).hasSize(1);
    assertThat(time.waits()).containsExactly(secs(6));
    assertThat(requestsTo(api)).isEqualTo(2);
  }

  // ---- row 4: bodies that are not videos -------------------------------------------------------------------

  static Stream<Arguments> notVideos() {
    return Stream.of(
        Arguments.of("malformed JSON", 200, JSON, "{\"id\":\"video_body_1\",\"status\":"),
        Arguments.of("empty 200", 200, JSON, ""),
        Arguments.of("204", 204, JSON, ""),
        Arguments.of("text/html 200", 200, "text/html; charset=utf-8", "<html><body>Sign in " + KEY + "</body></html>"),
        Arguments.of("JSON that is not a video", 200, JSON, "{\"object\":\"list\",\"data\":[]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notVideos")
  void successThatIsNotAVideoIsMalformedAndNotRetried(String name, int status, String type, String body) {
    VideoId id = VideoId.of("video_body_1");
    stub(id, aResponse().withStatus(status).withHeader("Content-Type", type).withBody(body));
    VideoStatusPort port = port(config(api.baseUrl()).build());

    for (Mode mode : Mode.values()) {
      MalformedResponseException e = as(MalformedResponseException.class, read(port, id, mode));
      assertThat(e.statusCode()).isEqualTo(status);
    }
    assertThat(requestsTo(api)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void fiftyMebibyteBodyIsRefusedWithoutBeingRead(Mode mode) throws IOException {
    try (RawServer raw = new RawServer()) {
      raw.on("video_huge_1", RawServer.huge(50L << 20));
      VideoStatusPort port = port(config(raw.baseUrl()).build());

      long start = System.nanoTime();
      MalformedResponseException e = as(MalformedResponseException.class, read(port, VideoId.of("video_huge_1"), mode));
      long elapsed = millisSince(start);

      assertThat(e).hasMessageContaining("1048576-byte limit");
      assertThat(elapsed).as("elapsed ms").isLessThan(4000);
      raw.awaitIdle();
      System.out.printf("50 MiB body %s %s: refused in %d ms, server sent %d bytes%n",
          getClass().getSimpleName(), mode, elapsed, raw.bytesWritten());
      assertThat(raw.bytesWritten()).as("bytes the server managed to send").isLessThan(24L << 20);
      assertThat(raw.accepted()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void endlessChunkedBodyIsCutAtTheLimitLongBeforeTheTimeout(Mode mode) throws IOException {
    try (RawServer raw = new RawServer()) {
      raw.on("video_chunked_1", RawServer.endlessChunked());
      VideoStatusPort port = port(config(raw.baseUrl()).maxResponseBytes(64 * 1024).build());

      long start = System.nanoTime();
      MalformedResponseException e = as(MalformedResponseException.class, read(port, VideoId.of("video_chunked_1"), mode));
      long elapsed = millisSince(start);

      assertThat(e).hasMessageContaining("65536-byte limit");
      assertThat(elapsed).as("elapsed ms, with a 5 s request timeout").isLessThan(4000);
      raw.awaitIdle();
      System.out.printf("endless chunked body %s %s: cut in %d ms, server sent %d bytes%n",
          getClass().getSimpleName(), mode, elapsed, raw.bytesWritten());
      assertThat(raw.bytesWritten()).isLessThan(24L << 20);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void truncatedBodyIsATransportErrorRetriedLikeOne(Mode mode) throws IOException {
    try (RawServer raw = new RawServer()) {
      raw.on("video_cut_1", RawServer.truncated());
      VideoStatusPort port = port(config(raw.baseUrl()).build());

      SoraTransportException e = as(SoraTransportException.class, read(port, VideoId.of("video_cut_1"), mode));

      assertThat(e.getMessage()).contains("failed after 3 attempts");
      assertThat(raw.requests()).isEqualTo(3);
    }
  }

  static Stream<Arguments> brokenResponses() {
    return Stream.of(
        Arguments.of(Fault.RANDOM_DATA_THEN_CLOSE, Mode.SYNC), Arguments.of(Fault.RANDOM_DATA_THEN_CLOSE, Mode.ASYNC),
        Arguments.of(Fault.MALFORMED_RESPONSE_CHUNK, Mode.SYNC), Arguments.of(Fault.MALFORMED_RESPONSE_CHUNK, Mode.ASYNC));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("brokenResponses")
  void garbageOnTheWireIsATransportError(Fault fault, Mode mode) {
    VideoId id = VideoId.of("video_garbage_1");
    stub(id, aResponse().withFault(fault));

    SoraTransportException e = as(SoraTransportException.class, read(port(config(api.baseUrl()).build()), id, mode));

    assertThat(e.getMessage()).contains("failed after 3 attempts");
    assertThat(requestsTo(api)).isEqualTo(3);
  }

  // ---- row 5: network faults within the configured time ----------------------------------------------------

  /** The network faults of row 5; each names how to provoke it. */
  enum NetworkFault {
    CONNECTION_RESET, EMPTY_RESPONSE, CONNECTION_REFUSED, UNRESOLVABLE_HOST, SLOW_HEADERS, STALLED_BODY
  }

  static Stream<Arguments> networkFaults() {
    return Arrays.stream(NetworkFault.values())
        .flatMap(f -> Stream.of(Arguments.of(f, Mode.SYNC), Arguments.of(f, Mode.ASYNC)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("networkFaults")
  void networkFaultEndsInATypedErrorWithinTheConfiguredTime(NetworkFault fault, Mode mode) throws IOException {
    Duration timeout = Duration.ofMillis(700);
    VideoId id = VideoId.of("video_net_1");
    try (RawServer raw = new RawServer()) {
      URI base = api.baseUrl();
      switch (fault) {
        case CONNECTION_RESET:
          stub(id, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
          break;
        case EMPTY_RESPONSE:
          stub(id, aResponse().withFault(Fault.EMPTY_RESPONSE));
          break;
        case CONNECTION_REFUSED:
          base = URI.create("http://127.0.0.1:" + closedPort() + "/v1");
          break;
        case UNRESOLVABLE_HOST:
          base = URI.create("https://sora-status-fault-matrix.invalid/v1");
          break;
        case SLOW_HEADERS:
          raw.on(id.value(), RawServer.silent());
          base = raw.baseUrl();
          break;
        case STALLED_BODY:
          raw.on(id.value(), RawServer.stalledBody());
          base = raw.baseUrl();
          break;
        default:
          throw new AssertionError(fault);
      }
      VideoStatusPort port = port(config(base).connectTimeout(timeout).requestTimeout(timeout).build());

      long start = System.nanoTime();
      SoraTransportException e = as(SoraTransportException.class, read(port, id, mode));
      long elapsed = millisSince(start);

      assertThat(e.getMessage()).contains("failed after 3 attempts");
      assertThat(e.getSuppressed()).hasSize(2);
      assertThat(elapsed).as("elapsed ms for 3 attempts of at most %s each", timeout)
          .isLessThan(3 * timeout.toMillis() + 4000);
      if (fault == NetworkFault.SLOW_HEADERS || fault == NetworkFault.STALLED_BODY) {
        assertThat(e.isTimeout()).as("isTimeout of %s", e).isTrue();
        assertThat(elapsed).isGreaterThanOrEqualTo(3 * timeout.toMillis() - 300);
        assertThat(raw.requests()).isEqualTo(3);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void perCallDeadlineHoldsInRealTimeAcrossStalledAttempts(Mode mode) throws IOException {
    try (RawServer raw = new RawServer()) {
      raw.on("video_deadline_1", RawServer.stalledBody());
      SoraConfig config = config(raw.baseUrl())
          .requestTimeout(Duration.ofSeconds(1))
          .retryPolicy(RetryPolicy.builder().jitter(0).initialBackoff(Duration.ofMillis(100))
              .deadline(Duration.ofMillis(1600)).build())
          .clock(Clock.systemUTC())
          .scheduler(TaskScheduler.system())
          .build();

      long start = System.nanoTime();
      SoraTransportException e = as(SoraTransportException.class,
          read(port(config), VideoId.of("video_deadline_1"), mode));
      long elapsed = millisSince(start);

      // two attempts on a quiet machine; on a loaded one the first may eat the time the second needed, and
      // what this test holds is the deadline, measured by the elapsed time
      assertThat(e.attempts()).isBetween(1, 2);
      assertThat(e.deadline()).contains(Duration.ofMillis(1600));
      assertThat(e.getCause()).isInstanceOf(SoraTransportException.class);
      assertThat(elapsed).as("elapsed ms for a 1600 ms deadline").isBetween(1300L, 4500L);
    }
  }

  @Test
  void cancellingTheFutureAbandonsTheExchangeInFlightAndStopsRetrying() throws IOException {
    try (RawServer raw = new RawServer()) {
      raw.on("video_cancel_1", RawServer.stalledBody());
      VideoStatusPort port = port(config(raw.baseUrl()).requestTimeout(Duration.ofSeconds(10)).build());

      java.util.concurrent.CompletableFuture<Video> future = port.retrieveAsync(VideoId.of("video_cancel_1"));
      raw.awaitRequests(1, Duration.ofSeconds(10));
      long start = System.nanoTime();
      assertThat(future.cancel(true)).isTrue();
      raw.awaitOpenAtMost(0, Duration.ofSeconds(5));
      long elapsed = millisSince(start);

      assertThat(raw.open()).as("connections open after the cancel").isZero();
      assertThat(elapsed).as("ms until the client dropped the connection, with a 10 s timeout").isLessThan(5000);
      assertThat(raw.requests()).isEqualTo(1);
      assertThat(time.waits()).isEmpty();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  // ---- row 6: connections ----------------------------------------------------------------------------------

  @Test
  void noConnectionLeaksAfterThreeTimesThePoolSizeOfMixedFailingCalls() throws Exception {
    int pool = 4;
    try (RawServer raw = new RawServer()) {
      raw.on("video_ok", RawServer.json(200, videoJson(VideoId.of("video_ok"), 5)));
      raw.on("video_404", RawServer.json(404, errorJson("video_not_found", "gone")));
      raw.on("video_503", RawServer.json(503, errorJson(null, "busy")));
      raw.on("video_401", RawServer.json(401, errorJson("invalid_api_key", "no")));
      raw.on("video_bad", RawServer.json(200, "{\"id\":\"video_bad\",\"stat"));
      raw.on("video_big", RawServer.huge(2L << 20));
      raw.on("video_cut", RawServer.truncated());
      raw.on("video_junk", RawServer.garbage());
      raw.on("video_reset", RawServer.reset());
      SoraConfig config = config(raw.baseUrl()).maxResponseBytes(64 * 1024).build();
      VideoStatusPort port = remember(createPort(config, pool, Duration.ofMillis(500)));
      List<String> failing = List.of("video_404", "video_503", "video_401", "video_bad", "video_big", "video_cut",
          "video_junk", "video_reset");

      for (int round = 0; round < 3 * pool; round++) {
        for (String id : failing) {
          Mode mode = (round + id.length()) % 2 == 0 ? Mode.SYNC : Mode.ASYNC;
          assertThat(read(port, VideoId.of(id), mode)).as("%s %s", id, mode).isInstanceOf(SoraException.class);
        }
        raw.awaitOpenAtMost(3, Duration.ofSeconds(5)); // fail in the first round that leaks, not at the end
        assertThat(raw.open()).as("connections open after round %d", round).isLessThanOrEqualTo(3);
      }

      raw.awaitOpenAtMost(3, Duration.ofSeconds(10));
      System.out.printf("leak check %s: %d failing calls over %d connections, %d still open%n",
          getClass().getSimpleName(), 3 * pool * failing.size(), raw.accepted(), raw.open());
      assertThat(raw.open()).as("connections still open after the failing calls").isLessThanOrEqualTo(3);
      ExecutorService callers = Executors.newFixedThreadPool(2 * pool);
      try {
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 4 * pool; i++) {
          Mode mode = i % 2 == 0 ? Mode.SYNC : Mode.ASYNC;
          calls.add(callers.submit(() -> read(port, VideoId.of("video_ok"), mode)));
        }
        for (Future<Object> call : calls) {
          assertThat(call.get(30, TimeUnit.SECONDS)).as("a healthy call after the failures").isInstanceOf(Video.class);
        }
      } finally {
        callers.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void connectionIsReusedAfterErrorResponsesWithBodies(Mode mode) throws IOException {
    try (RawServer raw = new RawServer()) {
      raw.on("video_ok", RawServer.json(200, videoJson(VideoId.of("video_ok"), 5)));
      raw.on("video_404", RawServer.json(404, errorJson("video_not_found", "gone " + "x".repeat(2000))));
      raw.on("video_503", RawServer.json(503, "<html>" + "busy ".repeat(1000) + "</html>"));
      VideoStatusPort port = port(config(raw.baseUrl()).retryPolicy(RetryPolicy.none()).build());

      for (int i = 0; i < 30; i++) {
        assertThat(read(port, VideoId.of("video_ok"), mode)).isInstanceOf(Video.class);
        assertThat(read(port, VideoId.of("video_404"), mode)).isInstanceOf(VideoNotFoundException.class);
        assertThat(read(port, VideoId.of("video_503"), mode)).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
      }

      System.out.printf("reuse %s %s: 90 calls over %d connections%n", getClass().getSimpleName(), mode, raw.accepted());
      assertThat(raw.requests()).isEqualTo(90);
      assertThat(raw.accepted()).as("connections opened for 90 sequential calls").isLessThanOrEqualTo(2);
    }
  }

  // ---- row 8: redirects ------------------------------------------------------------------------------------

  static Stream<Arguments> redirects() {
    return Stream.of(301, 302, 307, 308).flatMap(status -> Stream.of(
        Arguments.of(status, "second server", Mode.SYNC), Arguments.of(status, "second server", Mode.ASYNC),
        Arguments.of(status, "plain http", Mode.SYNC), Arguments.of(status, "plain http", Mode.ASYNC)));
  }

  @ParameterizedTest(name = "{0} to {1} {2}")
  @MethodSource("redirects")
  void redirectIsRejectedAndTheTargetSeesNothing(int status, String target, Mode mode) {
    VideoId id = VideoId.of("video_moved_1");
    String location = target.equals("second server")
        ? elsewhere.baseUrl() + "/videos/video_moved_1?sig=s3cr3t"
        : "http://mirror.example.net/v1/videos/video_moved_1?sig=s3cr3t";
    String host = URI.create(location).getHost();
    stub(id, aResponse().withStatus(status).withHeader("Location", location));
    elsewhere.serve(Video.builder(id, VideoStatus.COMPLETED).build());

    SoraApiException e = as(SoraApiException.class, read(port(config(api.baseUrl()).build()), id, mode));

    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.getMessage()).startsWith("HTTP " + status).contains("host " + host)
        .doesNotContain("s3cr3t").doesNotContain("/videos/video_moved_1");
    assertThat(requestsTo(api)).isEqualTo(1);
    assertThat(requestsTo(elsewhere)).isZero();
  }

  // ---- row 7: the canary -----------------------------------------------------------------------------------

  @Test
  void logsAreCapturedAtEveryLevelSoThatTheKeySearchMeansSomething() {
    VideoId id = VideoId.of("video_logged_1");
    stub(id, json(503, errorJson(null, "Bearer " + KEY)).withHeader("Set-Cookie", "s=" + KEY)
        .withHeader("x-request-id", KEY));
    VideoStatusPort port = port(config(api.baseUrl()).build());

    read(port, id, Mode.SYNC);
    read(port, id, Mode.ASYNC);
    produced.add(port.toString());

    assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("FINE").contains("attempt 3 of 3"));
    assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("FINER").contains("Authorization=***"));
    assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("set-cookie=***"));
  }

  // ---- row 9: soak -----------------------------------------------------------------------------------------

  /** What the soak expects of one job. */
  private static final class Expected {
    final Class<?> type;
    final int attempts;
    final int progress;

    Expected(Class<?> type, int attempts, int progress) {
      this.type = type;
      this.attempts = attempts;
      this.progress = progress;
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void soakOfTwentyThousandCallsWithTenPercentFaultsEndsRightEveryTime() throws Exception {
    long seed = Long.getLong("sora.soak.seed", 20261128L);
    int calls = Integer.getInteger("sora.soak.calls", 20_000);
    Map<VideoId, Expected> expected = new LinkedHashMap<>();
    for (int i = 0; i < 90; i++) {
      VideoId id = VideoId.of("video_soak_ok_" + i);
      stub(id, json(200, videoJson(id, i)));
      expected.put(id, new Expected(Video.class, 1, i));
    }
    soakFault(expected, "503", json(503, errorJson(null, "busy")), SoraApiException.class, 3);
    soakFault(expected, "502_html", aResponse().withStatus(502).withHeader("Content-Type", "text/html")
        .withBody("<html>bad gateway</html>"), SoraApiException.class, 3);
    soakFault(expected, "429", json(429, errorJson("rate_limit_exceeded", "slow")).withHeader("retry-after-ms", "20"),
        SoraApiException.class, 3);
    soakFault(expected, "404", json(404, errorJson("video_not_found", "gone")), VideoNotFoundException.class, 1);
    soakFault(expected, "401", json(401, errorJson("invalid_api_key", "Incorrect API key " + KEY)),
        SoraApiException.class, 1);
    soakFault(expected, "malformed", json(200, "{\"id\":"), MalformedResponseException.class, 1);
    soakFault(expected, "reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), SoraTransportException.class, 3);
    soakFault(expected, "empty", aResponse().withFault(Fault.EMPTY_RESPONSE), SoraTransportException.class, 3);
    soakFault(expected, "random", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), SoraTransportException.class, 3);
    soakFault(expected, "html200", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html>login</html>"), MalformedResponseException.class, 1);
    List<VideoId> ids = new ArrayList<>(expected.keySet());
    SoraConfig config = config(api.baseUrl()).build();
    VideoStatusPort port = remember(createPort(config, 8, Duration.ofSeconds(5)));
    Random random = new Random(seed);
    VideoId[] order = new VideoId[calls];
    for (int i = 0; i < calls; i++) {
      order[i] = ids.get(random.nextInt(ids.size()));
    }
    int threads = 4;
    ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(callers.submit(() -> {
          for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
            VideoId id = order[i];
            Object outcome = soakRead(port, id, i % 4 == 3 ? Mode.ASYNC : Mode.SYNC);
            Expected want = expected.get(id);
            String problem = check(outcome, want);
            if (problem != null && wrong.size() < 20) {
              wrong.add(id + ": " + problem);
            }
            counts.computeIfAbsent(outcome.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get(170, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    long elapsed = millisSince(start);
    long requests = requestsTo(api);
    System.out.printf("soak %s: %d calls, %d requests, seed %d, outcomes %s, %d ms%n",
        getClass().getSimpleName(), calls, requests, seed, new java.util.TreeMap<>(counts), elapsed);

    assertThat(wrong).as("calls that ended wrongly").isEmpty();
    assertThat(counts.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(calls);
    long expectedRequests = Arrays.stream(order).mapToLong(id -> expected.get(id).attempts).sum();
    if (resendsOnEarlyClose()) {
      // at most one silent re-send per attempt that met a reset or an empty response
      long stale = Arrays.stream(order).filter(id -> id.value().endsWith("_reset") || id.value().endsWith("_empty"))
          .mapToLong(id -> expected.get(id).attempts).sum();
      assertThat(requests).isBetween(expectedRequests, expectedRequests + stale);
    } else {
      assertThat(requests).isEqualTo(expectedRequests);
    }
    assertThat(elapsed).as("soak wall time, ms").isLessThan(90_000);
    for (int i = 0; i < 16; i++) {
      assertThat(soakRead(port, ids.get(i), i % 2 == 0 ? Mode.SYNC : Mode.ASYNC)).isInstanceOf(Video.class);
    }
  }

  private void soakFault(Map<VideoId, Expected> expected, String name, ResponseDefinitionBuilder response,
      Class<?> type, int attempts) {
    VideoId id = VideoId.of("video_soak_fault_" + name);
    stub(id, response);
    expected.put(id, new Expected(type, attempts, 0));
  }

  private static Object soakRead(VideoStatusPort port, VideoId id, Mode mode) {
    try {
      return mode == Mode.SYNC ? port.retrieve(id) : port.retrieveAsync(id).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  private static String check(Object outcome, Expected want) {
    if (!want.type.isInstance(outcome)) {
      return "expected " + want.type.getSimpleName() + " but got " + outcome;
    }
    if (outcome instanceof Video) {
      return ((Video) outcome).progress() == want.progress ? null : "wrong video " + outcome;
    }
    Throwable t = (Throwable) outcome;
    if (t.getSuppressed().length != want.attempts - 1) {
      return "expected " + want.attempts + " attempts but " + (t.getSuppressed().length + 1) + ": " + t;
    }
    String text = t.toString();
    return text.contains(KEY) ? "key in " + text : null;
  }

  // ---- machinery -------------------------------------------------------------------------------------------

  /**
   * Virtual time: a clock that moves only when a call waits, the record of every wait, and a scheduler that
   * runs each task at once on its own thread.
   */
  private static final class RecordedTime extends Clock implements AutoCloseable {
    private Instant now;
    private final List<Duration> waits = new ArrayList<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fault-suite-scheduler");
      t.setDaemon(true);
      return t;
    });

    RecordedTime(Instant start) {
      this.now = start;
    }

    /** Returns the scheduler: each task runs at once on its own thread, and a sleep returns at once. */
    TaskScheduler scheduler() {
      return new TaskScheduler() {
        @Override
        public Scheduled schedule(Duration delay, Runnable task) {
          pass(delay);
          Future<?> f = runner.submit(task);
          return () -> f.cancel(false);
        }

        @Override
        public void sleep(Duration duration) {
          pass(duration);
        }
      };
    }

    private synchronized void pass(Duration d) {
      waits.add(d);
      now = now.plus(d);
    }

    synchronized List<Duration> waits() {
      return List.copyOf(waits);
    }

    synchronized void clearWaits() {
      waits.clear();
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public void close() {
      runner.shutdownNow();
    }

    @Override
    public String toString() {
      return "RecordedTime[" + instant() + "]";
    }
  }

  /** Every record logged under {@code dev.sorastatus}, at every level, through java.util.logging. */
  private static final class LogCapture extends Handler {
    private final Logger logger = Logger.getLogger("dev.sorastatus"); // held: JUL keeps loggers weakly
    private final Level previous = logger.getLevel();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> lines = new ArrayList<>();

    LogCapture() {
      setLevel(Level.ALL);
      logger.setLevel(Level.ALL);
      logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
      StringBuilder sb = new StringBuilder(record.getLevel() + " " + formatter.formatMessage(record));
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        sb.append('\n').append(trace);
      }
      synchronized (lines) {
        lines.add(sb.toString());
      }
    }

    List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    void clear() {
      synchronized (lines) {
        lines.clear();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setLevel(previous);
    }
  }

  /**
   * A loopback HTTP/1.1 server that answers each job id with a scripted behaviour, down to the bytes: what
   * WireMock cannot do (a body cut short, a stall after the headers, an endless chunked body) and what it
   * does not count (connections accepted and still open, bytes written).
   */
  private static final class RawServer implements AutoCloseable {
    /** Serves one request; returns whether the connection may carry another. */
    interface Behaviour {
      boolean serve(Socket socket, InputStream in, OutputStream out, AtomicLong written) throws IOException;
    }

    private final ServerSocket socket;
    private final Map<String, Behaviour> byId = new ConcurrentHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fault-suite-raw-server");
      t.setDaemon(true);
      return t;
    });

    RawServer() throws IOException {
      socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
      threads.execute(this::acceptLoop);
    }

    URI baseUrl() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }

    void on(String id, Behaviour behaviour) {
      byId.put(id, behaviour);
    }

    int accepted() {
      return accepted.get();
    }

    int requests() {
      return requests.get();
    }

    int open() {
      return connections.size();
    }

    long bytesWritten() {
      return written.get();
    }

    /** Waits, bounded, until no behaviour is still writing or waiting for the client to give up. */
    void awaitIdle() {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      synchronized (this) {
        while (busy.get() > 0 && System.nanoTime() < end) {
          waitBriefly();
        }
      }
    }

    /** Waits, bounded, until at least {@code n} requests arrived. */
    void awaitRequests(int n, Duration timeout) {
      long end = System.nanoTime() + timeout.toNanos();
      synchronized (this) {
        while (requests.get() < n && System.nanoTime() < end) {
          waitBriefly();
        }
      }
    }

    /** Waits, bounded, until at most {@code n} connections are open. */
    void awaitOpenAtMost(int n, Duration timeout) {
      long end = System.nanoTime() + timeout.toNanos();
      synchronized (this) {
        while (connections.size() > n && System.nanoTime() < end) {
          waitBriefly();
        }
      }
    }

    private void waitBriefly() {
      try {
        wait(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket c = socket.accept();
          accepted.incrementAndGet();
          connections.add(c);
          threads.execute(() -> handle(c));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void handle(Socket c) {
      try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
        c.setSoTimeout(30_000); // a client that never gives up must not pin this thread forever
        while (true) {
          String id = readRequest(in);
          if (id == null) {
            return;
          }
          requests.incrementAndGet();
          Behaviour b = byId.getOrDefault(id, json(404, errorJson("video_not_found", "no script")));
          busy.incrementAndGet();
          boolean again;
          try {
            again = b.serve(c, in, out, written);
          } finally {
            busy.decrementAndGet();
          }
          if (!again) {
            return;
          }
        }
      } catch (IOException clientWentAway) {
        // the client cut the exchange off, which many rows want
      } finally {
        connections.remove(c);
        synchronized (this) {
          notifyAll();
        }
      }
    }

    /** Reads one request head and returns the job id from its path, or null when the client closed. */
    private static String readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      int b;
      while (matched < 4) {
        b = in.read();
        if (b < 0) {
          return null;
        }
        head.append((char) b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        if (head.length() > 64 * 1024) {
          throw new IOException("request head too long");
        }
      }
      String line = head.substring(0, head.indexOf("\r\n"));
      String path = line.split(" ")[1];
      return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void write(OutputStream out, AtomicLong written, byte[] bytes) throws IOException {
      out.write(bytes);
      written.addAndGet(bytes.length);
    }

    private static byte[] ascii(String s) {
      return s.getBytes(StandardCharsets.US_ASCII);
    }

    static Behaviour json(int status, String body) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return (s, in, out, written) -> {
        write(out, written, ascii("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length + "\r\n\r\n"));
        write(out, written, bytes);
        out.flush();
        return true;
      };
    }

    static Behaviour huge(long length) {
      return (s, in, out, written) -> {
        write(out, written, ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length
            + "\r\n\r\n{\"id\":\""));
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        for (long sent = 0; sent < length - 7; sent += block.length) {
          write(out, written, block);
        }
        return false;
      };
    }

    static Behaviour endlessChunked() {
      return (s, in, out, written) -> {
        write(out, written, ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) ' ');
        byte[] size = ascii("2000\r\n");
        byte[] crlf = ascii("\r\n");
        for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
          write(out, written, size);
          write(out, written, chunk);
          write(out, written, crlf);
        }
        return false;
      };
    }

    static Behaviour truncated() {
      return (s, in, out, written) -> {
        write(out, written, ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            + "{\"id\":\"video_cut_1\",\"status\":\"queu"));
        out.flush();
        return false;
      };
    }

    static Behaviour stalledBody() {
      return (s, in, out, written) -> {
        write(out, written, ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":"));
        out.flush();
        awaitClientClose(in);
        return false;
      };
    }

    static Behaviour silent() {
      return (s, in, out, written) -> {
        awaitClientClose(in);
        return false;
      };
    }

    static Behaviour garbage() {
      return (s, in, out, written) -> {
        byte[] junk = new byte[512];
        new Random(7).nextBytes(junk);
        write(out, written, junk);
        out.flush();
        return false;
      };
    }

    static Behaviour reset() {
      return (s, in, out, written) -> {
        s.setSoLinger(true, 0); // close with RST
        return false;
      };
    }

    private static void awaitClientClose(InputStream in) throws IOException {
      try {
        while (in.read() >= 0) {
          // discard: the client only ever closes
        }
      } catch (SocketException gone) {
        // reset by the client giving up
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket c : connections) {
        c.close();
      }
      threads.shutdownNow();
    }
  }
}
