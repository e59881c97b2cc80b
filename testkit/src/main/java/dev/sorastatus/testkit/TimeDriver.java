package dev.sorastatus.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a fake's virtual time until something is done, without racing the real threads of a transport: it
 * moves to the next due task only when nothing real is under way. The library marks each request it sends
 * and each download attempt as work on its scheduler ({@code TaskScheduler.beginWork}) until their results
 * were taken in, and the fake's HTTP server says when it is answering; a blocking call under test must be
 * parked. So a wait never jumps to its deadline, nor a download to its stall check, while bytes are moving.
 */
final class TimeDriver {
  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final VirtualTime time;
  private final Supplier<FakeHttpServer> server;

  TimeDriver(VirtualTime time, Supplier<FakeHttpServer> server) {
    this.time = time;
    this.server = server;
  }

  /**
   * Moves time from due task to due task until {@code done} holds.
   *
   * @param blocking the thread of a blocking call under test, or null
   * @throws AssertionError if {@code done} still does not hold after {@code limit} of real time
   */
  void runUntil(BooleanSupplier done, Thread blocking, Duration limit, String what) {
    long giveUpAt = System.nanoTime() + limit.toNanos();
    int moves = 0;
    while (true) {
      long seen = time.changes(); // read before the checks, so that a change made after them ends the wait
      if (done.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() - giveUpAt > 0) {
        throw new AssertionError(what + " was not done after " + limit.toSeconds() + " s of real time ("
            + time.elapsed() + " of virtual time, " + moves + " moves, " + time.pendingTasks() + " tasks pending)");
      }
      Optional<Instant> next = settled(blocking) ? time.nextDue() : Optional.empty();
      if (next.isEmpty()) {
        // something real is under way, or nothing is due yet: wait for work to end, a task to be scheduled, the
        // server to finish answering or the future to complete; the pause bounds what no signal reports (a
        // blocking call that parks, a condition that holds)
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
    FakeHttpServer s = server.get();
    return !time.workUnderWay() && (s == null || !s.busy());
  }
}
