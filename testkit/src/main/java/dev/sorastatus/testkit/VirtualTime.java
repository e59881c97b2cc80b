package dev.sorastatus.testkit;

import dev.sorastatus.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Time that moves only when a test says so: a {@link Clock} and a {@link TaskScheduler} (which also sleeps)
 * in one, to share between the fake and the code under test so that a ten-minute wait runs in
 * milliseconds.
 *
 * <p>{@link #advance(Duration)} runs every task that falls due on the calling thread, in due-time order
 * (ties in scheduling order), with the clock set to each task's instant while it runs; tasks that tasks
 * schedule run in the same call when they fall due. {@link #sleep(Duration)} records the duration and
 * advances by it, so a blocking retry loop runs at once. A task that keeps rescheduling itself without
 * letting time pass fails loudly after {@value #DEFAULT_TASK_LIMIT} tasks instead of hanging. Thread-safe:
 * tasks may be scheduled from any thread.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.create();
 * VideoPoller poller = VideoPoller.builder(port).build();
 * CompletableFuture<Video> done = poller.awaitCompletedAsync(id);
 * time.advance(Duration.ofMinutes(10));
 * }</pre>
 */
public final class VirtualTime extends Clock implements TaskScheduler {
  /** Where {@link #create()} starts: {@code 2026-01-01T00:00:00Z}, a whole second. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  /** The most tasks one {@link #advance(Duration)} or {@link #runUntilIdle()} runs before it fails. */
  public static final int DEFAULT_TASK_LIMIT = 100_000;

  /** The longest {@link #advance} waits for work under way on another thread before it moves on anyway. */
  private static final Duration WORK_WAIT = Duration.ofSeconds(10);

  private final Object lock = new Object();
  private final TimeDriver driver = new TimeDriver(this);
  private final Instant start;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final List<Duration> sleeps = new ArrayList<>();
  private Instant now;
  private long sequence;
  /** Work begun with {@link #beginWork()} and not ended. */
  private int work;
  /** Scheduled tasks that end such work (a latency of the fake's), which time must move to reach. */
  private int completions;
  /** Counts what may let a driver move on: work ended, a task scheduled, a {@link #signal()}. */
  private long changes;

  private VirtualTime(Instant start) {
    this.start = start;
    this.now = start;
  }

  /**
   * Returns time standing at {@link #DEFAULT_START}.
   *
   * @return new virtual time
   */
  public static VirtualTime create() {
    return new VirtualTime(DEFAULT_START);
  }

  /**
   * Returns time standing at {@code start}.
   *
   * @param start the first instant
   * @return new virtual time
   * @throws NullPointerException if {@code start} is null
   */
  public static VirtualTime startingAt(Instant start) {
    return new VirtualTime(Objects.requireNonNull(start, "start == null"));
  }

  /**
   * Returns the current virtual instant.
   *
   * @return now
   */
  public Instant now() {
    synchronized (lock) {
      return now;
    }
  }

  /**
   * Returns how much virtual time has passed since the start.
   *
   * @return the elapsed time, zero or more
   */
  public Duration elapsed() {
    synchronized (lock) {
      return Duration.between(start, now);
    }
  }

  /**
   * Moves time forward by {@code duration}, running every task that falls due on this thread.
   *
   * @param duration how far; zero runs only the tasks already due
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is negative
   * @throws IllegalStateException if more than {@value #DEFAULT_TASK_LIMIT} tasks ran, which means a task
   *     keeps rescheduling itself; the clock stays where that task ran
   * @throws RuntimeException whatever a task threw; the tasks after it stay scheduled
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative but was " + duration);
    }
    Instant target;
    synchronized (lock) {
      target = now.plus(duration);
    }
    runDue(target, DEFAULT_TASK_LIMIT, "advance(" + duration + ")", true);
  }

  /**
   * Moves time forward by {@code duration} for work that is itself under way, such as the in-memory
   * transport's blocking read: it does not wait for work on other threads, which may be its own.
   */
  void advanceWithin(Duration duration) {
    Instant target;
    synchronized (lock) {
      target = now.plus(duration);
    }
    runDue(target, DEFAULT_TASK_LIMIT, "advance(" + duration + ")", false);
  }

  /**
   * Moves time forward to {@code instant}, running every task that falls due; an instant already past
   * runs only the tasks due now.
   *
   * @param instant where to stop
   * @throws NullPointerException if {@code instant} is null
   * @throws IllegalStateException as {@link #advance(Duration)} does
   */
  public void advanceTo(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    Instant target;
    synchronized (lock) {
      target = instant.isBefore(now) ? now : instant;
    }
    runDue(target, DEFAULT_TASK_LIMIT, "advanceTo(" + instant + ")");
  }

  /**
   * Runs tasks, jumping time to each one's instant, until none is left; at most
   * {@value #DEFAULT_TASK_LIMIT} of them.
   *
   * @return how many tasks ran
   * @throws IllegalStateException if tasks were still scheduled after that many ran
   */
  public int runUntilIdle() {
    return runUntilIdle(DEFAULT_TASK_LIMIT);
  }

  /**
   * Runs tasks, jumping time to each one's instant, until none is left, at most {@code maxTasks} of them.
   *
   * @param maxTasks the bound; a periodic task that never stops hits it
   * @return how many tasks ran
   * @throws IllegalArgumentException if {@code maxTasks} is not positive
   * @throws IllegalStateException if tasks were still scheduled after {@code maxTasks} ran
   */
  public int runUntilIdle(int maxTasks) {
    if (maxTasks <= 0) {
      throw new IllegalArgumentException("maxTasks must be > 0 but was " + maxTasks);
    }
    return runDue(Instant.MAX, maxTasks, "runUntilIdle(" + maxTasks + ")");
  }

  /**
   * Runs a blocking call on a thread of its own while this time moves from due task to due task whenever the
   * call is parked and no work is under way (requests and downloads of the library, answers of the fakes on
   * this time), and returns what it returned. It is {@link FakeVideoApi#runBlocking} for code that builds its
   * fake itself on this time, or uses several: the command line's demo, say, whose test cannot reach the
   * fake. Time never moves while the call runs, so it cannot pass a task the call is about to schedule.
   *
   * <pre>{@code
   * VirtualTime time = VirtualTime.create();
   * int exitCode = time.runBlocking(() -> command.run(time));   // the command builds its own fake on time
   * }</pre>
   *
   * @param call the blocking call
   * @param <T> what it returns
   * @return what it returned
   * @throws NullPointerException if {@code call} is null
   * @throws RuntimeException what it threw
   * @throws AssertionError if it has not returned after a minute of real time (it is interrupted then)
   */
  public <T> T runBlocking(Supplier<T> call) {
    Objects.requireNonNull(call, "call == null");
    return driver.runBlocking(call);
  }

  /** Returns the driver that runs this time for the fakes on it. */
  TimeDriver driver() {
    return driver;
  }

  /**
   * Returns how many tasks are scheduled and not withdrawn.
   *
   * @return the count
   */
  public int pendingTasks() {
    synchronized (lock) {
      return tasks.size();
    }
  }

  /**
   * Returns when the next scheduled task is due.
   *
   * @return its instant, if a task is scheduled
   */
  public Optional<Instant> nextDue() {
    synchronized (lock) {
      Task next = tasks.peek(); // withdrawn tasks leave the queue at once
      return next == null ? Optional.empty() : Optional.of(next.at);
    }
  }

  /**
   * Returns every positive duration passed to {@link #sleep(Duration)}, in order.
   *
   * @return an unmodifiable copy
   */
  public List<Duration> sleeps() {
    synchronized (lock) {
      return List.copyOf(sleeps);
    }
  }

  /**
   * Returns the sum of {@link #sleeps()}.
   *
   * @return the total, zero when nothing slept
   */
  public Duration totalSlept() {
    synchronized (lock) {
      Duration total = Duration.ZERO;
      for (Duration d : sleeps) {
        total = total.plus(d);
      }
      return total;
    }
  }

  /**
   * Records {@code duration} and advances time by it, running the tasks that fall due on this thread;
   * returns at once in real time.
   *
   * @param duration how long; zero or negative returns at once and is not recorded
   * @throws NullPointerException if {@code duration} is null
   * @throws InterruptedException if the thread is interrupted when called (the flag is cleared)
   */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Objects.requireNonNull(duration, "duration == null");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a virtual sleep of " + duration);
    }
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    synchronized (lock) {
      sleeps.add(duration);
    }
    advance(duration);
  }

  /**
   * Runs {@code task} once, when time has been advanced by {@code delay}; never on a thread of its own.
   *
   * @param delay how long to wait; zero or negative runs it at the next advance, even by zero
   * @param task what to run
   * @return a handle that withdraws the task if it has not started
   * @throws NullPointerException if an argument is null
   */
  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    return schedule(delay, task, false);
  }

  /**
   * Counts work that runs outside virtual time (a request on a transport's threads) until the returned action
   * runs; the fake's drivers ({@link FakeVideoApi#runUntilDone}) keep time still while any is under way.
   * {@link #advance(Duration)} and its kin are not affected.
   *
   * @return the action that ends the work; only its first run counts
   */
  @Override
  public Runnable beginWork() {
    synchronized (lock) {
      work++;
    }
    AtomicBoolean ended = new AtomicBoolean();
    return () -> {
      if (ended.compareAndSet(false, true)) {
        synchronized (lock) {
          work--;
          changes++;
          lock.notifyAll();
        }
      }
    };
  }

  /** Returns whether work runs outside virtual time that no scheduled task of the fake's will end. */
  boolean workUnderWay() {
    synchronized (lock) {
      return work > completions;
    }
  }

  /** Returns the count of changes a driver may wait on with {@link #awaitChange}. */
  long changes() {
    synchronized (lock) {
      return changes;
    }
  }

  /** Counts a change made outside this time, such as the completion of a future a driver runs time for. */
  void signal() {
    synchronized (lock) {
      changes++;
      lock.notifyAll();
    }
  }

  /**
   * Waits until something changed since {@code seen} was read from {@link #changes()}, or {@code nanos} passed:
   * a driver wakes as soon as work ends, instead of polling on a fixed pause.
   */
  void awaitChange(long seen, long nanos) {
    synchronized (lock) {
      waitLocked(() -> changes == seen, nanos);
    }
  }

  /** Schedules a task that ends work begun elsewhere, so that a driver may move time to it. */
  Scheduled scheduleCompletion(Duration delay, Runnable task) {
    return schedule(delay, task, true);
  }

  private Scheduled schedule(Duration delay, Runnable task, boolean completion) {
    Objects.requireNonNull(delay, "delay == null");
    Objects.requireNonNull(task, "task == null");
    synchronized (lock) {
      Instant at = delay.isNegative() ? now : plus(now, delay);
      Task t = new Task(at, sequence++, task, completion);
      tasks.add(t);
      if (completion) {
        completions++;
      }
      changes++;
      lock.notifyAll();
      return () -> {
        synchronized (lock) {
          if (t.started || t.cancelled) {
            return false;
          }
          t.cancelled = true;
          tasks.remove(t);
          if (t.completion) {
            completions--;
          }
          return true;
        }
      };
    }
  }

  /**
   * Returns the current virtual instant, as {@link #now()} does.
   *
   * @return now
   */
  @Override
  public Instant instant() {
    return now();
  }

  /**
   * Returns the current virtual instant in epoch milliseconds.
   *
   * @return now, in milliseconds
   */
  @Override
  public long millis() {
    return now().toEpochMilli();
  }

  /**
   * Returns UTC, the zone of this clock.
   *
   * @return {@link ZoneOffset#UTC}
   */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Returns a view of this time in another zone; it moves when this time moves.
   *
   * @param zone the zone
   * @return the view
   * @throws NullPointerException if {@code zone} is null
   */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone == null");
    return zone.equals(ZoneOffset.UTC) ? this : new ZonedView(this, zone);
  }

  /** Returns the current instant and the number of scheduled tasks. */
  @Override
  public String toString() {
    return "VirtualTime[" + now() + ", " + pendingTasks() + " scheduled]";
  }

  private int runDue(Instant target, int limit, String call) {
    return runDue(target, limit, call, true);
  }

  /**
   * Runs the tasks due by {@code target}. Before time moves (to a later task, or to {@code target}), it waits
   * (a bounded wait on a condition, never a sleep) while work under way on another thread, such as an async
   * read on a client's worker thread, has no scheduled task of the fake's that ends it, so that time never
   * moves past a read whose answer is about to be taken in. Tasks due at the current instant run without
   * waiting: they do not move time.
   */
  private int runDue(Instant target, int limit, String call, boolean awaitWork) {
    int ran = 0;
    while (true) {
      Task next;
      synchronized (lock) {
        next = tasks.peek();
        if (awaitWork && (next == null || next.at.isAfter(now))) {
          // only moving time must wait for work under way; tasks due now run beside it, so that a batch
          // started at one instant (500 waits, say) has its requests in flight together, not one by one
          awaitWorkLocked();
          next = tasks.peek(); // the work may have scheduled something due now
        }
        if (next == null || next.at.isAfter(target)) {
          if (target != Instant.MAX && target.isAfter(now)) {
            now = target; // never backwards: a nested advance may already have gone further
          }
          return ran;
        }
        if (ran == limit) {
          throw new IllegalStateException("VirtualTime ran " + limit + " tasks in " + call + " and still has "
              + tasks.size() + " due at " + now + "; a task that reschedules itself without letting time pass?");
        }
        tasks.poll();
        next.started = true;
        if (next.completion) {
          completions--; // the work it ends is the caller's again: it ends by the time the task returns
        }
        if (next.at.isAfter(now)) {
          now = next.at;
        }
      }
      ran++;
      next.task.run();
    }
  }

  /** Waits, up to {@link #WORK_WAIT}, while work is under way that no scheduled task ends; holds the lock. */
  private void awaitWorkLocked() {
    waitLocked(() -> work > completions, WORK_WAIT.toNanos());
  }

  /**
   * Waits on the lock, which the caller holds, while {@code blocked} holds, up to {@code nanos}; an interrupt
   * ends the wait with the flag set.
   */
  private void waitLocked(BooleanSupplier blocked, long nanos) {
    long end = System.nanoTime() + nanos;
    for (long left = nanos; blocked.getAsBoolean() && left > 0; left = end - System.nanoTime()) {
      try {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Instant plus(Instant at, Duration delay) {
    try {
      return at.plus(delay);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return Instant.MAX.minusSeconds(1); // as good as never, without overflowing
    }
  }

  private static final class Task implements Comparable<Task> {
    final Instant at;
    final long seq;
    final Runnable task;
    final boolean completion;
    boolean cancelled;
    boolean started;

    Task(Instant at, long seq, Runnable task, boolean completion) {
      this.at = at;
      this.seq = seq;
      this.task = task;
      this.completion = completion;
    }

    @Override
    public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** This time seen from another zone. */
  private static final class ZonedView extends Clock {
    private final VirtualTime time;
    private final ZoneId zone;

    ZonedView(VirtualTime time, ZoneId zone) {
      this.time = time;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return time.withZone(other);
    }

    @Override
    public Instant instant() {
      return time.now();
    }

    @Override
    public String toString() {
      return time + " in " + zone;
    }
  }
}
