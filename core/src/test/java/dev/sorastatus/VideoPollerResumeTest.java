package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.failed;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.serverError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wait saved after a read and resumed by a new poller, as another process would: same deadline, same
 * backoff, no extra reads. Each "process" is its own {@link VideoPoller} over the same port and virtual time.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class VideoPollerResumeTest {
  private final PollerFixture f = new PollerFixture();
  private final List<WaitState> saved = new ArrayList<>();
  private final PollListener store = new PollListener() {
    @Override
    public void checkpoint(WaitState state) {
      saved.add(WaitState.fromJson(state.toJson())); // through the JSON form, as a store would keep it
    }
  };

  private PollOptions withStore() {
    return f.exact().listener(store).build();
  }

  /** Starts a wait in the first process, runs it until {@code readsBeforeCrash} reads, and kills it. */
  private WaitState crashAfter(int readsBeforeCrash, PollOptions options, Duration crashAt) {
    CompletableFuture<Video> first = f.poller.awaitAsync(ID, options);
    while (f.port.requestCount(ID) < readsBeforeCrash) {
      f.time.advance(Duration.ofMillis(500));
    }
    f.time.advance(crashAt.minus(f.time.elapsed()));
    first.cancel(true); // the process dies: nothing of its wait lives on but the last saved state
    assertThat(f.poller.activeLoops()).isZero();
    return saved.get(saved.size() - 1);
  }

  @Test
  void aResumedWaitReadsOnTheScheduleTheUninterruptedOneWouldHaveKept() {
    Object[] script = {processing(ID, 10), serverError(), serverError(), processing(ID, 40), processing(ID, 60),
        completed(ID)};
    PollerFixture uninterrupted = new PollerFixture();
    uninterrupted.port.script(ID, script);
    uninterrupted.poller.awaitOutcomeAsync(ID);
    uninterrupted.time.advance(Duration.ofHours(1));
    f.port.script(ID, script);

    WaitState state = crashAfter(3, withStore(), seconds(30));
    assertThat(state.reads()).isEqualTo(3);
    assertThat(state.consecutiveFailures()).isEqualTo(2);
    assertThat(state.lastVideo()).contains(processing(ID, 10));
    assertThat(state.startedAt()).isEqualTo(ManualTime.EPOCH);
    assertThat(state.deadline()).isEqualTo(ManualTime.EPOCH.plus(Duration.ofMinutes(30)));
    assertThat(state.nextReadAt()).isEqualTo(ManualTime.EPOCH.plus(seconds(47.5))); // 25 s + 22.5 s

    VideoPoller second = f.poller(f.port, Double.POSITIVE_INFINITY);
    CompletableFuture<WaitOutcome> resumed = second.resumeOutcomeAsync(state, withStore());
    CompletableFuture<Duration> at = f.completionTime(resumed);
    f.time.advance(Duration.ofHours(1));

    assertThat(resumed.join().kind()).isEqualTo(WaitOutcome.Kind.COMPLETED);
    assertThat(at.join()).isEqualTo(seconds(107.5));
    // 47.5 then 30 s gaps (the interval after 4 and 5 reads), not a fresh 10 s: the backoff went on.
    assertThat(f.port.requestTimes(ID)).isEqualTo(uninterrupted.port.requestTimes(ID))
        .isEqualTo(seconds(0, 10, 25, 47.5, 77.5, 107.5));
    assertThat(saved).last().satisfies(s -> {
      assertThat(s.reads()).isEqualTo(5);
      assertThat(s.consecutiveFailures()).isZero();
      assertThat(s.lastVideo()).contains(processing(ID, 60));
    });
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void aCheckpointFollowsEveryReadThatDoesNotEndTheWaitAndNoneFollowsTheLast() {
    f.port.script(ID, processing(ID, 10), serverError(), processing(ID, 50), completed(ID));

    f.poller.awaitOutcomeAsync(ID, withStore());
    f.time.advance(Duration.ofHours(1));

    assertThat(saved).extracting(WaitState::reads).containsExactly(1, 2, 3);
    assertThat(saved).extracting(WaitState::consecutiveFailures).containsExactly(0, 1, 0);
    assertThat(saved).extracting(s -> Duration.between(ManualTime.EPOCH, s.nextReadAt()))
        .isEqualTo(f.port.requestTimes(ID).subList(1, 4));
    assertThat(f.port.requestCount(ID)).isEqualTo(4);
  }

  @Test
  void consecutiveFailuresCarryOverTowardTheRetryLimit() {
    f.port.script(ID, processing(ID, 10), serverError());
    PollOptions options = f.exact().listener(store).maxConsecutiveRetries(3).build();

    WaitState state = crashAfter(3, options, seconds(26)); // saved after two errors in a row

    WaitOutcome outcome = resumeAndRun(state, options);

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.ERROR);
    assertThat(outcome.error().orElseThrow())
        .hasMessageStartingWith("wait for video video_123 gave up after 4 transient errors in a row");
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5, 77.5));
  }

  @Test
  void aResumedWaitEndsByTheOriginalDeadlineWhateverTheOptionsTimeoutSays() {
    f.port.script(ID, processing(ID, 10));
    PollOptions shortWait = f.exact().listener(store).timeout(Duration.ofSeconds(60)).build();

    WaitState state = crashAfter(2, shortWait, seconds(12));
    VideoPoller second = f.poller(f.port, Double.POSITIVE_INFINITY);
    CompletableFuture<WaitOutcome> resumed =
        second.resumeOutcomeAsync(state, f.exact().timeout(Duration.ofHours(5)).build());
    CompletableFuture<Duration> at = f.completionTime(resumed);
    f.time.advance(Duration.ofHours(6));

    assertThat(at.join()).isEqualTo(Duration.ofSeconds(60));
    assertThat(resumed.join().kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT);
    assertThat(resumed.join().error().orElseThrow()).hasMessage(
        "video video_123 did not finish by its deadline 2026-01-01T00:01:00Z; last seen processing at 10%");
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5));
    assertThat(f.time.latestScheduled()).isEqualTo(ManualTime.EPOCH.plusSeconds(60));
  }

  @Test
  void aReadThatFellDueWhileNoProcessRanIsSentAtOnce() {
    f.port.script(ID, processing(ID, 10), processing(ID, 20));

    WaitState state = crashAfter(1, withStore(), seconds(1)); // next read due at 10 s
    f.time.advance(Duration.ofSeconds(99)); // the new process starts at 100 s
    VideoPoller second = f.poller(f.port, Double.POSITIVE_INFINITY);
    second.resumeOutcomeAsync(state, withStore());
    f.time.runDue();

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 100));
    assertThat(saved).last().satisfies(s -> assertThat(s.nextReadAt())
        .isEqualTo(ManualTime.EPOCH.plus(seconds(115)))); // the 15 s interval after two reads
  }

  @Test
  void aStatePastItsDeadlineMakesOneFinalReadAndTimesOut() {
    f.port.script(ID, processing(ID, 10), processing(ID, 90));
    WaitState state = crashAfter(1, f.exact().listener(store).timeout(Duration.ofSeconds(60)).build(), seconds(1));
    f.time.advance(Duration.ofMinutes(10));

    WaitOutcome outcome = resumeAndRun(state, withStore());

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT);
    assertThat(outcome.video()).contains(processing(ID, 90));
    assertThat(f.port.requestCount(ID)).isEqualTo(2);
    assertThat(f.listener.events()).last().isEqualTo("601.0s finished TIMED_OUT processing");
  }

  @Test
  void aStatePastItsDeadlineWhoseJobFinishedMeanwhileEndsWithTheFinalState() {
    f.port.script(ID, processing(ID, 10), completed(ID));
    WaitState state = crashAfter(1, f.exact().listener(store).timeout(Duration.ofSeconds(60)).build(), seconds(1));
    f.time.advance(Duration.ofMinutes(10));

    WaitOutcome outcome = resumeAndRun(state, withStore());

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.COMPLETED);
    assertThat(outcome.video()).contains(completed(ID));
    assertThat(f.port.requestCount(ID)).isEqualTo(2);
  }

  @Test
  void aStateWhoseLastVideoIsTerminalEndsWithItWithoutARead() {
    Instant start = ManualTime.EPOCH;
    WaitState done = new WaitState(ID, start, start.plusSeconds(600), 4, 0,
        Optional.of(failed(ID, "moderation_blocked", "blocked")), start.plusSeconds(40));
    VideoPoller second = f.poller(f.port, Double.POSITIVE_INFINITY);

    CompletableFuture<WaitOutcome> outcome = second.resumeOutcomeAsync(done, f.exact().build());

    assertThat(outcome).isCompleted();
    assertThat(outcome.join().kind()).isEqualTo(WaitOutcome.Kind.FAILED);
    assertThat(outcome.join().video()).contains(failed(ID, "moderation_blocked", "blocked"));
    assertThat(f.port.requestCount()).isZero();
    assertThat(f.time.pendingTasks()).isZero();
    assertThat(f.listener.events()).containsExactly("0.0s finished FAILED failed");
  }

  @Test
  void listenersOfAResumedWaitHearOnlyWhatChangedSinceTheSavedVideo() {
    f.port.script(ID, processing(ID, 10), processing(ID, 10), processing(ID, 30));
    WaitState state = crashAfter(1, withStore(), seconds(1));

    resumeAndRun(state, f.exact().timeout(Duration.ofMinutes(1)).build());

    assertThat(f.listener.events()).containsSubsequence("0.0s status processing", "0.0s progress 10",
        "25.0s progress 30").doesNotContain("10.0s status processing", "10.0s progress 10");
  }

  @Test
  void cancellingAFinalReadStopsItAndTellsTheListeners() {
    f.port.script(ID, processing(ID, 10));
    f.port.hold();
    WaitState state = new WaitState(ID, ManualTime.EPOCH, ManualTime.EPOCH, 0, 0, Optional.empty(),
        ManualTime.EPOCH);
    VideoPoller second = f.poller(f.port, Double.POSITIVE_INFINITY);

    CompletableFuture<WaitOutcome> outcome = second.resumeOutcomeAsync(state, f.exact().build());
    f.time.runDue();
    outcome.cancel(true);

    assertThat(f.port.held()).singleElement().satisfies(r -> assertThat(r).isCancelled());
    assertThat(f.listener.events()).containsExactly("0.0s finished CANCELLED -");
  }

  @Test
  void blockingResumeReturnsTheOutcome() throws InterruptedException {
    f.port.script(ID, processing(ID, 10), completed(ID));
    WaitState state = crashAfter(1, withStore(), seconds(1));
    VideoPoller second = f.poller(f.port, Double.POSITIVE_INFINITY);

    PollerFixture.Blocking<WaitOutcome> call = f.onOwnThread(() -> second.resumeOutcome(state, withStore()), 2);
    f.time.advance(Duration.ofMinutes(1));
    call.join();

    assertThat(call.result.get().kind()).isEqualTo(WaitOutcome.Kind.COMPLETED);
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
  }

  private WaitOutcome resumeAndRun(WaitState state, PollOptions options) {
    VideoPoller second = f.poller(f.port, Double.POSITIVE_INFINITY);
    CompletableFuture<WaitOutcome> resumed = second.resumeOutcomeAsync(state, options);
    f.time.advance(Duration.ofHours(1));
    assertThat(resumed).isCompleted();
    return resumed.join();
  }
}
