package dev.sorastatus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Which download failures are retried and how long to wait first: the seam where the library's retry
 * policy plugs in. The defaults match it: 3 attempts; HTTP 408, 429, 500, 502, 503 and 504 and transport
 * failures retried; the server's {@code Retry-After} waited up to 60 s, else 0.5 s × 2ⁿ capped at 8 s.
 */
final class DownloadRetries {
  static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);
  static final Duration DEFAULT_MAX_SERVER_DELAY = Duration.ofSeconds(60);

  static final DownloadRetries DEFAULTS = new DownloadRetries(3, DownloadRetries::defaultBackoff,
      DownloadRetries::defaultRetriesStatus, DEFAULT_MAX_SERVER_DELAY);

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

  int maxAttempts() {
    return maxAttempts;
  }

  /** Returns whether {@code failure} may go away on another attempt. */
  boolean isTransient(Throwable failure) {
    if (failure instanceof SoraTransportException) {
      IOException cause = ((SoraTransportException) failure).getCause();
      return cause.getClass() != InterruptedIOException.class; // an interrupt is the caller's wish, not a fault
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
    if (failure instanceof RateLimitedException) {
      Optional<Duration> asked = ((RateLimitedException) failure).retryAfter();
      if (asked.isPresent()) {
        return asked.get().compareTo(maxServerDelay) > 0 ? Optional.empty() : asked;
      }
    }
    return Optional.of(backoff.apply(retry));
  }

  static Duration defaultBackoff(int retry) {
    long millis = DEFAULT_INITIAL_BACKOFF.toMillis();
    for (int i = 1; i < retry && millis < DEFAULT_MAX_BACKOFF.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, DEFAULT_MAX_BACKOFF.toMillis()));
  }

  static boolean defaultRetriesStatus(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  @Override
  public String toString() {
    return "DownloadRetries[maxAttempts=" + maxAttempts + ", maxServerDelay=" + maxServerDelay + "]";
  }
}
