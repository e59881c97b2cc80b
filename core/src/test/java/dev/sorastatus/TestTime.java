package dev.sorastatus;

import dev.sorastatus.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Virtual time for retry tests: a clock that moves only when the scheduler waits or sleeps, and the
 * record of every wait, so that tests assert exact delays without sleeping.
 */
final class TestTime extends Clock {
  private Instant now;
  private final List<Duration> waits = new ArrayList<>();
  private final List<PendingTask> pending = new ArrayList<>();
  private boolean runImmediately = true;

  TestTime(Instant start) {
    this.now = start;
  }

  static TestTime at(String instant) {
    return new TestTime(Instant.parse(instant));
  }

  /**
   * Returns a scheduler that records the wait, moves the clock and runs the task at once on the caller's
   * thread, or, after {@link #holdTasks()}, keeps it until {@link #runPending()}; its sleep records the wait
   * and moves the clock.
   */
  TaskScheduler scheduler() {
    return TestSleeps.over(this::schedule, d -> {
      synchronized (this) {
        waits.add(d);
        now = now.plus(d);
      }
    });
  }

  private TaskScheduler.Scheduled schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task == null");
    PendingTask p;
    synchronized (this) {
      waits.add(delay);
      if (runImmediately) {
        now = now.plus(delay);
        p = null;
      } else {
        p = new PendingTask(delay, task);
        pending.add(p);
      }
    }
    if (p == null) {
      task.run();
      return () -> false;
    }
    return p;
  }

  synchronized void holdTasks() {
    runImmediately = false;
  }

  /** Runs the tasks held so far, moving the clock by each one's delay. */
  void runPending() {
    List<PendingTask> due;
    synchronized (this) {
      due = new ArrayList<>(pending);
      pending.clear();
    }
    for (PendingTask p : due) {
      if (!p.cancelled) {
        synchronized (this) {
          now = now.plus(p.delay);
        }
        p.task.run();
      }
    }
  }

  synchronized int pendingCount() {
    return (int) pending.stream().filter(p -> !p.cancelled).count();
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("TestTime is UTC only");
  }

  private static final class PendingTask implements TaskScheduler.Scheduled {
    final Duration delay;
    final Runnable task;
    volatile boolean cancelled;

    PendingTask(Duration delay, Runnable task) {
      this.delay = delay;
      this.task = task;
    }

    @Override
    public boolean cancel() {
      cancelled = true;
      return true;
    }
  }
}
