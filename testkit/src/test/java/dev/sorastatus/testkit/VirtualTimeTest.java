package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualTimeTest {
  private final VirtualTime time = VirtualTime.create();
  private final List<String> ran = new ArrayList<>();

  @Test
  void startsAtAWholeSecondAndMovesOnlyWhenAdvanced() {
    assertThat(time.now()).isEqualTo(VirtualTime.DEFAULT_START);
    assertThat(time.instant()).isEqualTo(time.now());
    assertThat(time.millis()).isEqualTo(VirtualTime.DEFAULT_START.toEpochMilli());

    time.advance(Duration.ofMinutes(10));

    assertThat(time.now()).isEqualTo(VirtualTime.DEFAULT_START.plus(Duration.ofMinutes(10)));
    assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void tasksDueNowRunBesideWorkUnderWayAndOnlyMovingTimeWaitsForIt() throws Exception {
    List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch bothDueNowRan = new CountDownLatch(2);
    Runnable endWork = time.beginWork(); // a request on a transport's thread, say
    time.schedule(Duration.ZERO, () -> { order.add("now-1"); bothDueNowRan.countDown(); });
    time.schedule(Duration.ZERO, () -> { order.add("now-2"); bothDueNowRan.countDown(); });
    time.schedule(Duration.ofSeconds(1), () -> order.add("later"));
    Thread worker = new Thread(() -> {
      try {
        // before, every task waited for the work: these two did not run until the work ended
        order.add(bothDueNowRan.await(5, TimeUnit.SECONDS) ? "work saw both due now" : "work saw none");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        endWork.run();
      }
    });
    worker.start();

    time.advance(Duration.ofSeconds(1));
    worker.join(10_000);

    assertThat(order).containsExactly("now-1", "now-2", "work saw both due now", "later");
  }

  @Test
  void tasksRunInDueOrderWithTheClockAtTheirInstant() {
    List<Instant> seen = new ArrayList<>();
    time.schedule(Duration.ofSeconds(3), () -> { ran.add("c"); seen.add(time.now()); });
    time.schedule(Duration.ofSeconds(1), () -> { ran.add("a"); seen.add(time.now()); });
    time.schedule(Duration.ofSeconds(1), () -> { ran.add("b"); seen.add(time.now()); });
    time.schedule(Duration.ofSeconds(5), () -> ran.add("late"));

    time.advance(Duration.ofSeconds(4));

    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(seen).containsExactly(start(1), start(1), start(3));
    assertThat(time.now()).isEqualTo(start(4));
    assertThat(time.pendingTasks()).isEqualTo(1);
    assertThat(time.nextDue()).contains(start(5));
  }

  @Test
  void tasksScheduledByTasksRunInTheSameAdvanceWhenDue() {
    time.schedule(Duration.ofSeconds(1), () -> {
      ran.add("first");
      time.schedule(Duration.ofSeconds(1), () -> ran.add("second at " + time.elapsed().toSeconds()));
      time.schedule(Duration.ofSeconds(10), () -> ran.add("too late"));
    });

    time.advance(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("first", "second at 2");
    assertThat(time.pendingTasks()).isEqualTo(1);
  }

  @Test
  void zeroAndNegativeDelaysRunAtTheNextAdvanceEvenByZero() {
    time.schedule(Duration.ZERO, () -> ran.add("zero"));
    time.schedule(Duration.ofSeconds(-5), () -> ran.add("negative"));
    assertThat(ran).isEmpty();

    time.advance(Duration.ZERO);

    assertThat(ran).containsExactly("zero", "negative");
    assertThat(time.now()).isEqualTo(VirtualTime.DEFAULT_START);
  }

  @Test
  void cancelledTaskNeverRunsAndCancelReportsWhetherItWithdrew() {
    TaskScheduler.Scheduled handle = time.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
    TaskScheduler.Scheduled done = time.schedule(Duration.ofSeconds(1), () -> ran.add("kept"));

    assertThat(handle.cancel()).isTrue();
    assertThat(handle.cancel()).isFalse();
    time.advance(Duration.ofSeconds(2));

    assertThat(ran).containsExactly("kept");
    assertThat(done.cancel()).isFalse();
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void runawayTaskFailsLoudlyInsteadOfHanging() {
    Runnable[] again = new Runnable[1];
    again[0] = () -> time.schedule(Duration.ZERO, again[0]);
    time.schedule(Duration.ZERO, again[0]);

    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ran " + VirtualTime.DEFAULT_TASK_LIMIT + " tasks")
        .hasMessageContaining("reschedules itself");
  }

  @Test
  void runUntilIdleJumpsFromTaskToTaskAndIsBounded() {
    time.schedule(Duration.ofMinutes(1), () -> ran.add("a"));
    time.schedule(Duration.ofHours(2), () -> ran.add("b"));

    assertThat(time.runUntilIdle()).isEqualTo(2);
    assertThat(ran).containsExactly("a", "b");
    assertThat(time.elapsed()).isEqualTo(Duration.ofHours(2));

    Runnable[] tick = new Runnable[1];
    tick[0] = () -> time.schedule(Duration.ofSeconds(1), tick[0]);
    time.schedule(Duration.ofSeconds(1), tick[0]);
    assertThatThrownBy(() -> time.runUntilIdle(50)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runUntilIdle(50)");
    assertThat(time.elapsed()).isEqualTo(Duration.ofHours(2).plusSeconds(50));
  }

  @Test
  void sleepRecordsTheDurationAndAdvancesRunningDueTasks() throws Exception {
    time.schedule(Duration.ofMillis(1500), () -> ran.add("retry timer"));

    time.sleep(Duration.ofSeconds(1));
    time.sleep(Duration.ofSeconds(2));
    time.sleep(Duration.ZERO);
    time.sleep(Duration.ofSeconds(-1));

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(time.totalSlept()).isEqualTo(Duration.ofSeconds(3));
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(3));
    assertThat(ran).containsExactly("retry timer");
  }

  @Test
  void interruptedSleepThrowsAndClearsTheFlag() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> time.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void nestedAdvanceFromATaskNeverMovesTimeBackwards() {
    time.schedule(Duration.ofSeconds(1), () -> time.advance(Duration.ofSeconds(10)));

    time.advance(Duration.ofSeconds(2));

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void taskFailurePropagatesAndLeavesLaterTasksScheduled() {
    time.schedule(Duration.ofSeconds(1), () -> { throw new IllegalArgumentException("boom"); });
    time.schedule(Duration.ofSeconds(2), () -> ran.add("later"));

    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(5))).hasMessage("boom");
    time.advance(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("later");
  }

  @Test
  void zonedViewFollowsTheTime() {
    var paris = time.withZone(ZoneId.of("Europe/Paris"));
    time.advance(Duration.ofHours(1));

    assertThat(paris.instant()).isEqualTo(time.now());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(time.withZone(time.getZone())).isSameAs(time);
  }

  @Test
  void tasksScheduledFromManyThreadsAllRunOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch scheduled = new CountDownLatch(8 * 500);
    int[] count = new int[1];
    try {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        pool.execute(() -> {
          for (int i = 0; i < 500; i++) {
            time.schedule(Duration.ofMillis(thread * 500 + i), () -> count[0]++);
            scheduled.countDown();
          }
        });
      }
      assertThat(scheduled.await(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }

    time.advance(Duration.ofHours(1));

    assertThat(count[0]).isEqualTo(4000); // tasks ran on this thread only
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> time.advance(null)).isInstanceOf(NullPointerException.class).hasMessage("duration == null");
    assertThatThrownBy(() -> time.schedule(null, () -> { })).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> time.runUntilIdle(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VirtualTime.startingAt(null)).isInstanceOf(NullPointerException.class);
    assertThat(VirtualTime.startingAt(Instant.EPOCH).now()).isEqualTo(Instant.EPOCH);
  }

  private static Instant start(long seconds) {
    return VirtualTime.DEFAULT_START.plusSeconds(seconds);
  }
}
