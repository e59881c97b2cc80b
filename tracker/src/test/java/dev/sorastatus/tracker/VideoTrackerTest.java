package dev.sorastatus.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.RecordedRequest;
import dev.sorastatus.testkit.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker over the testkit's fake, in virtual time, every step on the thread that moves time. */
class VideoTrackerTest {
  private final FakeVideoApi fake = FakeVideoApi.create();
  private final VirtualTime time = fake.time();
  private final TrackerStore store = TrackerStore.inMemory();
  private final List<TrackedOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final List<VideoTracker> trackers = new ArrayList<>();

  @AfterEach
  void closeAll() {
    trackers.forEach(VideoTracker::close);
    fake.close();
  }

  private VideoTracker.Builder builder(TrackerStore store, OutcomeHandler handler) {
    return VideoTracker.builder(fake.port(), store, handler).clock(time).scheduler(time).executor(Runnable::run)
        .pollOptions(PollOptions.builder().initialInterval(Duration.ofSeconds(5)).maxInterval(Duration.ofSeconds(20))
            .timeout(Duration.ofMinutes(10)).build())
        .handlerRetry(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
            .jitter(0).build());
  }

  private VideoTracker started(VideoTracker.Builder b) {
    VideoTracker t = b.build();
    trackers.add(t);
    t.start();
    return t;
  }

  private TrackedOutcome outcomeOf(VideoId id) {
    synchronized (outcomes) {
      return outcomes.stream().filter(o -> o.videoId().equals(id)).findFirst().orElseThrow();
    }
  }

