package dev.sorastatus.webhooks;

import dev.sorastatus.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Manual time for these tests: a clock and a scheduler whose tasks run only when the test advances it. */
final class TestTime extends Clock implements TaskScheduler {
  private Instant now;
  private final List<Task> tasks = new ArrayList<>();
  private long order;

  TestTime(Instant start) {
    this.now = start;
  }

  private static final class Task {
    final Instant at;
    final long order;
    final Runnable run;
    boolean cancelled;

    Task(Instant at, long order, Runnable run) {
      this.at = at;
      this.order = order;
      this.run = run;
    }
  }

  @Override
  public synchronized Scheduled schedule(Duration delay, Runnable task) {
    Task t = new Task(delay.isNegative() ? now : now.plus(delay), order++, task);
    tasks.add(t);
    return () -> {
      synchronized (TestTime.this) {
        boolean pending = tasks.remove(t);
        t.cancelled = true;
        return pending;
      }
    };
  }

  /** Moves time forward by {@code d}, running every task due on the way, in order. */
  void advance(Duration d) {
    Instant target;
    synchronized (this) {
      target = now.plus(d);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().min(Comparator.<Task, Instant>comparing(t -> t.at).thenComparingLong(t -> t.order))
            .orElse(null);
        if (next == null || next.at.isAfter(target)) {
          now = target;
          return;
        }
        tasks.remove(next);
        if (next.at.isAfter(now)) {
          now = next.at;
        }
      }
      next.run.run();
    }
  }

  void runDue() {
    advance(Duration.ZERO);
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
    throw new UnsupportedOperationException();
  }
}
