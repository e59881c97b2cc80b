package dev.sorastatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock and scheduler that move only when a test says so: {@link #advance(Duration)} runs every task
 * that falls due, in time order, on the calling thread, with the clock set to each task's instant. Tasks
 * scheduled by tasks run in the same advance when they fall due. Thread-safe, so tasks may be scheduled from
 * other threads. Shipped in core's test jar, so that other modules' tests keep time the same way.
 */
public final class ManualTime extends Clock implements TaskScheduler {
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private Instant now = EPOCH;
  private long sequence;
  private long scheduledCount;
  private Instant latestScheduled = EPOCH;

  /** Returns the time elapsed since {@link #EPOCH}. */
  public synchronized Duration elapsed() {
    return Duration.between(EPOCH, now);
  }

  /** Returns how many tasks are waiting to run (cancelled ones excluded). */
  public synchronized int pendingTasks() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }

  /** Returns how many tasks have ever been scheduled. */
  synchronized long scheduledCount() {
    return scheduledCount;
  }

  /** Returns the latest instant any task was ever scheduled for. */
  synchronized Instant latestScheduled() {
    return latestScheduled;
  }

  /** Runs every task due within {@code duration}, then sets the clock to its end. */
  public void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.at.isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        if (next.cancelled) {
          continue;
        }
        next.started = true;
        if (next.at.isAfter(now)) {
          now = next.at;
        }
      }
      next.task.run();
    }
  }

  /** Runs the tasks that are due now. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay == null");
    Objects.requireNonNull(task, "task == null");
    synchronized (this) {
      Instant at = delay.isNegative() ? now : PollLoop.plus(now, delay);
      Task t = new Task(at, sequence++, task);
      tasks.add(t);
      scheduledCount++;
      if (at.isAfter(latestScheduled)) {
        latestScheduled = at;
      }
      return () -> {
        synchronized (ManualTime.this) {
          if (t.started || t.cancelled) {
            return false;
          }
          t.cancelled = true;
          return true;
        }
      };
    }
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
    throw new UnsupportedOperationException("ManualTime is UTC only");
  }

  private static final class Task implements Comparable<Task> {
    final Instant at;
    final long seq;
    final Runnable task;
    boolean cancelled;
    boolean started;

    Task(Instant at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
