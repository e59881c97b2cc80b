package com.example.docs;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.DownloadOptions;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Variant;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.WaitOutcome;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java blocks of README.md, each run against the testkit's fake (in memory, or over loopback HTTP with the
 * real JDK transport) on virtual time. {@code DocSnippetsTest} keeps README.md equal to the regions here.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ReadmeExamplesTest {
  // snippet:start testing
  @RegisterExtension
  final FakeVideoApiExtension api = FakeVideoApiExtension.create();

  @Test
  void theVideoIsReadyOnTheFourthRead() {
    VideoId id = api.job().queued().processing(40).processing(90).completed().create();
    VideoPoller poller = VideoPoller.builder(api.port()).build();

    Video video = api.fake().runUntilDone(poller.awaitCompletedAsync(id));   // moves virtual time, never sleeps

    assertThat(video).isCompleted().hasProgress(100);
    assertThat(api.retrievals(id)).isEqualTo(4);
    assertThat(api.time().elapsed()).isGreaterThan(Duration.ofSeconds(45));  // 10 s, 15 s, 22.5 s apart
  }
  // snippet:end testing

  // snippet:start testing-http
  @Test
  void theRealTransportReadsTheFakeOverHttp() {
    VideoId id = api.job().queued().processing(50).completed().create();
    SoraConfig config = api.config().build();
    try (var port = SoraClient.over(config, JdkHttpTransport.create(config))) {   // the fake on 127.0.0.1
      VideoPoller poller = VideoPoller.builder(port).build();

      assertThat(api.fake().runUntilDone(poller.awaitCompletedAsync(id))).isCompleted();
    }
    assertThat(api.journal()).hasSize(3).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/videos/" + id));
  }
  // snippet:end testing-http

  @Test
  void configureGivesTheBaseUrlAndAKeyThatNoMessageShows() {
    String apiKey = "sk-proj-0123456789abcdefghij";

    // snippet:start configure
    SoraConfig config = SoraConfig.builder()
        .baseUrl("https://gateway.example.com/v1")   // OpenAI's API, or any gateway that keeps its shape
        .apiKey(apiKey)                              // from your secrets, e.g. System.getenv("SORA_API_KEY")
        .build();
    // snippet:end configure

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://gateway.example.com/v1"));
    assertThat(config.apiKey().reveal()).isEqualTo(apiKey);
    assertThat(config.toString()).doesNotContain(apiKey);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readGetsTheJobOverHttp() {
    api.job().id("video_123").queued().processing(40).create();
    SoraConfig config = api.config().build();

    // snippet:start read
    var port = SoraClient.over(config, JdkHttpTransport.create(config));    // one per application; close it on shutdown
    VideoId id = VideoId.of("video_123");               // checked here, before any request
    Video video = port.retrieve(id);
    video.status();        // QUEUED, PROCESSING, COMPLETED, FAILED or UNKNOWN
    video.progress();      // 0..100
    video.downloadUrl();   // Optional<URI>, once a gateway names one
    // snippet:end read

    try (port) {
      assertThat(video).isQueued().hasProgress(0).hasNoDownloadUrl();
      assertThat(port.retrieve(video.id())).isProcessing().hasProgress(40);
    }
    assertThat(api.journal()).hasSize(2).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo("/v1/videos/video_123");
      assertThat(r.statusCode()).isEqualTo(200);
    });
  }

  @Test
  void waitReturnsAFinishedJobAfterOneRead() {
    VideoId id = api.job().completed().create();
    var port = api.port();
    Map<VideoId, Integer> progress = new ConcurrentHashMap<>();

    Video video = api.fake().runBlocking(() -> {   // drives the fake's virtual time while the call blocks
      // snippet:start wait
      VideoPoller poller = VideoPoller.create(port);                 // one per application; holds no thread
      Video done = poller.awaitCompleted(id, PollOptions.builder()
          .timeout(Duration.ofMinutes(20))                           // one deadline for the whole wait
          .onProgress(v -> progress.put(v.id(), v.progress()))
          .build());
      // snippet:end wait
      return done;
    });

    assertThat(video).isCompleted().hasId(id);
    assertThat(api.retrievals(id)).isEqualTo(1); // the first read goes at once, so a finished job is known at once
    assertThat(progress).containsEntry(id, 100);
  }

  // snippet:start outcome
  String report(VideoPoller poller, VideoId id) {
    WaitOutcome outcome = poller.awaitOutcome(id);                   // how the wait ended, as a value
    return switch (outcome.kind()) {
      case COMPLETED -> "ready: " + outcome.video().orElseThrow().id();
      case FAILED -> "failed: " + outcome.video().flatMap(Video::error).map(VideoError::message).orElse("");
      case TIMED_OUT -> "still rendering at " + outcome.video().map(Video::progress).orElse(0) + "%";
      default -> "gave up: " + outcome.kind() + ", " + outcome.error().map(Throwable::getMessage).orElse("");
    };
  }
  // snippet:end outcome

  @Test
  void outcomeTellsHowEachWaitEnded() {
    VideoPoller poller = VideoPoller.builder(api.port()).build();
    VideoId done = api.job().queued().completed().create();
    VideoId blocked = api.job().queued().failed("moderation_blocked", "prompt was blocked").create();
    VideoId slow = api.job().queued().processing(35).create();
    VideoId unknown = VideoId.of("video_nobody_made");

    assertThat(api.fake().runBlocking(() -> report(poller, done))).isEqualTo("ready: " + done);
    assertThat(api.fake().runBlocking(() -> report(poller, blocked))).isEqualTo("failed: prompt was blocked");
    assertThat(api.fake().runBlocking(() -> report(poller, slow))).isEqualTo("still rendering at 35%");
    assertThat(api.fake().runBlocking(() -> report(poller, unknown))).startsWith("gave up: NOT_FOUND, ");
  }

  @Test
  void downloadWritesTheVideoAndItsThumbnail(@TempDir Path dir) throws Exception {
    VideoId id = api.job().completed().create();
    SoraConfig config = api.config().build();
    AtomicLong received = new AtomicLong();
    try (var port = SoraClient.over(config, JdkHttpTransport.create(config))) {
      Video video = port.retrieve(id);

      // snippet:start download
      VideoDownloader downloader = VideoDownloader.create(port);   // share one
      DownloadResult mp4 = downloader.download(video, dir.resolve("cat.mp4"));
      mp4.bytes();           // what was written, checked against Content-Length
      mp4.sha256();          // of exactly those bytes

      downloader.download(video, dir.resolve("cat.webp"), DownloadOptions.builder()
          .variant(Variant.THUMBNAIL)                                 // VIDEO, THUMBNAIL or SPRITESHEET
          .onProgress((bytes, total) -> received.set(bytes))          // total is an OptionalLong
          .build());
      // snippet:end download

      byte[] bytes = api.fake().content(id);
      assertThat(Files.readAllBytes(dir.resolve("cat.mp4"))).isEqualTo(bytes);
      assertThat(mp4.bytes()).isEqualTo(bytes.length);
      assertThat(mp4.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      assertThat(mp4.contentType()).contains("video/mp4");
      byte[] thumbnail = api.fake().content(id, "thumbnail");
      assertThat(Files.readAllBytes(dir.resolve("cat.webp"))).isEqualTo(thumbnail);
      assertThat(received).hasValue(thumbnail.length);
    }
  }
}
