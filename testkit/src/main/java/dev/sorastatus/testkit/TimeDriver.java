package dev.sorastatus.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a {@link VirtualTime} until something is done, without racing the real threads of a transport: it
 * moves to the next due task only when nothing real is under way. The library marks each request it sends
 * and each download attempt as work on its scheduler ({@code TaskScheduler.beginWork}) until their results
 * were taken in, the fakes' HTTP servers mark each answer, and a blocking call under test must be parked. So
 * a wait never jumps to its deadline, nor a download to its stall check, while bytes are moving, nor time
 * past a task that a blocking call is still on its way to schedule.
 */
final class TimeDriver {
  /** How long a run waits in real time before it fails. */
  private static final Duration LIMIT = Duration.ofMinutes(1);

  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final VirtualTime time;

  TimeDriver(VirtualTime time) {
    this.time = time;
  }

  /** Runs time until {@code future} is done, and returns its value or throws its failure, unwrapped. */
  <T> T runUntilDone(CompletableFuture<T> future) {
    future.whenComplete((value, failure) -> time.signal()); // wakes the driver at once
    runUntil(future::isDone, null, "the future");
    return joinUnwrapped(future);
  }

  /** Runs time until {@code condition} holds. */
  void runUntil(BooleanSupplier condition) {
    runUntil(condition, null, "the condition");
  }

  /**
   * Runs {@code call} on a thread of its own, moving time only while that thread is parked, and returns what
   * it returned or throws what it threw; interrupts it when the limit is reached.
   */
  <T> T runBlocking(Supplier<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(call.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    }, "virtual-time-blocking-call");
    thread.setDaemon(true);
    thread.start();
    try {
      result.whenComplete((value, failure) -> time.signal());
      runUntil(result::isDone, thread, "the blocking call");
    } catch (AssertionError e) {
      thread.interrupt();
      throw e;
    }
    return joinUnwrapped(result);
  }

  /**
   * Moves time from due task to due task until {@code done} holds.
   *
   * @param blocking the thread of a blocking call under test, or null
   * @throws AssertionError if {@code done} still does not hold after {@link #LIMIT} of real time
   */
  private void runUntil(BooleanSupplier done, Thread blocking, String what) {
    long giveUpAt = System.nanoTime() + LIMIT.toNanos();
    int moves = 0;
    while (true) {
      long seen = time.changes(); // read before the checks, so that a change made after them ends the wait
      if (done.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() - giveUpAt > 0) {
        throw new AssertionError(what + " was not done after " + LIMIT.toSeconds() + " s of real time ("
            + time.elapsed() + " of virtual time, " + moves + " moves, " + time.pendingTasks() + " tasks pending)");
      }
      Optional<Instant> next = settled(blocking) ? time.nextDue() : Optional.empty();
      if (next.isEmpty()) {
        // something real is under way, or nothing is due yet: wait for work to end, a task to be scheduled or
        // the future to complete; the pause bounds what no signal reports (a blocking call that parks, a
        // condition that holds)
        time.awaitChange(seen, PAUSE_NANOS);
        continue;
      }
      time.advanceTo(next.get());
      moves++;
    }
  }

  private boolean settled(Thread blocking) {
    if (blocking != null && blocking.isAlive()) {
      Thread.State state = blocking.getState();
      if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
        return false;
      }
    }
    return !time.workUnderWay();
  }

  private static <T> T joinUnwrapped(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw e;
    }
  }
}
