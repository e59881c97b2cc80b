package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.DownloadResult;
import dev.sorastatus.PollListener;
import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.WaitOutcome;
import dev.sorastatus.WaitState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void jobIsAwaitedThenDownloadedInVirtualTime(Dialect dialect) throws Exception {
    try (FakeVideoApi api = FakeVideoApi.builder().dialect(dialect).build();
        SoraClient port = create(api.config().retryPolicy(RetryPolicy.none()).build())) {
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
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VirtualTime time = api.time();
      VideoId id = api.job().queued().processing(40).processing(90).completed().create();
      AtomicReference<String> saved = new AtomicReference<>();
      PollOptions options = PollOptions.builder().jitter(0).listener(new PollListener() {
        @Override
        public void checkpoint(WaitState state) {
          saved.set(state.toJson());
        }
      }).build();
      try (SoraClient first = create(api.config().retryPolicy(RetryPolicy.none()).build())) {
        CompletableFuture<WaitOutcome> dying = VideoPoller.create(first).awaitOutcomeAsync(id, options);
        time.advance(Duration.ofSeconds(12)); // reads at 0 and 10 s, then the process dies
        dying.cancel(true);
      }
      WaitState state = WaitState.fromJson(saved.get());

      try (SoraClient second = create(api.config().retryPolicy(RetryPolicy.none()).build())) {
        WaitOutcome outcome = api.runUntilDone(VideoPoller.create(second).resumeOutcomeAsync(state, options));

        assertThat(state.reads()).isEqualTo(2);
        assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.COMPLETED);
        assertThat(api.retrievals(id)).isEqualTo(4);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(47_500)); // 25 and 47.5 s, as without the restart
      }
    }
  }
}
