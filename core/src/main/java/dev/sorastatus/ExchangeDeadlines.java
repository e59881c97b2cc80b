package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds exchanges with one shared daemon thread that looks at the armed deadlines every 50 ms, for every
 * exchange of every client. Arming and disarming are a concurrent-set add and remove, which never wake another thread,
 * unlike a timer task scheduled and cancelled per call; a deadline fires up to one tick late.
 *
 * <pre>{@code
 * ExchangeDeadlines.Deadline d = ExchangeDeadlines.shared().arm(request.timeout(), exchange::cancel);
 * try { ... } finally { d.disarm(); }
 * }</pre>
 */
final class ExchangeDeadlines {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final ExchangeDeadlines SHARED = new ExchangeDeadlines();

  private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();
  private volatile Thread sweeper;

  private ExchangeDeadlines() {}

  /**
   * Returns the JVM-wide instance; its thread starts on first use and never holds the JVM open.
   *
   * @return the shared deadlines
   */
  static ExchangeDeadlines shared() {
    return SHARED;
  }

  /**
   * Arms a deadline that runs {@code onExpiry} once {@code timeout} has passed, unless disarmed first.
   *
   * @param timeout how long from now
   * @param onExpiry what to run, on the sweeper's thread; it must not block
   * @return the deadline, to disarm when the exchange ends
   * @throws NullPointerException if an argument is null
   */
  Deadline arm(Duration timeout, Runnable onExpiry) {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(onExpiry, "onExpiry == null");
    Deadline d = new Deadline(System.nanoTime() + timeout.toNanos(), onExpiry);
    armed.add(d);
    if (sweeper == null) {
      start();
    }
    return d;
  }

  private synchronized void start() {
    if (sweeper == null) {
      Thread t = new Thread(this::sweep, "sora-status-deadlines");
      t.setDaemon(true);
      t.start();
      sweeper = t;
    }
  }

  private void sweep() {
    while (true) {
      LockSupport.parkNanos(this, TICK_NANOS);
      long now = System.nanoTime();
      for (Deadline d : armed) {
        if (now - d.at >= 0 && armed.remove(d)) {
          d.expired = true;
          try {
            d.onExpiry.run();
          } catch (RuntimeException e) {
            // one failing callback must not stop the others
          }
        }
      }
    }
  }

  /** One armed deadline. */
  final class Deadline {
    private final long at;
    private final Runnable onExpiry;
    private volatile boolean expired;

    private Deadline(long at, Runnable onExpiry) {
      this.at = at;
      this.onExpiry = onExpiry;
    }

    /**
     * Disarms the deadline.
     *
     * @return whether it had already expired
     */
    boolean disarm() {
      armed.remove(this);
      return expired;
    }

    /**
     * Returns whether the deadline passed and its callback ran (or is running).
     *
     * @return true once expired
     */
    boolean expired() {
      return expired;
    }
  }
}
