package dev.sorastatus.tracker.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.PollOptions;
import dev.sorastatus.VideoId;
import dev.sorastatus.tracker.JobStatus;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.TrackedOutcome;
import dev.sorastatus.tracker.TrackerQuery;
import dev.sorastatus.tracker.VideoTracker;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process working an H2 file is killed (SIGKILL) mid-run; a tracker opening the same file afterwards finishes
 * every job, and the only outcomes delivered twice are those the killed process had in flight.
 */
class H2FileRestartTest {
  private static final int JOBS = 300;
  /** The most outcomes in flight when the child dies: its tracker's read threads. */
  private static final int IN_FLIGHT = 8;

  @TempDir
  Path dir;

  @Test
  void aKilledProcessLosesNoJobAndHandlesNoneTwiceBeyondWhatWasInFlight() throws Exception {
    Instant start = Instant.now();
    VirtualTime time = VirtualTime.startingAt(start);
    Path db = dir.resolve("tracker");
    Path deliveries = dir.resolve("deliveries.txt");
    List<VideoId> ids = new ArrayList<>();
    try (FakeVideoApi fake = FakeVideoApi.builder().time(time).build()) {
      for (int i = 0; i < JOBS; i++) {
        ids.add(fake.job().queued().processing(50).completed().create());
      }
      try (JdbcTrackerStore store = JdbcTrackerStore.h2File(db)) {
        ids.forEach(id -> store.add(TrackedJob.pending(id, Map.of("run", "restart"), start)));
      }

      Process child = ChildProcesses.start(dir, "child", "h2:" + db, fake.baseUrl().toString(),
          fake.apiKey().reveal(), deliveries.toString(), dir.resolve("reads.txt").toString(), "child", "150", "60000");
      try {
        ChildProcesses.awaitReal(() -> {
          assertThat(child.isAlive()).as("child is running; its log: %s", ChildProcesses.log(dir, "child")).isTrue();
          return ChildProcesses.lines(deliveries).size() >= JOBS / 3;
        }, 60, "a third of the outcomes delivered by the child");
      } finally {
        ChildProcesses.kill(child);
      }
      List<String> beforeKill = ChildProcesses.lines(deliveries);
      org.h2.jdbcx.JdbcDataSource file = new org.h2.jdbcx.JdbcDataSource();
      file.setURL("jdbc:h2:file:" + db.toAbsolutePath());
      Set<String> inFlight = ChildProcesses.deliveriesHeldBy(file, "child");
      assertThat(beforeKill.size()).as("killed mid-run").isLessThan(JOBS);

      List<TrackedOutcome> after = Collections.synchronizedList(new ArrayList<>());
      try (JdbcTrackerStore store = JdbcTrackerStore.h2File(db)) {
        VideoTracker second = VideoTracker.builder(fake.port(), store, after::add).clock(time).scheduler(time)
            .executor(Runnable::run).requestsPerSecond(1000)
            .pollOptions(PollOptions.builder().initialInterval(Duration.ofMillis(100)).build()).build();
        second.start();
        try {
          time.advance(Duration.ofMinutes(5)); // past every lease the child held
        } finally {
          second.close();
        }
        assertThat(store.counts()).isEqualTo(Map.of(JobStatus.COMPLETED, (long) JOBS));
        assertThat(store.list(TrackerQuery.all().withUnhandledOnly())).isEmpty();
      }

      Map<String, Integer> times = new HashMap<>();
      beforeKill.forEach(d -> times.merge(d, 1, Integer::sum));
      after.forEach(o -> times.merge(o.deliveryId(), 1, Integer::sum));
      Set<VideoId> delivered = new HashSet<>();
      times.keySet().forEach(d -> delivered.add(VideoId.of(d.substring(0, d.lastIndexOf(':')))));
      assertThat(delivered).as("nothing lost").containsExactlyInAnyOrderElementsOf(ids);
      long twice = times.values().stream().filter(n -> n > 1).count();
      assertThat(times.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
      assertThat(twice).as("delivered twice: only those in flight at the kill").isLessThanOrEqualTo(IN_FLIGHT);
      times.forEach((d, n) -> assertThat(n == 1 || inFlight.contains(d)).as("%s delivered %d times", d, n).isTrue());
    }
  }
}