  @Test
  void eachWayAJobEndsIsDeliveredOnceWithItsTagsAndLastVideo() {
    VideoId done = fake.job().queued().processing(50).completed().create();
    VideoId failed = fake.job().queued().failed("moderation", "refused").create();
    VideoId missing = VideoId.of("video_missing");
    VideoId stuck = fake.job().queued().create();
    VideoTracker tracker = started(builder(store, outcomes::add));
    tracker.track(done, Map.of("customer", "42"));
    tracker.track(failed, Map.of());
    tracker.track(missing, Map.of());
    tracker.track(stuck, Map.of());

    time.advance(Duration.ofMinutes(11));

    assertThat(outcomes).hasSize(4);
    assertThat(outcomeOf(done).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(outcomeOf(done).tags()).isEqualTo(Map.of("customer", "42"));
    assertThat(outcomeOf(done).video().orElseThrow().id()).isEqualTo(done);
    assertThat(outcomeOf(done).deliveryId()).startsWith(done.value() + ":");
    assertThat(outcomeOf(failed).status()).isEqualTo(JobStatus.FAILED);
    assertThat(outcomeOf(failed).video().orElseThrow().error().orElseThrow().message()).isEqualTo("refused");
    assertThat(outcomeOf(missing).status()).isEqualTo(JobStatus.NOT_FOUND);
    assertThat(outcomeOf(stuck).status()).isEqualTo(JobStatus.TIMED_OUT);
    assertThat(outcomeOf(stuck).video().orElseThrow().status()).isEqualTo(dev.sorastatus.VideoStatus.QUEUED);
    assertThat(tracker.counts()).isEqualTo(Map.of(JobStatus.COMPLETED, 1L, JobStatus.FAILED, 1L,
        JobStatus.NOT_FOUND, 1L, JobStatus.TIMED_OUT, 1L));
    assertThat(tracker.list(TrackerQuery.all().withUnhandledOnly())).isEmpty();
    assertThat(fake.retrievals(done)).isEqualTo(3);
  }

  @Test
  void aWakeHasTheJobReadWithinASecondInsteadOfAtItsNextPoll() {
    VideoId id = fake.job().advanceEvery(Duration.ofSeconds(40)).queued().completed().create(); // done at 40 s
    VideoTracker tracker = started(VideoTracker.builder(fake.port(), store, outcomes::add).clock(time)
        .scheduler(time).executor(Runnable::run).pollOptions(PollOptions.builder()
            .initialInterval(Duration.ofSeconds(30)).maxInterval(Duration.ofSeconds(30)).build()));
    tracker.track(id, Map.of());
    time.advance(Duration.ofSeconds(40));
    assertThat(outcomes).isEmpty();
    int readsBefore = fake.retrievals(id);

    assertThat(tracker.wake(id)).isTrue();
    time.advance(Duration.ofSeconds(2));

    assertThat(outcomes).extracting(TrackedOutcome::status).containsExactly(JobStatus.COMPLETED);
    assertThat(fake.retrievals(id)).isEqualTo(readsBefore + 1);
    assertThat(tracker.wake(id)).as("finished: nothing to wake").isFalse();
    assertThat(tracker.wake(VideoId.of("video_untracked"))).isFalse();
  }

  @Test
  void trackingStoresAtOnceAndTrackingAgainChangesNothing() {
    VideoTracker tracker = builder(store, outcomes::add).build();
    trackers.add(tracker);
    VideoId id = VideoId.of("video_1");
    TrackedJob first = tracker.track(id, Map.of("a", "1"));
    time.advance(Duration.ofSeconds(3));
    assertThat(tracker.track(id, Map.of("a", "2"))).isEqualTo(first);
    assertThat(store.find(id)).contains(first);
    assertThat(tracker.untrack(id)).isTrue();
    assertThat(tracker.find(id)).isEmpty();
  }

  @Test
  void aThrowingHandlerIsRetriedWithBackoffUntilItReturns() {
    VideoId id = fake.job().completed().create();
    List<String> deliveries = new ArrayList<>();
    List<Instant> at = new ArrayList<>();
    OutcomeHandler flaky = outcome -> {
      deliveries.add(outcome.deliveryId());
      at.add(time.now());
      if (deliveries.size() < 3) {
        throw new IllegalStateException("database down");
      }
    };
    VideoTracker tracker = started(builder(store, flaky));
    tracker.track(id, Map.of());

    time.advance(Duration.ofMinutes(2));

    assertThat(deliveries).hasSize(3).containsOnly(deliveries.get(0));
    assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(Duration.between(at.get(1), at.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    TrackedJob job = store.find(id).orElseThrow();
    assertThat(job.handled()).isTrue();
    assertThat(job.deliveries()).isEqualTo(3);
  }

  @Test
  void aSecondTrackerOnTheSameStoreFinishesWhatTheFirstLeftAndLosesNothing() {
    List<VideoId> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(fake.job().queued().processing(10).processing(60).processing(90).completed().create());
    }
    AtomicInteger firstHandled = new AtomicInteger();
    VideoTracker first = started(builder(store, o -> {
      firstHandled.incrementAndGet();
      outcomes.add(o);
    }).workerId("first").requestsPerSecond(4));
    ids.forEach(id -> first.track(id, Map.of()));
    for (int s = 0; s < 300 && firstHandled.get() < 5; s++) {
      time.advance(Duration.ofSeconds(1)); // close it as soon as a few are done, most still running
    }
    first.close();
    int handledByFirst = firstHandled.get();
    assertThat(handledByFirst).isBetween(1, 39);

    started(builder(store, outcomes::add).workerId("second").requestsPerSecond(4));
    time.advance(Duration.ofMinutes(5));

    assertThat(outcomes).extracting(TrackedOutcome::videoId).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(store.counts()).isEqualTo(Map.of(JobStatus.COMPLETED, 40L));
    assertThat(store.list(TrackerQuery.all().withUnhandledOnly())).isEmpty();
  }

  @Test
  void tenThousandResumedJobsHaveTheirFirstReadsSpreadOverTheBudget() {
    int jobs = 10_000;
    double rps = 100;
    for (int i = 0; i < jobs; i++) {
      store.add(TrackedJob.pending(fake.job().completed().create(), Map.of(), time.now()));
    }
    Instant start = time.now();
    started(builder(store, outcomes::add).requestsPerSecond(rps).batchSize(250));

    time.advance(Duration.ofSeconds(102));

    List<Instant> reads = fake.journal().stream().map(RecordedRequest::at).sorted().toList();
    assertThat(reads).hasSize(jobs);
    Duration spacing = Duration.ofMillis(10);
    for (int i = 1; i < reads.size(); i++) {
      assertThat(Duration.between(reads.get(i - 1), reads.get(i))).as("gap before read %d", i)
          .isGreaterThanOrEqualTo(spacing);
    }
    assertThat(reads.get(0)).as("a heartbeat after start").isEqualTo(start.plusSeconds(1));
    assertThat(Duration.between(start, reads.get(jobs - 1))).isBetween(Duration.ofMillis(100_990),
        Duration.ofSeconds(101));
    assertThat(mostInOneSecond(reads)).isLessThanOrEqualTo((int) rps);
    assertThat(outcomes).hasSize(jobs);
  }

  @Test
  void trackersSharingAStoreSplitTheBudgetBetweenThem() {
    for (int i = 0; i < 100; i++) {
      store.add(TrackedJob.pending(fake.job().completed().create(), Map.of(), time.now()));
    }
    AtomicInteger byA = new AtomicInteger();
    AtomicInteger byB = new AtomicInteger();
    started(VideoTracker.builder(counting(byA), store, outcomes::add).clock(time).scheduler(time)
        .executor(Runnable::run).requestsPerSecond(10).workerId("a"));
    started(VideoTracker.builder(counting(byB), store, outcomes::add).clock(time).scheduler(time)
        .executor(Runnable::run).requestsPerSecond(10).workerId("b"));

    time.advance(Duration.ofSeconds(12));

    List<Instant> reads = fake.journal().stream().map(RecordedRequest::at).sorted().toList();
    assertThat(reads).hasSize(100);
    assertThat(mostInOneSecond(reads)).as("both together within 10 a second").isLessThanOrEqualTo(10);
    assertThat(byA.get()).isBetween(40, 60);
    assertThat(byA.get() + byB.get()).isEqualTo(100);
    assertThat(outcomes).hasSize(100);
  }

  private dev.sorastatus.VideoStatusPort counting(AtomicInteger reads) {
    return new dev.sorastatus.VideoStatusPort() {
      @Override
      public dev.sorastatus.Video retrieve(VideoId id) {
        reads.incrementAndGet();
        return fake.port().retrieve(id);
      }

      @Override
      public java.util.concurrent.CompletableFuture<dev.sorastatus.Video> retrieveAsync(VideoId id) {
        reads.incrementAndGet();
        return fake.port().retrieveAsync(id);
      }
    };
  }

  /** Returns the most instants that fall in one window of a second, {@code [t, t + 1 s)}. */
  static int mostInOneSecond(List<Instant> sorted) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (!sorted.get(from).plusSeconds(1).isAfter(sorted.get(to))) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  @Test
  void theStoreIsClaimedFromInBatchesOfAtMostTheBatchSize() {
    List<Integer> claims = Collections.synchronizedList(new ArrayList<>());
    TrackerStore counting = new CountingStore(store, claims);
    for (int i = 0; i < 50; i++) {
      store.add(TrackedJob.pending(fake.job().queued().completed().create(), Map.of(), time.now()));
    }
    started(builder(counting, outcomes::add).batchSize(7));

    time.advance(Duration.ofMinutes(2));

    assertThat(outcomes).hasSize(50);
    assertThat(claims).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(0, 7));
    assertThat(claims.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
  }

  @Test
  void aCompletedVideoIsDownloadedBeforeItsOutcomeIsDelivered(@TempDir Path dir) throws Exception {
    VideoId id = fake.job().completed().create();
    VideoTracker tracker = started(builder(store, outcomes::add).download(dir, VideoDownloader.create(fake.port())));
    tracker.track(id, Map.of());

    time.advance(Duration.ofSeconds(10));

    Path saved = outcomeOf(id).download().orElseThrow();
    assertThat(saved).isEqualTo(dir.resolve(id.value() + ".mp4"));
    assertThat(Files.readAllBytes(saved)).isEqualTo(fake.content(id));
  }

  @Test
  void badInputIsRefusedWithATypedError() {
    VideoTracker tracker = builder(store, outcomes::add).build();
    trackers.add(tracker);
    assertThatThrownBy(() -> tracker.track(null, Map.of())).isInstanceOf(NullPointerException.class)
        .hasMessage("id == null");
    assertThatThrownBy(() -> tracker.track(VideoId.of("video_1"), Map.of(" ", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag's name");
    assertThatThrownBy(() -> builder(store, outcomes::add).requestsPerSecond(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder(store, outcomes::add).batchSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VideoTracker.builder(fake.port(), null, outcomes::add))
        .isInstanceOf(NullPointerException.class).hasMessage("store == null");
    assertThatThrownBy(() -> TrackerQuery.all().withLimit(0)).isInstanceOf(IllegalArgumentException.class);
    tracker.close();
    assertThatThrownBy(() -> tracker.track(VideoId.of("video_1"), Map.of()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toStringNamesNoSecret() {
    VideoTracker tracker = builder(store, outcomes::add).workerId("w1").build();
    trackers.add(tracker);
    assertThat(tracker.toString()).contains("w1").doesNotContain(FakeVideoApi.DEFAULT_API_KEY);
  }
}
