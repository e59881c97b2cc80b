package dev.sorastatus.benchmarks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds exchanges with one daemon thread that looks at the armed deadlines every tick, instead of a timer
 * task scheduled and cancelled per call: arming and disarming are a concurrent-set add and remove, which
 * never wake another thread. A deadline fires up to one tick late, which a timeout of seconds can afford.
 * A prototype of what the transports could use; see {@code Candidates}.
 */
final class DeadlineSweeper implements AutoCloseable {
  private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();
  private final long tickNanos;
  private final Thread sweeper;
  private volatile boolean closed;

  DeadlineSweeper(long tickMillis) {
    this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
    this.sweeper = new Thread(this::sweep, "bench-deadline-sweeper");
    sweeper.setDaemon(true);
    sweeper.start();
  }

  /** Arms a deadline {@code timeoutNanos} from now that runs {@code onExpiry} unless disarmed first. */
  Deadline arm(long timeoutNanos, Runnable onExpiry) {
    Deadline d = new Deadline(System.nanoTime() + timeoutNanos, onExpiry);
    armed.add(d);
    return d;
  }

  private void sweep() {
    while (!closed) {
      LockSupport.parkNanos(this, tickNanos);
      long now = System.nanoTime();
      for (Deadline d : armed) {
        if (now - d.at >= 0 && armed.remove(d)) {
          d.expired = true;
          d.onExpiry.run();
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(sweeper);
  }

  /** One armed deadline. */
  final class Deadline {
    final long at;
    final Runnable onExpiry;
    volatile boolean expired;

    Deadline(long at, Runnable onExpiry) {
      this.at = at;
      this.onExpiry = onExpiry;
    }

    /** Disarms it; returns whether it had already fired. */
    boolean disarm() {
      armed.remove(this);
      return expired;
    }
  }
}
