package dev.sorastatus;

import dev.sorastatus.SoraConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Lets one port's requests to the API through: at most {@link SoraConfig#maxConcurrentRequests()} in flight
 * at once, later ones queued in order as futures (an asynchronous call holds no thread while it waits), and
 * none started while a rate limit that one call met holds the API back, so that a 429 slows every caller of
 * the port and not only the one that got it.
 */
final class RequestGate {
  /** Permits handed on by this thread, run in a loop rather than by recursion when a taker gives its back. */
  private static final ThreadLocal<Deque<CompletableFuture<Void>>> HANDING_ON = new ThreadLocal<>();

  private final int limit;
  private final SoraConfig config;

  // Guarded by this.
  private int inFlight;
  private final Deque<CompletableFuture<Void>> queue = new ArrayDeque<>();
  private Instant pausedUntil = Instant.MIN;

  RequestGate(SoraConfig config) {
    this.limit = config.maxConcurrentRequests();
    this.config = config;
  }

  /**
   * Returns a future that completes once this call may send: after any pause, when fewer than the limit are
   * in flight. Cancelling it gives up the place in line; whoever it completes for must {@link #release()}.
   *
   * @param honourPause false for a retry, which has already waited as its own policy says
   */
  CompletableFuture<Void> acquireAsync(boolean honourPause) {
    CompletableFuture<Void> permit = new CompletableFuture<>();
    Duration pause = honourPause ? remainingPause() : Duration.ZERO;
    if (pause.isZero()) {
      enqueue(permit);
      return permit;
    }
    var scheduled = config.scheduler().schedule(pause, () -> enqueue(permit));
    permit.whenComplete((ok, failure) -> {
      if (failure != null) {
        scheduled.cancel();
      }
    });
    return permit;
  }

  /**
   * Blocks until this call may send; then the caller must {@link #release()}.
   *
   * @param honourPause false for a retry, which has already waited as its own policy says
   * @throws InterruptedException if the thread was interrupted while it waited, holding nothing
   */
  void acquire(boolean honourPause) throws InterruptedException {
    Duration pause = honourPause ? remainingPause() : Duration.ZERO;
    if (!pause.isZero()) {
      config.scheduler().sleep(pause);
    }
    CompletableFuture<Void> permit = new CompletableFuture<>();
    enqueue(permit);
    try {
      permit.get();
    } catch (InterruptedException e) {
      if (!permit.cancel(false)) {
        release(); // granted just as the interrupt came
      }
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a permit never fails", e);
    }
  }

  /** Ends a request: its permit goes to the first caller in line, if any. */
  void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = queue.poll();
      while (next != null && next.isDone()) {
        next = queue.poll(); // gave up its place
      }
      if (next == null) {
        inFlight--;
        return;
      }
    }
    handOn(next);
  }

  /** Holds back every request that is not a retry until {@code delay} from now has passed. */
  void pause(Duration delay) {
    Instant until = config.clock().instant().plus(delay);
    synchronized (this) {
      if (until.isAfter(pausedUntil)) {
        pausedUntil = until;
      }
    }
  }

  /** Returns how many requests are in flight now. */
  synchronized int inFlight() {
    return inFlight;
  }

  private Duration remainingPause() {
    Instant until;
    synchronized (this) {
      until = pausedUntil;
    }
    Instant now = config.clock().instant();
    return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
  }

  private void enqueue(CompletableFuture<Void> permit) {
    synchronized (this) {
      if (permit.isDone()) {
        return;
      }
      if (inFlight >= limit) {
        queue.add(permit);
        return;
      }
      inFlight++;
    }
    handOn(permit);
  }

  /** Completes {@code permit}; the caller it wakes may start its request on this thread. */
  private void handOn(CompletableFuture<Void> permit) {
    Deque<CompletableFuture<Void>> pending = HANDING_ON.get();
    if (pending != null) {
      pending.add(permit);
      return;
    }
    pending = new ArrayDeque<>();
    HANDING_ON.set(pending);
    try {
      for (CompletableFuture<Void> p = permit; p != null; p = pending.poll()) {
        if (!p.complete(null)) {
          release(); // cancelled before it got the permit: pass it on
        }
      }
    } finally {
      HANDING_ON.remove();
    }
  }

  @Override
  public String toString() {
    return "RequestGate[" + inFlight() + "/" + limit + " in flight]";
  }
}
