package dev.sorastatus.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TrackerStore} must show, run against each implementation: extend it and return
 * a new, empty store from {@link #createStore()}. Shipped in this module's test jar for the adapters.
 */
public abstract class TrackerStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected TrackerStore store;

  /**
   * Returns a new store holding no jobs and no workers.
   *
   * @return the store under test
   * @throws Exception if it cannot be made
   */
  protected abstract TrackerStore createStore() throws Exception;

  /**
   * Releases what {@link #createStore()} made; the default does nothing.
   *
   * @throws Exception if it cannot be released
   */
  protected void closeStore() throws Exception {}

  @BeforeEach
  protected final void openStore() throws Exception {
    store = createStore();
  }

  @AfterEach
  protected final void releaseStore() throws Exception {
    closeStore();
  }

  private static TrackedJob job(String id, Instant at) {
    return TrackedJob.pending(VideoId.of(id), Map.of("team", "a"), at);
  }

  @Test
  public void addingAnIdAlreadyTrackedKeepsTheFirst() {
    TrackedJob first = store.add(job("video_1", T0));
    TrackedJob again = store.add(TrackedJob.pending(VideoId.of("video_1"), Map.of("team", "b"), T0.plusSeconds(5)));
    assertThat(again).isEqualTo(first);
    assertThat(store.find(VideoId.of("video_1"))).contains(first);
    assertThat(store.counts()).isEqualTo(Map.of(JobStatus.PENDING, 1L));
  }

  @Test
  public void claimTakesAtMostTheLimitEarliestDueFirstAndOnlyWhatIsDue() {
    for (int i = 0; i < 5; i++) {
      store.add(job("video_" + i, T0.plusSeconds(10 - i)));
    }
    store.add(job("video_later", T0.plusSeconds(60)));
    List<TrackedJob> claimed = store.claimDue(T0.plusSeconds(30), 3, "w1", T0.plusSeconds(90));
    assertThat(claimed).extracting(j -> j.id().value()).containsExactly("video_4", "video_3", "video_2");
  }

  @Test
  public void aLeasedJobIsClaimedAgainOnlyOnceItsLeaseRunsOut() {
    store.add(job("video_1", T0));
    assertThat(store.claimDue(T0, 10, "w1", T0.plusSeconds(60))).hasSize(1);
    assertThat(store.claimDue(T0.plusSeconds(30), 10, "w2", T0.plusSeconds(90))).isEmpty();
    List<TrackedJob> moved = store.claimDue(T0.plusSeconds(61), 10, "w2", T0.plusSeconds(120));
    assertThat(moved).hasSize(1);
    assertThat(store.recordRead(moved.get(0).withFailure(T0.plusSeconds(70)), "w1")).as("lost lease").isFalse();
    assertThat(store.recordRead(moved.get(0).withFailure(T0.plusSeconds(70)), "w2")).isTrue();
    assertThat(store.find(VideoId.of("video_1")).orElseThrow().failures()).isEqualTo(1);
  }

  @Test
  public void aReadIsSavedWithItsVideoAndReleasesTheLease() {
    store.add(job("video_1", T0));
    TrackedJob claimed = store.claimDue(T0, 1, "w1", T0.plusSeconds(60)).get(0);
    Video video = Video.builder(VideoId.of("video_1"), VideoStatus.PROCESSING).rawStatus("in_progress").progress(40)
        .createdAt(T0.minusSeconds(3)).build();
    assertThat(store.recordRead(claimed.withRead(JobStatus.PROCESSING, video, T0.plusSeconds(5)), "w1")).isTrue();
    TrackedJob saved = store.find(VideoId.of("video_1")).orElseThrow();
    assertThat(saved.status()).isEqualTo(JobStatus.PROCESSING);
    assertThat(saved.reads()).isEqualTo(1);
    assertThat(saved.dueAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(saved.lastVideo().orElseThrow().progress()).isEqualTo(40);
    assertThat(saved.lastVideo().orElseThrow().rawStatus()).isEqualTo("in_progress");
    assertThat(saved.tags()).isEqualTo(Map.of("team", "a"));
    assertThat(store.claimDue(T0.plusSeconds(5), 1, "w2", T0.plusSeconds(60))).hasSize(1);
  }

  @Test
  public void aFinishedJobStaysLeasedUntilHandledAndIsNeverClaimedAfter() {
    store.add(job("video_1", T0));
    TrackedJob claimed = store.claimDue(T0, 1, "w1", T0.plusSeconds(60)).get(0);
    Video done = Video.builder(VideoId.of("video_1"), VideoStatus.FAILED)
        .error(VideoError.of("moderation", "refused")).completedAt(T0.plusSeconds(2))
        .expiresAt(T0.plusSeconds(3600)).downloadUrl(URI.create("https://cdn.example/v.mp4")).build();
    TrackedJob finished = claimed.finished(JobStatus.FAILED, Optional.of(done), T0.plusSeconds(2));
    assertThat(store.finish(finished, "w2", T0.plusSeconds(120))).as("not its lease").isFalse();
    assertThat(store.finish(finished, "w1", T0.plusSeconds(120))).isTrue();
    assertThat(store.claimDue(T0.plusSeconds(90), 10, "w2", T0.plusSeconds(180))).as("lease extended").isEmpty();
    TrackedJob saved = store.find(VideoId.of("video_1")).orElseThrow();
    assertThat(saved.deliveryId()).isEqualTo(finished.deliveryId());
    assertThat(saved.lastVideo().orElseThrow().error()).contains(VideoError.of("moderation", "refused"));
    assertThat(saved.lastVideo().orElseThrow().expiresAt()).contains(T0.plusSeconds(3600));
    assertThat(saved.lastVideo().orElseThrow().downloadUrl()).contains(URI.create("https://cdn.example/v.mp4"));
    assertThat(store.list(TrackerQuery.all().withUnhandledOnly())).hasSize(1);

    assertThat(store.markHandled(finished.deliveryId().orElseThrow())).isTrue();
    assertThat(store.markHandled(finished.deliveryId().orElseThrow())).as("once").isFalse();
    assertThat(store.claimDue(T0.plus(Duration.ofDays(1)), 10, "w2", T0.plus(Duration.ofDays(2)))).isEmpty();
    TrackedJob handled = store.find(VideoId.of("video_1")).orElseThrow();
    assertThat(handled.handled()).isTrue();
    assertThat(handled.deliveries()).isEqualTo(1);
    assertThat(store.list(TrackerQuery.all().withUnhandledOnly())).isEmpty();
  }

  @Test
  public void aWakeMakesAnUnfinishedJobDueNowAndLeavesAFinishedOneAlone() {
    store.add(job("video_1", T0.plusSeconds(30)));
    store.add(job("video_2", T0));
    TrackedJob claimed = store.claimDue(T0, 1, "w1", T0.plusSeconds(60)).get(0);
    assertThat(store.finish(claimed.finished(JobStatus.COMPLETED, Optional.empty(), T0), "w1", T0.plusSeconds(60)))
        .isTrue();

    assertThat(store.claimDue(T0.plusSeconds(5), 10, "w2", T0.plusSeconds(60))).as("not due yet").isEmpty();
    assertThat(store.wake(VideoId.of("video_1"), T0.plusSeconds(5))).isTrue();
    assertThat(store.find(VideoId.of("video_1")).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(store.claimDue(T0.plusSeconds(5), 10, "w2", T0.plusSeconds(60)))
        .extracting(j -> j.id().value()).containsExactly("video_1");

    assertThat(store.wake(VideoId.of("video_2"), T0.plusSeconds(5))).as("finished").isFalse();
    assertThat(store.find(VideoId.of("video_2")).orElseThrow().dueAt()).isEqualTo(T0);
    assertThat(store.wake(VideoId.of("video_untracked"), T0)).as("untracked").isFalse();
  }

  @Test
  public void aWakeNeverPutsADueJobLater() {
    store.add(job("video_1", T0));

    assertThat(store.wake(VideoId.of("video_1"), T0.plusSeconds(20))).isTrue();
    assertThat(store.find(VideoId.of("video_1")).orElseThrow().dueAt()).isEqualTo(T0);
  }

  @Test
  public void aFailedDeliveryIsDueAgainAtItsRetryInstant() {
    store.add(job("video_1", T0));
    TrackedJob claimed = store.claimDue(T0, 1, "w1", T0.plusSeconds(60)).get(0);
    TrackedJob finished = claimed.finished(JobStatus.TIMED_OUT, Optional.empty(), T0);
    store.finish(finished, "w1", T0.plusSeconds(60));
    String deliveryId = finished.deliveryId().orElseThrow();
    assertThat(store.deliveryFailed(deliveryId, "w2", T0.plusSeconds(5))).as("not its lease").isFalse();
    assertThat(store.deliveryFailed(deliveryId, "w1", T0.plusSeconds(5))).isTrue();
    assertThat(store.claimDue(T0.plusSeconds(4), 10, "w2", T0.plusSeconds(60))).isEmpty();
    List<TrackedJob> again = store.claimDue(T0.plusSeconds(5), 10, "w2", T0.plusSeconds(60));
    assertThat(again).singleElement().satisfies(j -> {
      assertThat(j.deliveries()).isEqualTo(1);
      assertThat(j.deliveryId()).contains(deliveryId);
      assertThat(j.status()).isEqualTo(JobStatus.TIMED_OUT);
    });
  }

  @Test
  public void leavingHandsAWorkersLeasesBack() {
    store.add(job("video_1", T0));
    store.add(job("video_2", T0));
    store.heartbeat("w1", T0, T0.minusSeconds(30));
    assertThat(store.claimDue(T0, 10, "w1", T0.plusSeconds(600))).hasSize(2);
    store.leave("w1");
    assertThat(store.claimDue(T0.plusSeconds(1), 10, "w2", T0.plusSeconds(600))).hasSize(2);
  }

  @Test
  public void heartbeatsCountTheWorkersAliveSinceTheGivenInstant() {
    assertThat(store.heartbeat("w1", T0, T0.minusSeconds(30))).isEqualTo(1);
    assertThat(store.heartbeat("w2", T0.plusSeconds(10), T0.minusSeconds(20))).isEqualTo(2);
    assertThat(store.heartbeat("w2", T0.plusSeconds(40), T0.plusSeconds(10))).as("w1 went quiet").isEqualTo(1);
    assertThat(store.heartbeat("w1", T0.plusSeconds(41), T0.plusSeconds(11))).isEqualTo(2);
  }

  @Test
  public void listSelectsByStatusTagAndAgeOldestFirst() {
    store.add(TrackedJob.pending(VideoId.of("video_a"), Map.of("team", "a", "tier", "gold"), T0));
    store.add(TrackedJob.pending(VideoId.of("video_b"), Map.of("team", "b"), T0.plusSeconds(10)));
    store.add(TrackedJob.pending(VideoId.of("video_c"), Map.of("team", "a"), T0.plusSeconds(20)));
    TrackedJob c = store.claimDue(T0.plusSeconds(30), 3, "w1", T0.plusSeconds(90)).get(2);
    Video queued = Video.builder(c.id(), VideoStatus.QUEUED).build();
    store.recordRead(c.withRead(JobStatus.QUEUED, queued, T0.plusSeconds(40)), "w1");

    assertThat(ids(store.list(TrackerQuery.all()))).containsExactly("video_a", "video_b", "video_c");
    assertThat(ids(store.list(TrackerQuery.all().withTag("team", "a")))).containsExactly("video_a", "video_c");
    assertThat(ids(store.list(TrackerQuery.all().withTag("team", "a").withTag("tier", "gold"))))
        .containsExactly("video_a");
    assertThat(ids(store.list(TrackerQuery.all().withStatus(JobStatus.QUEUED)))).containsExactly("video_c");
    assertThat(ids(store.list(TrackerQuery.all().withTrackedBefore(T0.plusSeconds(10))))).containsExactly("video_a");
    assertThat(ids(store.list(TrackerQuery.all().withTrackedAfter(T0.plusSeconds(10)))))
        .containsExactly("video_b", "video_c");
    assertThat(ids(store.list(TrackerQuery.all().withLimit(2)))).containsExactly("video_a", "video_b");
    assertThat(store.counts()).isEqualTo(Map.of(JobStatus.PENDING, 2L, JobStatus.QUEUED, 1L));
  }

  @Test
  public void removingForgetsTheJob() {
    store.add(job("video_1", T0));
    assertThat(store.remove(VideoId.of("video_1"))).isTrue();
    assertThat(store.remove(VideoId.of("video_1"))).isFalse();
    assertThat(store.find(VideoId.of("video_1"))).isEmpty();
    assertThat(store.claimDue(T0, 10, "w1", T0.plusSeconds(60))).isEmpty();
  }

  @Test
  public void nullArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> store.add(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("job");
    assertThatThrownBy(() -> store.claimDue(T0, 0, "w1", T0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  public void workersClaimingAtOnceNeverGetTheSameJob() throws Exception {
    int jobs = 400;
    for (int i = 0; i < jobs; i++) {
      store.add(job("video_" + i, T0));
    }
    int workers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<VideoId>>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String worker = "w" + w;
        results.add(pool.submit(() -> {
          go.await();
          List<VideoId> mine = new ArrayList<>();
          for (List<TrackedJob> batch; !(batch = store.claimDue(T0, 7, worker, T0.plusSeconds(600))).isEmpty(); ) {
            batch.forEach(j -> mine.add(j.id()));
          }
          return mine;
        }));
      }
      go.countDown();
      List<VideoId> all = new ArrayList<>();
      for (Future<List<VideoId>> f : results) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      Set<VideoId> distinct = new HashSet<>(all);
      assertThat(all).hasSize(jobs);
      assertThat(distinct).hasSize(jobs);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> ids(List<TrackedJob> jobs) {
    List<String> ids = new ArrayList<>();
    jobs.forEach(j -> ids.add(j.id().value()));
    return Collections.unmodifiableList(ids);
  }
}
