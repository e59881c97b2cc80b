package dev.sorastatus;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Which download failures are retried and how long to wait first, read from a {@link RetryPolicy}: its
 * attempts, retried statuses, backoff (with jitter) and longest server delay. Its per-call deadline is not
 * applied: a large file may rightly take longer, and a stalled body is cut off by the stall timeout instead.
 */
final class DownloadRetries {
  static final DownloadRetries DEFAULTS = from(RetryPolicy.defaults());

  private final int maxAttempts;
  private final IntFunction<Duration> backoff;
  private final IntPredicate retriesStatus;
  private final Duration maxServerDelay;

  /**
   * Creates the rules.
   *
   * @param maxAttempts attempts in a row that may fail without receiving a byte, 1 or more
   * @param backoff the wait before retry {@code n} (1 for the first) when the server named none
   * @param retriesStatus which HTTP statuses are worth another attempt
   * @param maxServerDelay the longest server-requested delay that is waited; a longer one ends the download
   */
  DownloadRetries(int maxAttempts, IntFunction<Duration> backoff, IntPredicate retriesStatus, Duration maxServerDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff == null");
    this.retriesStatus = Objects.requireNonNull(retriesStatus, "retriesStatus == null");
    this.maxServerDelay = Objects.requireNonNull(maxServerDelay, "maxServerDelay == null");
  }

  /** Returns the rules of {@code policy}. */
  static DownloadRetries from(RetryPolicy policy) {
    return new DownloadRetries(policy.maxAttempts(), policy::backoff, policy::retriesStatus, policy.maxServerDelay());
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /** Returns whether {@code failure} may go away on another attempt. */
  boolean isTransient(Throwable failure) {
    if (failure instanceof SoraTransportException) {
      SoraTransportException e = (SoraTransportException) failure;
      Throwable cause = e.getCause();
      // an interrupt is the caller's wish, not a fault; a call out of its deadline has no time for another
      return e.deadline().isEmpty() && (cause == null || cause.getClass() != InterruptedIOException.class);
    }
    if (failure instanceof SoraApiException) {
      return retriesStatus.test(((SoraApiException) failure).statusCode());
    }
    return false;
  }

  /**
   * Returns the wait before retry {@code retry} after {@code failure}, or empty when the server asked for
   * longer than is waited.
   */
  Optional<Duration> delayBefore(int retry, Throwable failure) {
    if (failure instanceof SoraApiException
        && ((SoraApiException) failure).kind() == SoraApiException.Kind.RATE_LIMITED) {
      Optional<Duration> asked = ((SoraApiException) failure).retryAfter();
      if (asked.isPresent()) {
        return asked.get().compareTo(maxServerDelay) > 0 ? Optional.empty() : asked;
      }
    }
    return Optional.of(backoff.apply(retry));
  }

  @Override
  public String toString() {
    return "DownloadRetries[maxAttempts=" + maxAttempts + ", maxServerDelay=" + maxServerDelay + "]";
  }
}
