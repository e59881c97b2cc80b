package dev.sorastatus.tracker.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.VideoId;
import dev.sorastatus.tracker.JobStatus;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.TrackerQuery;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker JVMs share 1,000 jobs on one PostgreSQL and the fake's HTTP mode; one is killed with SIGKILL
 * mid-run. Read times come from the workers' own logs on the shared wall clock (the fake's journal carries
 * its virtual time, which stands still in this test).
 */
class PostgresFleetTest {
  private static final int JOBS = 1_000;
  private static final int WORKERS = 3;
  private static final double BUDGET = 150;
  @RegisterExtension
  static final TestPostgres postgres = new TestPostgres();

  @TempDir
  Path dir;

  @Test
  void aFleetLosesNoJobWhenAWorkerIsKilledAndStaysWithinItsBudget() throws Exception {
    JdbcTrackerStore store = JdbcTrackerStore.create(postgres.dataSource());
    store.clear();
    List<Process> workers = new ArrayList<>();
    Set<String> heldByKilled;
    // the fake's time starts now: the workers judge expiry by the wall clock
    try (FakeVideoApi fake = FakeVideoApi.builder().time(VirtualTime.startingAt(Instant.now())).build()) {
      List<VideoId> ids = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        VideoId id = fake.job().processing(50).completed().create();
        ids.add(id);
        store.add(TrackedJob.pending(id, Map.of(), Instant.now()));
      }
      long began = System.nanoTime();
      long beganMicros = java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
      try {
        for (int w = 0; w < WORKERS; w++) {
          workers.add(ChildProcesses.start(dir, "w" + w, postgres.jdbcUrl(),
              fake.baseUrl().toString(), fake.apiKey().reveal(), deliveries(w).toString(), reads(w).toString(),
              "w" + w, String.valueOf(BUDGET), "2000"));
        }
        ChildProcesses.awaitReal(() -> {
          workers.forEach(p -> assertThat(p.isAlive()).as("a worker died; w0: %s", ChildProcesses.log(dir, "w0"))
              .isTrue());
          return ChildProcesses.lines(deliveries(0)).size() >= 20 && allDeliveries().size() >= JOBS / 5;
        }, 90, "a fifth of the outcomes delivered, some by w0");
        ChildProcesses.kill(workers.get(0));
        System.out.printf("w0 killed after %d ms%n", (System.nanoTime() - began) / 1_000_000);
        heldByKilled = ChildProcesses.deliveriesHeldBy(postgres.dataSource(), "w0");
        ChildProcesses.awaitReal(() -> store.list(TrackerQuery.all().withUnhandledOnly().withLimit(1)).isEmpty()
            && store.counts().getOrDefault(JobStatus.COMPLETED, 0L) + store.counts().getOrDefault(JobStatus.EXPIRED,
            0L) == JOBS, 60, "every job handled");
        System.out.printf("all handled after %d ms%n", (System.nanoTime() - began) / 1_000_000);
      } finally {
        for (Process p : workers) {
          ChildProcesses.kill(p);
        }
      }
      assertThat(store.counts()).as("0 lost").isEqualTo(Map.of(JobStatus.COMPLETED, (long) JOBS));

      Map<String, Integer> times = new HashMap<>();
      allDeliveries().forEach(d -> times.merge(d, 1, Integer::sum));
      assertThat(times.keySet()).extracting(d -> VideoId.of(d.substring(0, d.lastIndexOf(':'))))
          .as("every job delivered at least once").containsExactlyInAnyOrderElementsOf(ids);
      times.forEach((d, n) -> assertThat(n == 1 || (n == 2 && heldByKilled.contains(d)))
          .as("%s delivered %d times; w0 held %s", d, n, heldByKilled).isTrue());

      List<Read> reads = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        for (String line : ChildProcesses.lines(reads(w))) {
          String[] f = line.split(" ");
          if (f.length == 3) { // a line cut by the kill is left out
            reads.add(new Read(f[0], w, Long.parseLong(f[1]), Long.parseLong(f[2])));
          }
        }
      }
      assertThat(reads.size()).as("two reads a job, less those the kill cut").isGreaterThan(JOBS * 2 - 50);
      Map<String, List<Read>> byJob = new HashMap<>();
      reads.forEach(r -> byJob.computeIfAbsent(r.job, k -> new ArrayList<>()).add(r));
      byJob.forEach((job, rs) -> {
        for (Read a : rs) {
          for (Read b : rs) {
            if (a.worker < b.worker) {
              assertThat(a.end < b.start || b.end < a.start).as("%s read by w%d and w%d at once", job, a.worker,
                  b.worker).isTrue();
            }
          }
        }
      });
      List<Long> starts = reads.stream().map(r -> r.start).sorted().toList();
      System.out.printf("%d reads from %d to %d ms after the workers started%n", starts.size(),
          (starts.get(0) - beganMicros) / 1000, (starts.get(starts.size() - 1) - beganMicros) / 1000);
      // scheduling on a busy machine may run a slot a little late; a tenth over the budget is the bound
      assertThat(mostInOneSecond(starts)).as("reads in any second").isLessThanOrEqualTo((int) (BUDGET * 1.1));
    }
  }

  private record Read(String job, int worker, long start, long end) {}

  private Path deliveries(int worker) {
    return dir.resolve("deliveries-w" + worker + ".txt");
  }

  private Path reads(int worker) {
    return dir.resolve("reads-w" + worker + ".txt");
  }

  private List<String> allDeliveries() {
    List<String> all = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      all.addAll(ChildProcesses.lines(deliveries(w)));
    }
    return all;
  }

  private static int mostInOneSecond(List<Long> sortedMicros) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < sortedMicros.size(); to++) {
      while (sortedMicros.get(from) + 1_000_000 <= sortedMicros.get(to)) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }
}
