package dev.sorastatus.tracker.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.VideoId;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.TrackerStore;
import dev.sorastatus.tracker.TrackerStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store on a real PostgreSQL (zonky's embedded binary, started once for the class): the store contract,
 * and leases that hold between two stores, as between two processes.
 */
class PostgresTrackerStoreTest extends TrackerStoreContract {
  @RegisterExtension
  static final TestPostgres postgres = new TestPostgres();

  @Override
  protected TrackerStore createStore() {
    JdbcTrackerStore s = JdbcTrackerStore.create(postgres.dataSource());
    s.clear();
    return s;
  }

  @Test
  void itSpeaksPostgresAndRecordsItsSchemaVersion() throws Exception {
    assertThat(store.toString()).contains("POSTGRESQL");
    JdbcTrackerStore.create(postgres.dataSource()); // a second start applies nothing
    try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(version) FROM sora_tracker_schema")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(1);
      assertThat(r.getInt(2)).isEqualTo(1);
    }
  }

  @Test
  void twoStoresClaimingAtOnceNeverShareAJobAndAnExpiredLeaseMovesOn() throws Exception {
    int jobs = 300;
    for (int i = 0; i < jobs; i++) {
      store.add(TrackedJob.pending(VideoId.of("video_" + i), Map.of(), T0));
    }
    JdbcTrackerStore other = JdbcTrackerStore.create(postgres.dataSource());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Instant lease = T0.plusSeconds(60);
      Future<List<VideoId>> a = pool.submit(() -> claimAll(store, "w1", lease, go));
      Future<List<VideoId>> b = pool.submit(() -> claimAll(other, "w2", lease, go));
      go.countDown();
      List<VideoId> byA = a.get(60, TimeUnit.SECONDS);
      List<VideoId> byB = b.get(60, TimeUnit.SECONDS);
      Set<VideoId> shared = new HashSet<>(byA);
      shared.retainAll(byB);
      assertThat(shared).isEmpty();
      assertThat(byA.size() + byB.size()).isEqualTo(jobs);
      assertThat(byA).isNotEmpty();
      assertThat(byB).isNotEmpty();
    } finally {
      pool.shutdownNow();
    }
    assertThat(other.claimDue(T0.plusSeconds(30), 1000, "w3", T0.plusSeconds(120))).as("all leased").isEmpty();
    assertThat(other.claimDue(T0.plusSeconds(61), 1000, "w3", T0.plusSeconds(120))).as("w1, w2 died").hasSize(jobs);
  }

  private static List<VideoId> claimAll(TrackerStore s, String worker, Instant lease, CountDownLatch go)
      throws InterruptedException {
    go.await();
    List<VideoId> mine = new ArrayList<>();
    for (List<TrackedJob> batch; !(batch = s.claimDue(T0, 5, worker, lease)).isEmpty(); ) {
      batch.forEach(j -> mine.add(j.id()));
    }
    return mine;
  }
}
