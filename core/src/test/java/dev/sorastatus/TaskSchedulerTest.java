package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TaskSchedulerTest {
  /** A scheduler that only keeps its tasks, so the test says when each runs. */
  private static final class HeldTasks implements TaskScheduler {
    record Held(Duration delay, Runnable task, AtomicBoolean cancelled) { }

    final List<Held> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch scheduled = new CountDownLatch(1);

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
      Held h = new Held(delay, task, new AtomicBoolean());
      held.add(h);
      scheduled.countDown();
      return () -> !h.cancelled().getAndSet(true);
    }

    /** Waits for the sleeping thread to schedule its wake-up, and returns it. */
    Held awaitOne() throws InterruptedException {
      assertThat(scheduled.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(held).hasSize(1);
      return held.get(0);
    }
  }

  @Test
  void theDefaultSleepLastsUntilATaskScheduledThatFarAheadRuns() throws Exception {
    HeldTasks scheduler = new HeldTasks();
    CompletableFuture<Void> slept = CompletableFuture.runAsync(() -> {
      try {
        scheduler.sleep(Duration.ofMinutes(5));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });

    HeldTasks.Held wake = scheduler.awaitOne();
    assertThat(wake.delay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(slept).isNotDone();

    wake.task().run();
    slept.get(5, TimeUnit.SECONDS);
  }

  @Test
  void anInterruptedDefaultSleepThrowsAndWithdrawsItsTask() throws Exception {
    HeldTasks scheduler = new HeldTasks();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread sleeper = new Thread(() -> {
      try {
        scheduler.sleep(Duration.ofMinutes(5));
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    sleeper.start();

    HeldTasks.Held wake = scheduler.awaitOne();
    sleeper.interrupt();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    assertThat(wake.cancelled()).isTrue();
    sleeper.join(5_000);
  }

  @Test
  void aZeroOrNegativeSleepReturnsAtOnceAndSchedulesNothing() throws Exception {
    HeldTasks scheduler = new HeldTasks();

    scheduler.sleep(Duration.ZERO);
    scheduler.sleep(Duration.ofSeconds(-1));

    assertThat(scheduler.held).isEmpty();
  }

  @Test
  void aMissingDurationIsNamed() {
    assertThatThrownBy(() -> new HeldTasks().sleep(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("duration == null");
    assertThatThrownBy(() -> TaskScheduler.system().sleep(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("duration == null");
  }

  @Test
  void theSystemSchedulerSleepsTheCallingThreadAndHonoursItsInterrupt() {
    TaskScheduler system = TaskScheduler.system();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> system.sleep(Duration.ofMinutes(5))).isInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isFalse(); // Thread.sleep cleared it, as it does
    } finally {
      Thread.interrupted();
    }
  }
}
