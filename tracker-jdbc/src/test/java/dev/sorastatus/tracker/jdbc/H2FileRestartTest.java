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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), TrackerChild.class.getName(), db.toString(),
          fake.baseUrl().toString(), fake.apiKey().reveal(), deliveries.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
      try {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(deliveries).size() < JOBS / 3) {
          assertThat(child.isAlive()).as("child is running; its log: %s", log(dir)).isTrue();
          assertThat(System.nanoTime() - giveUp).as("child delivered a third within 60 s").isNegative();
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
      } finally {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
      List<String> beforeKill = lines(deliveries);
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
    }
  }

  private static List<String> lines(Path file) throws Exception {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }
}
