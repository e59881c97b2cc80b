package dev.sorastatus.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;
import dev.sorastatus.Authentication;
import dev.sorastatus.DownloadOptions;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.Variant;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Downloads through a {@link SoraClient} over a transport against WireMock on 127.0.0.1: one server as the
 * API, another (a different origin) as the CDN holding signed URLs. Each transport module runs it, and so can
 * any other transport. Needs {@code org.wiremock:wiremock-standalone} on the test classpath.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class VideoDownloadContract {
  /** For a subclass, which supplies what is under test. */
  protected VideoDownloadContract() {}

  static final String KEY = "sk-canary-download-0123456789";
  static final VideoId ID = VideoId.of("video_dl_7");
  static final String CONTENT = "/v1/videos/video_dl_7/content";
  static final byte[] MP4 = bytes(300_000);
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;

  WireMockServer api;
  WireMockServer cdn;
  SoraClient adapter;
  VideoDownloader downloader;
  final List<Duration> slept = new ArrayList<>();

  /**
   * Returns a client over the transport under test, over {@code config}.
   *
   * @param config the configuration, pointing at the test's API server
   * @return the client; the contract closes it
   */
  protected abstract SoraClient create(SoraConfig config);

  /**
   * Returns a client over {@code config} with as few threads as the transport can run on.
   *
   * @param config the configuration, pointing at the test's API server
   * @return the client; the contract closes it
   */
  protected abstract SoraClient createWithFewThreads(SoraConfig config);

  SoraConfig config() {
    return SoraConfig.builder()
        .baseUrl("http://127.0.0.1:" + api.port() + "/v1")
        .apiKey(KEY)
        .header("x-gateway-route", "canary-route")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .scheduler(new SleepRecorder(slept))
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .build();
  }

  @BeforeEach
  void start() {
    api = server();
    cdn = server();
    adapter = create(config());
    downloader = VideoDownloader.create(adapter); // time and retries come from the client's configuration
  }

  @AfterEach
  void stop() {
    adapter.close();
    api.stop();
    cdn.stop();
  }

  private static WireMockServer server() {
    WireMockServer s = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1").dynamicPort().containerThreads(32).jettyAcceptors(1));
    s.start();
    return s;
  }

  @Test
  void mp4FromTheBodyUrlIsStreamedToTheTargetWithoutTheApiKey() throws IOException {
    cdn.stubFor(get(urlPathEqualTo("/signed/cat.mp4")).willReturn(aResponse()
        .withHeader("Content-Type", "video/mp4").withBody(MP4)));
    Video video = completed().toBuilder()
        .downloadUrl(URI.create(cdnUrl("/signed/cat.mp4?sig=canary-signature&exp=1"))).build();
    Path target = dir.resolve("out/cat.mp4");

    DownloadResult result = downloader.download(video, target);

    assertThat(Files.readAllBytes(target)).isEqualTo(MP4);
    assertThat(result.bytes()).isEqualTo(MP4.length);
    assertThat(result.contentType()).contains("video/mp4");
    assertThat(result.sha256()).isEqualTo(sha256(MP4));
    LoggedRequest request = cdn.findAll(getRequestedFor(urlPathEqualTo("/signed/cat.mp4"))).get(0);
    assertThat(request.containsHeader("Authorization")).isFalse();
    assertThat(request.containsHeader("x-gateway-route")).isFalse();
    assertThat(request.queryParameter("sig").firstValue()).isEqualTo("canary-signature");
    assertThat(api.getAllServeEvents()).isEmpty();
    assertThat(files()).containsExactly(target);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void eachVariantComesFromTheContentEndpointWithTheApiKey(Variant variant) throws IOException {
    String type = variant == Variant.VIDEO ? "video/mp4" : variant == Variant.THUMBNAIL ? "image/webp" : "image/jpeg";
    byte[] body = bytes(20_000 + variant.ordinal());
    api.stubFor(get(urlPathEqualTo(CONTENT)).withQueryParam("variant", equalTo(variant.wireName()))
        .withHeader("Authorization", equalTo("Bearer " + KEY))
        .willReturn(aResponse().withHeader("Content-Type", type).withBody(body)));
    // only the video is taken from a body URL: the other variants ignore it
    Video video = variant == Variant.VIDEO ? completed()
        : completed().toBuilder().downloadUrl(URI.create(cdnUrl("/never"))).build();

    DownloadResult result = downloader.download(video, dir.resolve("file." + variant.wireName()),
        DownloadOptions.builder().variant(variant).build());

    assertThat(Files.readAllBytes(result.path())).isEqualTo(body);
    assertThat(result.contentType()).contains(type);
    assertThat(api.findAll(getRequestedFor(urlPathEqualTo(CONTENT))).get(0).getHeader("x-gateway-route"))
        .isEqualTo("canary-route");
    assertThat(cdn.getAllServeEvents()).isEmpty();
  }

  @Test
  void azureStyleKeyAndApiVersionGoToTheContentEndpointButNotToAnotherHost() throws IOException {
    SoraConfig azure = config().toBuilder().authentication(Authentication.apiKeyHeader())
        .queryParameter("api-version", "preview").build();
    api.stubFor(get(urlPathEqualTo(CONTENT)).withQueryParam("variant", equalTo("video"))
        .withQueryParam("api-version", equalTo("preview")).withHeader("api-key", equalTo(KEY))
        .willReturn(aResponse().withStatus(302).withHeader("Location", cdnUrl("/blob/a.mp4?sig=canary"))));
    cdn.stubFor(get(urlPathEqualTo("/blob/a.mp4")).willReturn(aResponse()
        .withHeader("Content-Type", "video/mp4").withBody(MP4)));

    try (SoraClient client = create(azure)) {
      DownloadResult result = VideoDownloader.create(client).download(completed(), dir.resolve("a.mp4"));
      assertThat(Files.readAllBytes(result.path())).isEqualTo(MP4);
    }

    assertThat(api.findAll(getRequestedFor(urlPathEqualTo(CONTENT))).get(0).containsHeader("Authorization"))
        .isFalse();
    LoggedRequest blob = cdn.findAll(getRequestedFor(urlPathEqualTo("/blob/a.mp4"))).get(0);
    assertThat(blob.containsHeader("api-key")).isFalse();
    assertThat(blob.getUrl()).isEqualTo("/blob/a.mp4?sig=canary");
  }

  @Test
  void contentAnsweredWithJsonNamingAUrlIsFollowedOnceWithoutTheApiKey() throws IOException {
    api.stubFor(get(urlPathEqualTo(CONTENT)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"object\":\"video.content\",\"video_url\":\"" + cdnUrl("/signed/v.mp4?sig=canary") + "\"}")));
    cdn.stubFor(get(urlPathEqualTo("/signed/v.mp4")).willReturn(aResponse()
        .withHeader("Content-Type", "video/mp4").withBody(MP4)));

    DownloadResult result = downloader.download(completed(), dir.resolve("v.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(MP4);
    assertThat(api.findAll(getRequestedFor(urlPathEqualTo(CONTENT))).get(0).getHeader("Authorization"))
        .isEqualTo("Bearer " + KEY);
    assertThat(cdn.findAll(getRequestedFor(urlPathEqualTo("/signed/v.mp4"))))
        .singleElement().satisfies(r -> assertThat(r.containsHeader("Authorization")).isFalse());
  }

  @Test
  void redirectToAnotherHostIsFollowedWithoutTheApiKey() throws IOException {
    api.stubFor(get(urlPathEqualTo(CONTENT)).willReturn(aResponse()
        .withStatus(302).withHeader("Location", cdnUrl("/blob/v.mp4?X-Amz-Signature=canary"))));
    cdn.stubFor(get(urlPathEqualTo("/blob/v.mp4")).willReturn(aResponse()
        .withHeader("Content-Type", "application/octet-stream").withBody(MP4)));

    DownloadResult result = downloader.download(completed(), dir.resolve("v.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(MP4);
    assertThat(cdn.findAll(getRequestedFor(urlPathEqualTo("/blob/v.mp4"))))
        .singleElement().satisfies(r -> assertThat(r.containsHeader("Authorization")).isFalse());
  }

  @Test
  void videoNotCompletedIsRefusedWithZeroRequests() {
    Video processing = Video.builder(ID, VideoStatus.PROCESSING).progress(60).build();

    assertThatThrownBy(() -> downloader.download(processing, dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.NOT_READY))
        .hasMessageContaining("PROCESSING");
    assertThat(api.getAllServeEvents()).isEmpty();
    assertThat(cdn.getAllServeEvents()).isEmpty();
  }

  @Test
  void expiredVideoIsRefusedWithZeroRequests() {
    Video expired = completed().toBuilder().expiresAt(NOW.minusSeconds(1))
        .downloadUrl(URI.create(cdnUrl("/signed/v.mp4"))).build();

    assertThatThrownBy(() -> downloader.download(expired, dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.expiresAt()).contains(NOW.minusSeconds(1)));
    assertThat(api.getAllServeEvents()).isEmpty();
    assertThat(cdn.getAllServeEvents()).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void bodyShorterThanItsContentLengthLeavesNoTargetFile() {
    byte[] first = java.util.Arrays.copyOf(MP4, 100_000);
    api.stubFor(get(urlPathEqualTo(CONTENT)).willReturn(aResponse()
        .withHeader("Content-Type", "video/mp4")
        .withHeader("Content-Length", String.valueOf(MP4.length))
        .withBody(first)));

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("v.mp4")))
        .isInstanceOf(SoraException.class);

    assertThat(files()).isEmpty();
    assertThat(api.getAllServeEvents()).hasSize(3); // resumed twice, cut off every time
  }

  @Test
  void htmlBodyIsRejectedAndLeavesNoTargetFile() {
    api.stubFor(get(urlPathEqualTo(CONTENT)).willReturn(aResponse()
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<html><body>Please sign in</body></html>")));

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("text/html");
    assertThat(files()).isEmpty();
    assertThat(api.getAllServeEvents()).hasSize(1);
  }

  @Test
  void jsonErrorBodyWithA200IsRejectedWithTheServersMessageMaskedAndLeavesNoFile() {
    api.stubFor(get(urlPathEqualTo(CONTENT)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"upstream failed for key " + KEY + "\",\"code\":\"upstream_error\"}}")));
    cdn.stubFor(get(urlPathEqualTo("/signed/v.txt")).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain").withBody("quota exceeded: " + "x".repeat(10_000))));

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("upstream failed for key").hasMessageNotContaining(KEY);
    Video text = completed().toBuilder().downloadUrl(URI.create(cdnUrl("/signed/v.txt?sig=canary"))).build();
    assertThatThrownBy(() -> downloader.download(text, dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> {
          assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED);
          assertThat(e.getMessage()).contains("text/plain", "quota exceeded").hasSizeLessThan(1000);
        });
    assertThat(files()).isEmpty();
  }

  @Test
  void errorStatusWithAJsonBodyIsTheApiErrorAndLeavesNoFile() {
    api.stubFor(get(urlPathEqualTo(CONTENT)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"variant not available\",\"code\":\"invalid_value\"}}")));

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(dev.sorastatus.SoraApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errorCode()).contains("invalid_value");
        })
        .hasMessageContaining("variant not available");
    assertThat(files()).isEmpty();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {404, 410})
  void contentGoneAfterCompletionIsExpired(int status) {
    api.stubFor(get(urlPathEqualTo(CONTENT)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"The result has expired.\",\"code\":\"result_expired\"}}")));

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> {
          assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.EXPIRED);
          assertThat(e.expiresAt()).contains(NOW.plusSeconds(3600));
        })
        .hasMessageContaining("answered HTTP " + status).hasMessageContaining("The result has expired.");
    assertThat(api.getAllServeEvents()).hasSize(1);
    assertThat(files()).isEmpty();
  }

  @Test
  void signedUrlRefusedWith403IsReplacedByOneStatusReReadThenDownloaded() throws IOException {
    cdn.stubFor(get(urlPathEqualTo("/signed/v.mp4")).withQueryParam("sig", equalTo("old"))
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
            .withBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")));
    cdn.stubFor(get(urlPathEqualTo("/signed/v.mp4")).withQueryParam("sig", equalTo("fresh"))
        .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
    api.stubFor(get(urlPathEqualTo("/v1/videos/video_dl_7")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"video_dl_7\",\"object\":\"video\",\"status\":\"completed\",\"progress\":100,"
            + "\"expires_at\":" + NOW.plusSeconds(3600).getEpochSecond() + ",\"video_url\":\""
            + cdnUrl("/signed/v.mp4?sig=fresh") + "\"}")));
    Video video = completed().toBuilder().downloadUrl(URI.create(cdnUrl("/signed/v.mp4?sig=old"))).build();

    DownloadResult result = downloader.download(video, dir.resolve("v.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(MP4);
    assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/v1/videos/video_dl_7")))).hasSize(1);
    assertThat(cdn.getAllServeEvents()).hasSize(2);
    assertThat(slept).isEmpty();
  }

  @Test
  void signedUrlStillRefusedAfterTheReReadFailsWithoutAThirdTry() {
    cdn.stubFor(get(urlPathEqualTo("/signed/v.mp4")).willReturn(aResponse().withStatus(403)));
    api.stubFor(get(urlPathEqualTo("/v1/videos/video_dl_7")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"video_dl_7\",\"status\":\"completed\",\"progress\":100,\"video_url\":\""
            + cdnUrl("/signed/v.mp4?sig=fresh") + "\"}")));
    Video video = completed().toBuilder().downloadUrl(URI.create(cdnUrl("/signed/v.mp4?sig=old"))).build();

    assertThatThrownBy(() -> downloader.download(video, dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(dev.sorastatus.SoraApiException.class,
            e -> assertThat(e.statusCode()).isEqualTo(403));
    assertThat(api.getAllServeEvents()).hasSize(1);
    assertThat(cdn.getAllServeEvents()).hasSize(2);
    assertThat(files()).isEmpty();
  }

  @Test
  void announcedSha256AndSizeAreCheckedAgainstWhatWasReceived() throws IOException {
    cdn.stubFor(get(urlPathEqualTo("/signed/v.mp4")).willReturn(aResponse()
        .withHeader("Content-Type", "video/mp4").withBody(MP4)));
    Video right = completed().toBuilder().downloadUrl(URI.create(cdnUrl("/signed/v.mp4")))
        .sha256(sha256(MP4)).sizeBytes(MP4.length).build();
    Video wrongHash = right.toBuilder().sha256("cd".repeat(32)).build();
    Video wrongSize = right.toBuilder().sizeBytes(MP4.length + 1L).build();

    assertThat(downloader.download(right, dir.resolve("ok.mp4")).sha256()).isEqualTo(sha256(MP4));
    assertThatThrownBy(() -> downloader.download(wrongHash, dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("sha256 of the " + MP4.length + " bytes received for video " + ID + " is "
            + sha256(MP4) + " but the status announced " + "cd".repeat(32));
    assertThatThrownBy(() -> downloader.download(wrongSize, dir.resolve("v.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining(String.valueOf(MP4.length + 1)) // declared, or sent chunked and cut short
        .hasMessageContaining("status announced");
    assertThat(files()).containsExactly(dir.resolve("ok.mp4"));
  }

  @Test
  void bodyLongerThanItsContentLengthIsCaughtByTheAnnouncedSize() throws Exception {
    // a server that sends more bytes than it declared: HTTP clients stop at Content-Length, so only the
    // size the status announced can tell that the file is short
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (java.net.Socket s = server.accept()) {
          s.getInputStream().read(new byte[8192]);
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          out.write(MP4, 0, 2000);
          out.flush();
        } catch (IOException ignored) {
          // the client went away
        }
      }, "long-body-server");
      t.setDaemon(true);
      t.start();
      Video video = completed().toBuilder()
          .downloadUrl(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/long.mp4")).sizeBytes(2000).build();

      assertThatThrownBy(() -> downloader.download(video, dir.resolve("v.mp4")))
          .isInstanceOfSatisfying(VideoDownloadException.class,
              e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
          .hasMessageContaining("declares 1000 bytes but the status announced 2000");
      t.join(10_000);
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void transferDroppedPartWayResumesWithARangeRequest() throws IOException {
    int cut = 120_000;
    cdn.stubFor(get(urlPathEqualTo("/signed/v.mp4")).withHeader("Range", absent()).willReturn(aResponse()
        .withHeader("Content-Type", "video/mp4")
        .withHeader("Content-Length", String.valueOf(MP4.length))
        .withHeader("ETag", "\"v7\"")
        .withHeader("Accept-Ranges", "bytes")
        .withBody(java.util.Arrays.copyOf(MP4, cut))));
    cdn.stubFor(get(urlPathEqualTo("/signed/v.mp4"))
        .withHeader("Range", equalTo("bytes=" + cut + "-"))
        .withHeader("If-Range", equalTo("\"v7\""))
        .willReturn(aResponse().withStatus(206)
            .withHeader("Content-Type", "video/mp4")
            .withHeader("Content-Range", "bytes " + cut + "-" + (MP4.length - 1) + "/" + MP4.length)
            .withHeader("ETag", "\"v7\"")
            .withBody(java.util.Arrays.copyOfRange(MP4, cut, MP4.length))));
    Video video = completed().toBuilder().downloadUrl(URI.create(cdnUrl("/signed/v.mp4?sig=x"))).build();

    DownloadResult result = downloader.download(video, dir.resolve("v.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(MP4);
    assertThat(result.sha256()).isEqualTo(sha256(MP4));
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(slept).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void serverErrorIsRetriedThenTheBodyIsDownloaded() throws IOException {
    api.stubFor(get(urlPathEqualTo(CONTENT)).inScenario("flaky").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"busy\"}}"))
        .willSetStateTo("recovered"));
    api.stubFor(get(urlPathEqualTo(CONTENT)).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));

    DownloadResult result = downloader.download(completed(), dir.resolve("v.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(MP4);
    assertThat(result.attempts()).isEqualTo(2);
  }

  @Test
  void twoHundredMebibyteBodyIsStreamedWithHeapUseFarBelowItsSize() throws Exception {
    long size = 200L * 1024 * 1024;
    int chunk = 64 * 1024;
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/big.mp4", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "video/mp4");
      exchange.sendResponseHeaders(200, size);
      try (OutputStream out = exchange.getResponseBody()) {
        byte[] buffer = new byte[chunk];
        for (long i = 0; i < size / chunk; i++) {
          fill(buffer, i);
          out.write(buffer);
        }
      }
    });
    server.start();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try {
      Video video = completed().toBuilder()
          .downloadUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/big.mp4")).build();
      System.gc();
      long before = memory.getHeapMemoryUsage().getUsed();
      AtomicLong during = new AtomicLong(-1);
      AtomicLong peak = new AtomicLong();
      AtomicBoolean measured = new AtomicBoolean();
      long start = System.nanoTime();

      DownloadResult result = downloader.download(video, dir.resolve("big.mp4"), DownloadOptions.builder()
          .onProgress((bytes, total) -> {
            long used = memory.getHeapMemoryUsage().getUsed();
            peak.accumulateAndGet(used, Math::max);
            if (bytes >= size / 2 && measured.compareAndSet(false, true)) {
              System.gc(); // what is still reachable half way through: the bytes held, not garbage
              during.set(memory.getHeapMemoryUsage().getUsed());
            }
          })
          .build());

      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long growth = during.get() - before;
      System.out.printf("%s: 200 MiB in %d ms; heap before %d MiB, half way (after GC) %d MiB, growth %d MiB, "
              + "peak sampled %d MiB, max heap %d MiB%n",
          getClass().getSimpleName(), millis, before >> 20, during.get() >> 20, growth >> 20, peak.get() >> 20,
          memory.getHeapMemoryUsage().getMax() >> 20);
      assertThat(result.bytes()).isEqualTo(size);
      assertThat(Files.size(result.path())).isEqualTo(size);
      assertThat(result.sha256()).isEqualTo(expectedSha256(size, chunk));
      assertThat(growth).isLessThan(64L * 1024 * 1024);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void asyncDownloadsAllProgressAtOnceOnAHandfulOfThreads() throws Exception {
    int downloads = 32;
    CountDownLatch allArrived = new CountDownLatch(downloads);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), downloads);
    AtomicInteger serverThreads = new AtomicInteger();
    server.setExecutor(Executors.newFixedThreadPool(downloads + 4,
        r -> new Thread(r, "loopback-server-" + serverThreads.incrementAndGet())));
    server.createContext("/slow.mp4", exchange -> {
      allArrived.countDown();
      try {
        // answers only once every download has sent its request: a client holding a thread per download,
        // with fewer threads than downloads, would never get here
        if (!allArrived.await(60, TimeUnit.SECONDS)) {
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.getResponseHeaders().add("Content-Type", "video/mp4");
      exchange.sendResponseHeaders(200, MP4.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(MP4);
      }
    });
    server.start();
    SoraClient few = createWithFewThreads(config());
    try {
      VideoDownloader async = VideoDownloader.create(few);
      Video video = completed().toBuilder()
          .downloadUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow.mp4")).build();
      Set<Thread> before = Thread.getAllStackTraces().keySet();

      List<CompletableFuture<DownloadResult>> futures = new ArrayList<>();
      for (int i = 0; i < downloads; i++) {
        futures.add(async.downloadAsync(video, dir.resolve("async-" + i + ".mp4")));
      }
      boolean arrived = allArrived.await(60, TimeUnit.SECONDS);
      List<String> added = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.isAlive() && !t.getName().startsWith("HTTP-Dispatcher")
              && !t.getName().startsWith("loopback-server-"))
          .map(Thread::getName).sorted().collect(Collectors.toList());
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

      System.out.printf("%s: %d async downloads in flight at once; client threads started meanwhile: %s%n",
          getClass().getSimpleName(), downloads, added);
      assertThat(arrived).as("every download had its request in flight at the same time").isTrue();
      for (CompletableFuture<DownloadResult> f : futures) {
        assertThat(Files.readAllBytes(f.get().path())).isEqualTo(MP4);
      }
    } finally {
      few.close();
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  @Test
  void cancellingAnAsyncDownloadInFlightLeavesNoFile() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/held.mp4", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "video/mp4");
      exchange.sendResponseHeaders(200, MP4.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(MP4, 0, 1000);
        out.flush();
        arrived.countDown();
        release.await(30, TimeUnit.SECONDS);
        out.write(MP4, 1000, MP4.length - 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException clientLeft) {
        // the cancelled download dropped the connection, as it should
      }
    });
    server.start();
    try {
      Video video = completed().toBuilder()
          .downloadUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/held.mp4")).build();
      CompletableFuture<DownloadResult> f = downloader.downloadAsync(video, dir.resolve("v.mp4"));
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(files()).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).endsWith(".part"));

      f.cancel(true);
      release.countDown();

      assertThat(f).isCancelled();
      assertThat(files()).isEmpty();
    } finally {
      release.countDown();
      server.stop(0);
    }
  }

  static Video completed() {
    return Video.builder(ID, VideoStatus.COMPLETED).progress(100).expiresAt(NOW.plusSeconds(3600)).build();
  }

  String cdnUrl(String pathAndQuery) {
    return "http://127.0.0.1:" + cdn.port() + pathAndQuery;
  }

  List<Path> files() {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >>> 9));
    }
    return b;
  }

  private static void fill(byte[] buffer, long index) {
    for (int j = 0; j < buffer.length; j += 8) {
      long v = index * 0x9E3779B97F4A7C15L + j;
      for (int k = 0; k < 8; k++) {
        buffer[j + k] = (byte) (v >>> (k * 8));
      }
    }
  }

  private static String expectedSha256(long size, int chunk) throws NoSuchAlgorithmException {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[chunk];
    for (long i = 0; i < size / chunk; i++) {
      fill(buffer, i);
      d.update(buffer);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
