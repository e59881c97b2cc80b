package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How this library waits: it runs a task once after a delay (the poller and the asynchronous calls, which
 * hold no thread while they wait) and blocks a thread for a while (the blocking calls, between retries).
 * One object for both, given once on {@link SoraConfig}, so that a test substitutes virtual time (the
 * testkit's {@code VirtualTime}) in one place and nothing really waits. Tasks must be short; they usually
 * just start an async request.
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
   * Blocks the calling thread for {@code duration}: how a blocking call waits before it retries. The
   * default waits for a task scheduled {@code duration} from now, so that it runs on whatever time this
   * scheduler keeps; {@link #system()} sleeps the thread instead.
   *
   * @param duration how long; zero or negative returns at once
   * @throws InterruptedException if the thread is interrupted while waiting (the task is withdrawn)
   * @throws NullPointerException if {@code duration} is null
   */
  default void sleep(Duration duration) throws InterruptedException {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    CountDownLatch woken = new CountDownLatch(1);
    Scheduled wake = schedule(duration, woken::countDown);
    try {
      woken.await();
    } catch (InterruptedException e) {
      wake.cancel();
      throw e;
    }
  }

  /**
   * Returns the scheduler shared by this library: one daemon thread on the system clock, whose
   * {@link #sleep(Duration)} is {@link Thread#sleep}.
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

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Objects.requireNonNull(duration, "duration == null");
    if (!duration.isZero() && !duration.isNegative()) {
      TimeUnit.NANOSECONDS.sleep(saturatedNanos(duration));
    }
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
