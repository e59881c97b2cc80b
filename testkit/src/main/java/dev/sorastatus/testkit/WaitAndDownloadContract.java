package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.sorastatus.DownloadResult;
import dev.sorastatus.PollListener;
import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.WaitOutcome;
import dev.sorastatus.WaitState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user's whole path over a real transport and the fake's HTTP mode, in every dialect: wait for a job with
 * {@link VideoPoller}, then download it with {@link VideoDownloader}, both on the fake's virtual time; and
 * a wait saved in one client and resumed by another, as across a restart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class WaitAndDownloadContract {
  /** For a subclass, which supplies what is under test. */
  protected WaitAndDownloadContract() {}

  @TempDir Path dir;

  /**
   * Returns a client over the transport under test, over {@code config}.
   *
   * @param config the fake's configuration, with retries off
   * @return the client; the contract closes it
   */
  protected abstract SoraClient create(SoraConfig config);

  /** Returns a client reading {@code api}: over the transport under test, against its HTTP mode. */
  SoraClient client(FakeVideoApi api) {
    return create(api.config().build());
  }

  private static FakeVideoApi fake(Dialect dialect) {
    return FakeVideoApi.builder().dialect(dialect).retryPolicy(RetryPolicy.none()).build();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void jobIsAwaitedThenDownloadedInVirtualTime(Dialect dialect) throws Exception {
    try (FakeVideoApi api = fake(dialect);
        SoraClient port = client(api)) {
      VirtualTime time = api.time();
      VideoId id = api.job().queued().processing(40).processing(90).completed().contentBytes(50_000).create();
      List<VideoStatus> seen = new CopyOnWriteArrayList<>();
      VideoPoller poller = VideoPoller.create(port); // on the fake's virtual time, which the config carries

      Video done = api.runUntilDone(poller.awaitCompletedAsync(id, poller.defaults().toBuilder()
          .jitter(0).listener(new PollListener() {
            @Override
            public void statusChanged(Video video) {
              seen.add(video.status());
            }
          }).build()));
      DownloadResult result = api.runUntilDone(VideoDownloader.create(port).downloadAsync(done, dir.resolve("cat.mp4")));

      assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
      assertThat(seen).containsExactly(VideoStatus.QUEUED, VideoStatus.PROCESSING, VideoStatus.COMPLETED);
      assertThat(api.retrievals(id)).isEqualTo(4);
      assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(47_500)); // reads at 0, 10, 25 and 47.5 s, none late
      assertThat(Files.readAllBytes(result.path())).isEqualTo(api.content(id));
      assertThat(result.bytes()).isEqualTo(50_000);
    }
  }

  @Test
  void waitSavedByOneClientIsResumedByAnotherOnTheSameSchedule() throws Exception {
    try (FakeVideoApi api = fake(Dialect.OPENAI); SoraClient first = client(api); SoraClient second = client(api)) {
      VirtualTime time = api.time();
      VideoId id = api.job().queued().processing(40).processing(90).completed().create();
      AtomicReference<String> saved = new AtomicReference<>();
      PollOptions options = PollOptions.builder().jitter(0).listener(new PollListener() {
        @Override
        public void checkpoint(WaitState state) {
          saved.set(state.toJson());
        }
      }).build();
      CompletableFuture<WaitOutcome> dying = VideoPoller.create(first).awaitOutcomeAsync(id, options);
      time.advance(Duration.ofSeconds(12)); // reads at 0 and 10 s, then the process dies
      dying.cancel(true);
      WaitState state = WaitState.fromJson(saved.get());

      // another process: a new poller (over a new client, but in memory) resumes from the saved text
      WaitOutcome outcome = api.runUntilDone(VideoPoller.create(second).resumeOutcomeAsync(state, options));

      assertThat(state.reads()).isEqualTo(2);
      assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.COMPLETED);
      assertThat(api.retrievals(id)).isEqualTo(4);
      assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(47_500)); // 25 and 47.5 s, as without the restart
    }
  }

  static Stream<Arguments> shapesFromTheField() {
    return Stream.of(
        Arguments.of("Replicate output", "{\"id\":\"video_shape\",\"status\":\"succeeded\","
            + "\"output\":[\"https://replicate.delivery/x/out.mp4\"],\"started_at\":\"2026-01-01T00:00:05.123456Z\"}",
            VideoStatus.COMPLETED, "https://replicate.delivery/x/out.mp4"),
        Arguments.of("fal queue", "{\"status\":\"IN_QUEUE\",\"request_id\":\"r1\",\"queue_position\":3}",
            VideoStatus.QUEUED, null),
        Arguments.of("Together outputs", "{\"id\":\"video_shape\",\"status\":\"completed\","
            + "\"outputs\":{\"video_url\":\"https://api.together.ai/shrt/a\"}}", VideoStatus.COMPLETED,
            "https://api.together.ai/shrt/a"),
        Arguments.of("unsigned_urls", "{\"id\":\"video_shape\",\"status\":\"completed\","
            + "\"unsigned_urls\":[\"https://cdn.gateway.example/0.mp4\"]}", VideoStatus.COMPLETED,
            "https://cdn.gateway.example/0.mp4"),
        Arguments.of("results[0].url", "{\"task_id\":\"video_shape\",\"status\":\"SUCCESS\","
            + "\"results\":[{\"url\":\"https://cdn.gateway.example/r.mp4\"}]}", VideoStatus.COMPLETED,
            "https://cdn.gateway.example/r.mp4"),
        Arguments.of("data[0].video_url", "{\"id\":\"video_shape\",\"status\":\"succeeded\","
            + "\"data\":[{\"video_url\":\"https://cdn.gateway.example/d.mp4\"}]}", VideoStatus.COMPLETED,
            "https://cdn.gateway.example/d.mp4"),
        Arguments.of("xAI video.url", "{\"status\":\"done\",\"video\":{\"url\":\"https://vidgen.x.ai/v.mp4\"}}",
            VideoStatus.COMPLETED, "https://vidgen.x.ai/v.mp4"),
        Arguments.of("Azure preprocessing", "{\"object\":\"video.generation.job\",\"id\":\"video_shape\","
            + "\"status\":\"preprocessing\",\"finished_at\":null,\"failure_reason\":null}", VideoStatus.PROCESSING,
            null),
        Arguments.of("an id but no status yet", "{\"id\":\"video_shape\",\"object\":\"video\"}",
            VideoStatus.UNKNOWN, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapesFromTheField")
  void shapesNoDialectWritesAreServedAsScriptedAndReadAlike(String name, String json, VideoStatus status,
      String downloadUrl) throws Exception {
    try (FakeVideoApi api = fake(Dialect.OPENAI); SoraClient port = client(api)) {
      VideoId id = api.job().id("video_shape").body(json).create();

      Video video = port.retrieve(id);

      assertThat(video.status()).isEqualTo(status);
      assertThat(video.downloadUrl().map(Object::toString)).isEqualTo(java.util.Optional.ofNullable(downloadUrl));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void jsonErrorServedAsTheFileIsRejectedWithTheServersMessageAndLeavesNoFile(Dialect dialect) throws Exception {
    Throwable failure = failedDownload(dialect, FakeVideoApi.JobBuilder::contentJsonError);

    assertThat(failure).isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("Upstream video service failed to return the file")
        .hasMessageNotContaining(FakeVideoApi.DEFAULT_API_KEY);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void contentThatIsGoneIsExpired(Dialect dialect) throws Exception {
    Throwable failure = failedDownload(dialect, FakeVideoApi.JobBuilder::contentGone);

    assertThat(failure).isInstanceOfSatisfying(VideoDownloadException.class, e -> {
      assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.EXPIRED);
      assertThat(e.expiresAt()).isPresent(); // the video's own, an hour after it completed
    }).hasMessageContaining("answered HTTP 410").hasRootCauseInstanceOf(SoraApiException.class);
  }

  /** Downloads a completed job scripted by {@code script}, checks that no file is left, and returns the failure. */
  private Throwable failedDownload(Dialect dialect, UnaryOperator<FakeVideoApi.JobBuilder> script) throws IOException {
    try (FakeVideoApi api = fake(dialect); SoraClient port = client(api)) {
      Video done = port.retrieve(script.apply(api.job().completed()).create());
      Throwable failure = failure(api, VideoDownloader.create(port).downloadAsync(done, dir.resolve("cat.mp4")));
      assertThat(files()).isEmpty();
      return failure;
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void signedUrlPastItsLifeIsReplacedByOneStatusReRead(Dialect dialect) throws Exception {
    try (FakeVideoApi api = fake(dialect); SoraClient port = client(api)) {
      VideoId id = api.job().completed().signedUrlExpiringOnce().create();
      Video done = port.retrieve(id);

      DownloadResult result = api.runUntilDone(VideoDownloader.create(port).downloadAsync(done, dir.resolve("cat.mp4")));

      assertThat(Files.readAllBytes(result.path())).isEqualTo(api.content(id));
      assertThat(api.retrievals(id)).isEqualTo(2); // the first read, and the one re-read for a fresh URL
      assertThat(api.journal()).filteredOn(r -> r.path().endsWith("/content"))
          .extracting(RecordedRequest::query, RecordedRequest::statusCode)
          .containsExactly(tuple("variant=video&sig=s1", 403), tuple("variant=video&sig=s2", 200));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void announcedDigestIsCheckedAgainstTheBytesReceived(Dialect dialect) throws Exception {
    try (FakeVideoApi api = fake(dialect); SoraClient port = client(api)) {
      VideoId id = api.job().completed().announceDigest().contentBytes(20_000).create();
      Video done = port.retrieve(id);
      VideoDownloader downloader = VideoDownloader.create(port);

      DownloadResult result = api.runUntilDone(downloader.downloadAsync(done, dir.resolve("cat.mp4")));
      Video wrong = done.toBuilder().sha256("0".repeat(64)).build();
      Throwable failure = failure(api, downloader.downloadAsync(wrong, dir.resolve("wrong.mp4")));

      assertThat(done.sha256()).contains(result.sha256());
      assertThat(done.sizeBytes()).hasValue(20_000);
      assertThat(failure).isInstanceOfSatisfying(VideoDownloadException.class,
              e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
          .hasMessageContaining("sha256 of the 20000 bytes received for video " + id + " is " + result.sha256()
              + " but the status announced " + "0".repeat(64));
      assertThat(files()).containsExactly(result.path());
    }
  }

  private static Throwable failure(FakeVideoApi api, CompletableFuture<DownloadResult> download) {
    return catchThrowable(() -> api.runUntilDone(download));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }
}
