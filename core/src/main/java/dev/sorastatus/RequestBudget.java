package dev.sorastatus;

import java.time.Instant;
import java.util.Optional;

/**
 * Spaces the requests of all waits of one poller at least {@code 1 / requestsPerSecond} apart (a token
 * bucket that holds one token), so that many waits never burst. A request that finds no slot free is given
 * the next free one and scheduled for it: no busy loop and no thread.
 */
final class RequestBudget {
  private final long spacingNanos;
  private Instant nextFree;

  RequestBudget(double requestsPerSecond) {
    // Rounded up, so that the budget is never exceeded; infinity means no budget.
    this.spacingNanos = Double.isInfinite(requestsPerSecond) ? 0 : (long) Math.ceil(1e9 / requestsPerSecond);
  }

  /** Returns the spacing between requests, zero when unlimited. */
  long spacingNanos() {
    return spacingNanos;
  }

  /**
   * Gives no slot before {@code until}: a rate limit seen by one wait slows every wait that shares this
   * budget.
   */
  synchronized void pauseUntil(Instant until) {
    if (nextFree == null || nextFree.isBefore(until)) {
      nextFree = until;
    }
  }

  /**
   * Reserves the first free slot at or after {@code now}, if it is before {@code notAfter}.
   *
   * @return the instant at which the request may be sent; empty, reserving nothing, when that would be at
   *     or after {@code notAfter}
   */
  synchronized Optional<Instant> reserve(Instant now, Instant notAfter) {
    Instant slot = nextFree == null || nextFree.isBefore(now) ? now : nextFree;
    if (!slot.isBefore(notAfter)) {
      return Optional.empty();
    }
    if (spacingNanos > 0) {
      nextFree = slot.plusNanos(spacingNanos);
    }
    return Optional.of(slot);
  }
}
