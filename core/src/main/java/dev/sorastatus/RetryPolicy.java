package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long a call retries: the only retry layer of this library, applied by every HTTP adapter
 * around the whole exchange. Immutable.
 *
 * <p>By default ({@link #defaults()}) a call makes up to 3 attempts (2 retries) when the answer is HTTP 408,
 * 429, 500, 502, 503 or 504 or the request failed in transport (reset, refused, timed out); never for other
 * statuses, a malformed success or an invalid id. A response header {@code x-should-retry: true|false}
 * overrides that rule for any status that is not a success. Between attempts it waits what the server asked
 * for ({@code retry-after-ms}, else {@code Retry-After}), else an exponential backoff of 0.5 s × 2ⁿ capped at
 * 8 s, shortened by up to 25 % at random (jitter). A server delay above {@link #maxServerDelay()} (60 s) is
 * not waited: the call fails at once with the server's error, which carries the delay. The whole call, all
 * attempts and waits included, ends by {@link #deadline()} (2 min) with a {@link SoraTransportException} whose {@link
 * SoraTransportException#deadline()} says so.
 *
 * <pre>{@code
 * SoraConfig config = SoraConfig.builder()
 *     .baseUrl("https://api.openai.com/v1")
 *     .apiKey(System.getenv("OPENAI_API_KEY"))
 *     .retryPolicy(RetryPolicy.builder().maxRetries(4).deadline(Duration.ofSeconds(30)).build())
 *     .build();
 * }</pre>
 */
public final class RetryPolicy {
  /** The default number of retries after the first attempt: 2, so 3 attempts. */
  public static final int DEFAULT_MAX_RETRIES = 2;
  /** The default wait before the first retry, when the server named none: 0.5 s. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  /** The default longest backoff: 8 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);
  /** The default jitter: a backoff is shortened by up to 25 %. */
  public static final double DEFAULT_JITTER = 0.25;
  /** The default longest server-requested delay that is waited: 60 s. */
  public static final Duration DEFAULT_MAX_SERVER_DELAY = Duration.ofSeconds(60);
  /** The default deadline of one call, all attempts and waits included: 2 min. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

  private static final RetryPolicy DEFAULTS = new Builder().build();
  private static final RetryPolicy NONE = new Builder().maxRetries(0).noDeadline().build();

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double jitter;
  private final Duration maxServerDelay;
  private final Duration deadline;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.jitter = b.jitter;
    this.maxServerDelay = b.maxServerDelay;
    this.deadline = b.deadline;
  }

  /**
   * Returns the default policy: 2 retries, 0.5 s to 8 s backoff with 25 % jitter, server delays up to 60 s
   * waited, a 2 min deadline per call.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns the policy that never retries and sets no deadline of its own: one attempt, bounded by
   * {@link SoraConfig#requestTimeout()} alone.
   *
   * @return the policy without retries
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this policy's values.
   *
   * @return a builder initialised from this policy
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxRetries = maxRetries;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.jitter = jitter;
    b.maxServerDelay = maxServerDelay;
    b.deadline = deadline;
    return b;
  }

  /**
   * Returns how many times a call is retried after its first attempt.
   *
   * @return zero or more
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * Returns the most attempts one call makes, {@link #maxRetries()} + 1.
   *
   * @return one or more
   */
  public int maxAttempts() {
    return maxRetries + 1;
  }

  /**
   * Returns the wait before the first retry when the server named none.
   *
   * @return a positive duration
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * Returns the longest backoff, before jitter.
   *
   * @return a positive duration
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * Returns the jitter: the largest fraction by which a backoff is shortened at random.
   *
   * @return a fraction from 0 (exact backoffs) to 1
   */
  public double jitter() {
    return jitter;
  }

  /**
   * Returns the longest delay asked for by the server that is waited; a longer one ends the call at once.
   *
   * @return a positive duration
   */
  public Duration maxServerDelay() {
    return maxServerDelay;
  }

  /**
   * Returns the time one call may take, all attempts and waits included, if it is bounded beyond
   * {@link SoraConfig#requestTimeout()} per attempt.
   *
   * @return the deadline, or empty for none
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * Returns whether a response with {@code statusCode} is retried when the server did not say otherwise
   * with {@code x-should-retry}: 408, 429, 500, 502, 503 and 504.
   *
   * @param statusCode the HTTP status
   * @return true for a status worth another attempt
   */
  public boolean retriesStatus(int statusCode) {
    return statusCode == 408 || statusCode == 429 || statusCode == 500
        || statusCode == 502 || statusCode == 503 || statusCode == 504;
  }

  /**
   * Returns the wait before retry number {@code retry} when the server named none:
   * {@code initialBackoff × 2^(retry-1)}, capped at {@link #maxBackoff()}, shortened by a random fraction of
   * at most {@link #jitter()}.
   *
   * @param retry the retry about to be made, 1 for the first
   * @return a duration, never negative
   * @throws IllegalArgumentException if {@code retry} is below 1
   */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1 but was " + retry);
    }
    long nanos = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    for (int i = 1; i < retry && nanos < cap; i++) {
      nanos = nanos > cap / 2 ? cap : nanos * 2;
    }
    nanos = Math.min(nanos, cap);
    if (jitter > 0) {
      nanos -= (long) (nanos * jitter * ThreadLocalRandom.current().nextDouble());
    }
    return Duration.ofNanos(nanos);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy p = (RetryPolicy) o;
    return maxRetries == p.maxRetries && initialBackoff.equals(p.initialBackoff) && maxBackoff.equals(p.maxBackoff)
        && Double.compare(jitter, p.jitter) == 0 && maxServerDelay.equals(p.maxServerDelay)
        && Objects.equals(deadline, p.deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, initialBackoff, maxBackoff, jitter, maxServerDelay, deadline);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxRetries=" + maxRetries
        + ", backoff=" + initialBackoff + ".." + maxBackoff
        + ", jitter=" + jitter
        + ", maxServerDelay=" + maxServerDelay
        + ", deadline=" + (deadline == null ? "none" : deadline) + "]";
  }

  /** Builds a {@link RetryPolicy}; each setter validates its argument. */
  public static final class Builder {
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double jitter = DEFAULT_JITTER;
    private Duration maxServerDelay = DEFAULT_MAX_SERVER_DELAY;
    private Duration deadline = DEFAULT_DEADLINE;

    private Builder() {}

    /**
     * Sets how many times a call is retried after its first attempt (default 2); 0 turns retries off.
     *
     * @param maxRetries 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRetries} is negative or above 100
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw new IllegalArgumentException("maxRetries must be 0..100 but was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the wait before the first retry when the server named none (default 0.5 s); each later
     * retry waits twice as long, up to {@link #maxBackoff(Duration)}.
     *
     * @param initialBackoff a positive duration
     * @return this builder
     * @throws NullPointerException if {@code initialBackoff} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest backoff (default 8 s).
     *
     * @param maxBackoff a positive duration
     * @return this builder
     * @throws NullPointerException if {@code maxBackoff} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Sets the largest fraction by which a backoff is shortened at random (default 0.25), so that many
     * clients do not retry in step; 0 makes backoffs exact, as tests want.
     *
     * @param jitter a fraction from 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if {@code jitter} is not within 0..1
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be within 0..1 but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the longest delay asked for by the server ({@code retry-after-ms}, {@code Retry-After}) that is
     * waited (default 60 s); a longer one is not waited: the call fails at once with the server's error,
     * which carries the delay.
     *
     * @param maxServerDelay a positive duration
     * @return this builder
     * @throws NullPointerException if {@code maxServerDelay} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder maxServerDelay(Duration maxServerDelay) {
      this.maxServerDelay = positive(maxServerDelay, "maxServerDelay");
      return this;
    }

    /**
     * Sets the time one call may take, all attempts and waits included (default 2 min). An attempt never
     * runs past it, and when the wait before the next attempt would, the call ends with a
     * {@link SoraTransportException} with its {@link SoraTransportException#deadline() deadline}.
     *
     * @param deadline a positive duration
     * @return this builder
     * @throws NullPointerException if {@code deadline} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * Removes the deadline: a call is then bounded by its attempts' timeouts and waits alone.
     *
     * @return this builder
     */
    public Builder noDeadline() {
      this.deadline = null;
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return a new immutable policy
     * @throws IllegalStateException if the initial backoff is longer than the longest backoff
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalStateException(
            "initialBackoff " + initialBackoff + " is longer than maxBackoff " + maxBackoff);
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }
  }
}
