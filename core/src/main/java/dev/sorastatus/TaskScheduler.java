package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the only way the poller and the async retry layer wait, so that no thread
 * is held while waiting and tests can substitute virtual time (the testkit's {@code VirtualTime}).
 * Tasks must be short; they usually just start an async request.
 */
public interface TaskScheduler {

  /**
   * Runs {@code task} once, {@code delay} from now; never on the calling thread, even for a zero or
   * negative delay (the poller relies on it to release its lock first).
   *
   * @param delay how long to wait; zero or negative runs it as soon as possible
   * @param task what to run
   * @return a handle that withdraws the task if it has not started
   * @throws NullPointerException if an argument is null
   */
  Scheduled schedule(Duration delay, Runnable task);

  /**
   * Marks the start of work that this scheduler does not run, such as a request in flight on a transport's
   * threads, and returns what marks its end; the library calls the returned action exactly once, after the
   * work's results were taken in. A virtual-time scheduler keeps time still while any such work is under
   * way, so that a test never moves past a reply that is still arriving. The default does nothing.
   *
   * @return the action that marks the work's end
   */
  default Runnable beginWork() {
    return () -> { };
  }

  /**
   * Returns the scheduler shared by this library: one daemon thread on the system clock.
   *
   * @return the shared scheduler
   */
  static TaskScheduler system() {
    return SystemScheduler.INSTANCE;
  }

  /** A task that was scheduled and may be withdrawn. */
  interface Scheduled {
    /**
     * Withdraws the task if it has not started.
     *
     * @return true if the task will now never run
     */
    boolean cancel();
  }
}

/** The shared real-time scheduler: a single daemon thread that starts short tasks. */
final class SystemScheduler implements TaskScheduler {
  static final SystemScheduler INSTANCE = new SystemScheduler();

  private final ScheduledThreadPoolExecutor executor;

  private SystemScheduler() {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "sora-status-scheduler");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay == null");
    Objects.requireNonNull(task, "task == null");
    long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
    ScheduledFuture<?> f = executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "TaskScheduler.system()";
  }
}
