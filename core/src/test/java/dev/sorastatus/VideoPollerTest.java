package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.failed;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.queued;
import static dev.sorastatus.Videos.unknown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class VideoPollerTest {
  private final PollerFixture f = new PollerFixture();

  @Test
  void completedJobIsReturnedAfterStatusesAndProgressInOrderWithExactPolls() {
    f.port.script(ID, queued(ID), processing(ID, 10), processing(ID, 50), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(at.join()).isEqualTo(seconds(47.5));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5));
    assertThat(f.listener.events()).containsExactly(
        "0.0s status queued",
        "10.0s status processing",
        "10.0s progress 10",
        "25.0s progress 50",
        "47.5s status completed",
        "47.5s progress 100",
        "47.5s finished COMPLETED completed");
    assertThat(f.poller.activeLoops()).isZero();
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void awaitBlocksItsThreadUntilTheJobCompletes() throws InterruptedException {
    f.port.script(ID, processing(ID, 30), completed(ID));

    PollerFixture.Blocking<Video> call = f.onOwnThread(() -> f.poller.await(ID), 2);
    f.time.advance(Duration.ofMinutes(1));
    call.join();

    assertThat(call.failure.get()).isNull();
    assertThat(call.result.get().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
  }

  @Test
  void failedJobIsTheAnswerOfAwait() {
    f.port.script(ID, processing(ID, 20), failed(ID, "moderation_blocked", "The prompt was blocked"));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.FAILED);
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
    assertThat(f.listener.events()).endsWith("10.0s status failed", "10.0s finished FAILED failed");
  }

  @Test
  void failedJobIsAFailedWaitCarryingCodeAndMessageForAwaitCompleted() {
    Video failure = failed(ID, "moderation_blocked", "The prompt was blocked");
    f.port.script(ID, queued(ID), failure);

    CompletableFuture<Video> done = f.poller.awaitCompletedAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
          assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.FAILED);
          assertThat(e.lastSeen()).contains(failure);
          assertThat(e.error().flatMap(VideoError::code)).contains("moderation_blocked");
          assertThat(e.error().map(VideoError::message)).contains("The prompt was blocked");
          assertThat(e.videoId()).isEqualTo(ID);
          assertThat(e).hasMessage("video video_123 failed (failed): moderation_blocked: The prompt was blocked");
        });
    assertThat(f.port.requestCount(ID)).isEqualTo(2);
  }

  @Test
  void awaitCompletedThrowsTheFailureOnItsOwnThread() throws InterruptedException {
    f.port.script(ID, failed(ID, null, "internal"));

    PollerFixture.Blocking<Video> call = f.onOwnThread(() -> f.poller.awaitCompleted(ID), 2);
    f.time.advance(Duration.ofSeconds(1));
    call.join();

    assertThat(call.failure.get()).isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.FAILED);
      assertThat(e.error().flatMap(VideoError::code)).isEmpty();
    });
  }

  @Test
  void intervalStartsAtTenSecondsAndGrowsByHalfToThirty() {
    f.port.script(ID, processing(ID, 1));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(200));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5, 77.5, 107.5, 137.5, 167.5, 197.5));
  }

  @Test
  void initialDelayPutsOffTheFirstRequest() {
    f.port.script(ID, completed(ID));

    CompletableFuture<Video> done =
        f.poller.awaitAsync(ID, f.exact().initialDelay(Duration.ofSeconds(10)).build());
    f.time.advance(Duration.ofSeconds(9));
    assertThat(f.port.requestCount(ID)).isZero();
    f.time.advance(Duration.ofSeconds(1));

    assertThat(done).isCompleted();
    assertThat(f.port.requestTimes(ID)).containsExactly(seconds(10));
  }

  @Test
  void unknownStatusKeepsWaitingAndIsReportedWithItsRawName() {
    f.port.script(ID, unknown(ID, "rendering_hd"), unknown(ID, "rendering_hd"), processing(ID, 60), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.port.requestCount(ID)).isEqualTo(4);
    assertThat(f.listener.events()).startsWith(
        "0.0s status rendering_hd", "25.0s status processing", "25.0s progress 60");
  }

  @Test
  void progressThatGoesBackwardsIsToleratedAndNotReported() {
    f.port.script(ID, processing(ID, 40), processing(ID, 30), queued(ID), processing(ID, 40),
        processing(ID, 55), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.listener.events()).containsExactly(
        "0.0s status processing",
        "0.0s progress 40",
        "77.5s progress 55",
        "107.5s status completed",
        "107.5s progress 100",
        "107.5s finished COMPLETED completed");
  }

  @Test
  void onceTerminalThatIsTheAnswerAndNothingMoreIsAsked() {
    f.port.script(ID, completed(ID), processing(ID, 5));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.port.requestCount(ID)).isEqualTo(1);
  }

  @Test
  void expiredVideoIsReturnedAndReportedAsExpired() {
    Instant expiresAt = ManualTime.EPOCH.plusSeconds(5);
    Video expired = completed(ID).toBuilder().expiresAt(expiresAt).build();
    f.port.script(ID, processing(ID, 99), expired);

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join()).isEqualTo(expired);
    assertThat(f.listener.events()).last().isEqualTo("10.0s finished EXPIRED completed");
  }

  @Test
  void videoThatExpiresLaterIsCompleted() {
    Video fresh = completed(ID).toBuilder().expiresAt(ManualTime.EPOCH.plus(Duration.ofHours(1))).build();
    f.port.script(ID, processing(ID, 99), fresh);

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(1));

    assertThat(done.join()).isEqualTo(fresh);
    assertThat(f.listener.events()).last().isEqualTo("10.0s finished COMPLETED completed");
  }

  @Test
  void expiredVideoIsAnErrorWhenTheOptionsSaySo() {
    Instant expiresAt = ManualTime.EPOCH.plusSeconds(10);
    Video expired = completed(ID).toBuilder().expiresAt(expiresAt).build();
    f.port.script(ID, processing(ID, 99), expired);

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().expiredIsError(true).build());
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.EXPIRED);
      assertThat(e.lastSeen().flatMap(Video::expiresAt)).contains(expiresAt);
      assertThat(e.lastSeen()).contains(expired);
      assertThat(e).hasMessage("video video_123 completed but expired at 2026-01-01T00:00:10Z");
    });
  }

  @Test
  void aReadsEventsAreToldBeforeTheNextReadIsScheduled() {
    f.port.script(ID, queued(ID), processing(ID, 50), completed(ID));
    List<String> pendingWhenTold = new ArrayList<>();
    PollListener counting = new PollListener() {
      @Override
      public void statusChanged(Video video) {
        pendingWhenTold.add(video.rawStatus() + " " + f.time.pendingTasks());
      }
    };

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().listener(counting).build());
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    // nothing is due yet while a listener runs: a test clock that jumps to the next due task cannot jump
    // past the read a listener is being told of (the wait's own deadline timer is the one task pending)
    assertThat(pendingWhenTold).containsExactly("queued 1", "processing 1", "completed 1");
  }

  @Test
  void listenerThatThrowsNeverBreaksTheWait() {
    f.port.script(ID, queued(ID), processing(ID, 50), completed(ID));
    List<String> seen = new ArrayList<>();
    PollListener throwing = new PollListener() {
      @Override
      public void statusChanged(Video video) {
        seen.add(video.rawStatus());
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void finished(VideoId id, WaitOutcome.Kind outcome, Optional<Video> lastSeen) {
        throw new IllegalStateException("listener bug");
      }
    };

    CompletableFuture<Video> done =
        f.poller.awaitAsync(ID, f.exact().listener(throwing).onProgress(v -> seen.add(v.progress() + "%")).build());
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(seen).containsExactly("queued", "processing", "50%", "completed", "100%");
    assertThat(f.listener.events()).last().isEqualTo("25.0s finished COMPLETED completed");
  }

  @Test
  void jitterStretchesEachSleepByUpToItsFractionFromTheInjectedRandom() {
    List<Duration> first = pollTimesWithJitter(42);
    List<Duration> again = pollTimesWithJitter(42);
    List<Duration> other = pollTimesWithJitter(7);

    assertThat(first).isEqualTo(again).isNotEqualTo(other).hasSize(6);
    List<Duration> scheduled = seconds(10, 15, 22.5, 30, 30);
    for (int i = 1; i < first.size(); i++) {
      Duration sleep = first.get(i).minus(first.get(i - 1));
      assertThat(sleep).isBetween(scheduled.get(i - 1), PollLoop.scale(scheduled.get(i - 1), 1.1));
    }
  }

  private static List<Duration> pollTimesWithJitter(long seed) {
    ManualTime time = new ManualTime();
    ScriptedPort port = new ScriptedPort(time).script(ID, processing(ID, 1));
    VideoPoller poller = VideoPoller.builder(port).clock(time).scheduler(time)
        .random(new SplittableRandom(seed)).build();
    poller.awaitAsync(ID, PollOptions.builder().jitter(0.1).build());
    time.advance(Duration.ofSeconds(130));
    return port.requestTimes(ID);
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> f.poller.awaitAsync(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("id == null");
    assertThatThrownBy(() -> f.poller.await(ID, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("options == null");
    assertThatThrownBy(() -> VideoPoller.create(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("port == null");
    assertThatThrownBy(() -> VideoPoller.builder(f.port).requestsPerSecond(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VideoPoller.builder(f.port).requestsPerSecond(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void awaitRunsOnTheSystemClockAndSchedulerByDefault() {
    ScriptedPort port = new ScriptedPort(java.time.Clock.systemUTC()).script(ID, completed(ID));

    Video video = VideoPoller.create(port).await(ID); // the first request goes at once: no real waiting

    assertThat(video.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(port.requestCount(ID)).isEqualTo(1);
  }

  @Test
  void createUsesTheLibraryDefaults() {
    VideoPoller poller = VideoPoller.create(f.port);

    assertThat(poller.defaults()).isSameAs(PollOptions.defaults());
    assertThat(poller.toString()).contains("TaskScheduler.system()", "50.0 requests/s");
  }
}
