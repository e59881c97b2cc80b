package dev.sorastatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one wait of a {@link VideoPoller} behaves: its schedule, its bounds for server hints, its deadline,
 * how many transient errors in a row it tolerates, and who is told what happens. Immutable and validated
 * when built.
 *
 * <p>The schedule: the first request is sent {@link #initialDelay()} after the wait starts (at once by
 * default, so that a job that is already finished, or an id that does not exist, is known at once); after
 * that the poller sleeps {@link #initialInterval()} (10 s), then each sleep is {@link #multiplier()} (1.5)
 * times the one before, up to {@link #maxInterval()} (30 s). Each of these sleeps is stretched by a random
 * fraction from 0 to {@link #jitter()} (10 %), so the poller never asks sooner than the schedule and many
 * waits do not ask in lockstep. A server hint ({@code openai-poll-after-ms}) replaces the scheduled sleep,
 * clamped to {@link #minHint()}..{@link #maxHint()}; the delay of an HTTP 429 that reaches the poller is
 * obeyed from {@link #minHint()} up, never shortened, since an earlier read would only be refused again.
 *
 * <pre>{@code
 * PollOptions options = PollOptions.builder()
 *     .timeout(Duration.ofMinutes(20))
 *     .onProgress(video -> log.info("{}%", video.progress()))
 *     .build();
 * }</pre>
 */
public final class PollOptions {
  /** The default delay before the first request: none. */
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ZERO;
  /** The default first sleep between requests: 10 seconds, the API's own guidance. */
  public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(10);
  /** The default factor by which each sleep grows. */
  public static final double DEFAULT_MULTIPLIER = 1.5;
  /** The default longest scheduled sleep: 30 seconds, the API's own guidance. */
  public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(30);
  /** The default jitter: each scheduled sleep is stretched by up to 10 %. */
  public static final double DEFAULT_JITTER = 0.1;
  /** The default shortest delay taken from a server hint or a progress prediction: 1 second. */
  public static final Duration DEFAULT_MIN_HINT = Duration.ofSeconds(1);
  /** The default longest delay taken from a server hint: 2 minutes. */
  public static final Duration DEFAULT_MAX_HINT = Duration.ofMinutes(2);
  /** The default deadline of a whole wait: 30 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
  /** The default number of transient errors in a row that are retried. */
  public static final int DEFAULT_MAX_CONSECUTIVE_RETRIES = 5;
  /** The default number of not-found reads in a row, before the job was first read, that end a wait. */
  public static final int DEFAULT_NOT_FOUND_READS_BEFORE_SEEN = 3;

  private static final PollOptions DEFAULTS = new Builder().build();

  private final Duration initialDelay;
  private final Duration initialInterval;
  private final double multiplier;
  private final Duration maxInterval;
  private final double jitter;
  private final Duration minHint;
  private final Duration maxHint;
  private final Duration timeout;
  private final int maxConsecutiveRetries;
  private final int notFoundReadsBeforeSeen;
  private final boolean adaptToProgress;
  private final boolean expiredIsError;
  private final List<PollListener> listeners;

  private PollOptions(Builder b) {
    this.initialDelay = b.initialDelay;
    this.initialInterval = b.initialInterval;
    this.multiplier = b.multiplier;
    this.maxInterval = b.maxInterval;
    this.jitter = b.jitter;
    this.minHint = b.minHint;
    this.maxHint = b.maxHint;
    this.timeout = b.timeout;
    this.maxConsecutiveRetries = b.maxConsecutiveRetries;
    this.notFoundReadsBeforeSeen = b.notFoundReadsBeforeSeen;
    this.adaptToProgress = b.adaptToProgress;
    this.expiredIsError = b.expiredIsError;
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * Returns the library's default options.
   *
   * @return the options every setting of which has its default
   */
  public static PollOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder starting from the library's defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these options, for changing a few of them.
   *
   * @return a builder initialised from these options, listeners included
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.initialDelay = initialDelay;
    b.initialInterval = initialInterval;
    b.multiplier = multiplier;
    b.maxInterval = maxInterval;
    b.jitter = jitter;
    b.minHint = minHint;
    b.maxHint = maxHint;
    b.timeout = timeout;
    b.maxConsecutiveRetries = maxConsecutiveRetries;
    b.notFoundReadsBeforeSeen = notFoundReadsBeforeSeen;
    b.adaptToProgress = adaptToProgress;
    b.expiredIsError = expiredIsError;
    b.listeners.addAll(listeners);
    return b;
  }

  /**
   * Returns how long after the start of a wait its first request is sent.
   *
   * @return zero or a positive delay
   */
  public Duration initialDelay() {
    return initialDelay;
  }

  /**
   * Returns the sleep after the first request.
   *
   * @return a positive duration
   */
  public Duration initialInterval() {
    return initialInterval;
  }

  /**
   * Returns the factor by which each scheduled sleep grows.
   *
   * @return 1 or more; 1 means a fixed interval
   */
  public double multiplier() {
    return multiplier;
  }

  /**
   * Returns the longest scheduled sleep, before jitter; also the longest sleep a progress prediction picks,
   * and the longest that a rate limit one wait met holds back the poller's other waits.
   *
   * @return a duration not shorter than {@link #initialInterval()}
   */
  public Duration maxInterval() {
    return maxInterval;
  }

  /**
   * Returns the largest fraction by which a scheduled sleep is randomly stretched.
   *
   * @return 0 (no jitter) to 1
   */
  public double jitter() {
    return jitter;
  }

  /**
   * Returns the shortest delay taken from a server hint, a rate-limit delay or a progress prediction.
   *
   * @return a positive duration
   */
  public Duration minHint() {
    return minHint;
  }

  /**
   * Returns the longest delay taken from a server hint; a rate limit's delay is obeyed in full.
   *
   * @return a duration not shorter than {@link #minHint()}
   */
  public Duration maxHint() {
    return maxHint;
  }

  /**
   * Returns the deadline of the whole wait, every request and every sleep included.
   *
   * @return a positive duration
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns how many transient errors in a row (HTTP 429, 5xx, transport failures, a read that ran out of
   * its deadline, a 200 that is not a video of the job) are retried; the next one ends the wait.
   *
   * @return zero or more
   */
  public int maxConsecutiveRetries() {
    return maxConsecutiveRetries;
  }

  /**
   * Returns how many not-found answers in a row end a wait whose job has not been read yet: some gateways
   * answer {@code task_not_exist} for a moment right after a job is created. Once the job was read, a
   * not-found ends the wait at once.
   *
   * @return one or more
   */
  public int notFoundReadsBeforeSeen() {
    return notFoundReadsBeforeSeen;
  }

  /**
   * Returns whether the next request is timed for the finish predicted from steadily rising progress.
   *
   * @return true to adapt to progress
   */
  public boolean adaptToProgress() {
    return adaptToProgress;
  }

  /**
   * Returns whether a completed video that has already expired ends the wait with a
   * {@link VideoWaitException} of kind {@link WaitOutcome.Kind#EXPIRED} instead of being returned.
   *
   * @return true to treat expiry as an error
   */
  public boolean expiredIsError() {
    return expiredIsError;
  }

  /**
   * Returns the listeners told of this wait's events, in the order they were added.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<PollListener> listeners() {
    return listeners;
  }

  /** Returns the settings, listeners counted but not shown. */
  @Override
  public String toString() {
    return "PollOptions[initialDelay=" + initialDelay + ", initialInterval=" + initialInterval
        + ", multiplier=" + multiplier + ", maxInterval=" + maxInterval + ", jitter=" + jitter
        + ", hints=" + minHint + ".." + maxHint + ", timeout=" + timeout
        + ", maxConsecutiveRetries=" + maxConsecutiveRetries
        + ", notFoundReadsBeforeSeen=" + notFoundReadsBeforeSeen + ", adaptToProgress=" + adaptToProgress
        + ", expiredIsError=" + expiredIsError + ", listeners=" + listeners.size() + "]";
  }

  /** Builds {@link PollOptions}; every setter validates its argument, {@link #build()} their combination. */
  public static final class Builder {
    private Duration initialDelay = DEFAULT_INITIAL_DELAY;
    private Duration initialInterval = DEFAULT_INITIAL_INTERVAL;
    private double multiplier = DEFAULT_MULTIPLIER;
    private Duration maxInterval = DEFAULT_MAX_INTERVAL;
    private double jitter = DEFAULT_JITTER;
    private Duration minHint = DEFAULT_MIN_HINT;
    private Duration maxHint = DEFAULT_MAX_HINT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxConsecutiveRetries = DEFAULT_MAX_CONSECUTIVE_RETRIES;
    private int notFoundReadsBeforeSeen = DEFAULT_NOT_FOUND_READS_BEFORE_SEEN;
    private boolean adaptToProgress;
    private boolean expiredIsError;
    private final List<PollListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets how long after the start of a wait its first request is sent.
     *
     * @param initialDelay zero (the default) or a positive delay
     * @return this builder
     * @throws NullPointerException if {@code initialDelay} is null
     * @throws IllegalArgumentException if {@code initialDelay} is negative
     */
    public Builder initialDelay(Duration initialDelay) {
      Objects.requireNonNull(initialDelay, "initialDelay == null");
      if (initialDelay.isNegative()) {
        throw new IllegalArgumentException("initialDelay must not be negative but was " + initialDelay);
      }
      this.initialDelay = initialDelay;
      return this;
    }

    /**
     * Sets the sleep after the first request.
     *
     * @param initialInterval a positive duration; 10 s by default
     * @return this builder
     * @throws NullPointerException if {@code initialInterval} is null
     * @throws IllegalArgumentException if {@code initialInterval} is zero or negative
     */
    public Builder initialInterval(Duration initialInterval) {
      this.initialInterval = positive(initialInterval, "initialInterval");
      return this;
    }

    /**
     * Sets the factor by which each scheduled sleep grows.
     *
     * @param multiplier 1 or more, finite; 1.5 by default
     * @return this builder
     * @throws IllegalArgumentException if {@code multiplier} is below 1, infinite or not a number
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be finite and >= 1 but was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * Sets the longest scheduled sleep, before jitter.
     *
     * @param maxInterval a positive duration, not shorter than the initial interval; 30 s by default
     * @return this builder
     * @throws NullPointerException if {@code maxInterval} is null
     * @throws IllegalArgumentException if {@code maxInterval} is zero or negative
     */
    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = positive(maxInterval, "maxInterval");
      return this;
    }

    /**
     * Sets the largest fraction by which a scheduled sleep is randomly stretched.
     *
     * @param jitter 0 (no jitter, fully deterministic) to 1; 0.1 by default
     * @return this builder
     * @throws IllegalArgumentException if {@code jitter} is outside 0..1 or not a number
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new IllegalArgumentException("jitter must be 0..1 but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the bounds within which server hints ({@code openai-poll-after-ms}) are obeyed; {@code min} also
     * bounds a progress prediction and a rate limit's delay from below.
     *
     * @param min the shortest delay taken from a hint; 1 s by default
     * @param max the longest delay taken from a hint; 2 min by default
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a bound is zero or negative, or {@code min} is longer than
     *     {@code max}
     */
    public Builder hintBounds(Duration min, Duration max) {
      positive(min, "min");
      positive(max, "max");
      if (min.compareTo(max) > 0) {
        throw new IllegalArgumentException("min hint " + min + " is longer than max hint " + max);
      }
      this.minHint = min;
      this.maxHint = max;
      return this;
    }

    /**
     * Sets the deadline of the whole wait.
     *
     * @param timeout a positive duration; 30 min by default
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets how many transient errors in a row are retried before the wait gives up.
     *
     * @param maxConsecutiveRetries zero (give up on the first) or more; 5 by default
     * @return this builder
     * @throws IllegalArgumentException if {@code maxConsecutiveRetries} is negative
     */
    public Builder maxConsecutiveRetries(int maxConsecutiveRetries) {
      if (maxConsecutiveRetries < 0) {
        throw new IllegalArgumentException(
            "maxConsecutiveRetries must be >= 0 but was " + maxConsecutiveRetries);
      }
      this.maxConsecutiveRetries = maxConsecutiveRetries;
      return this;
    }

    /**
     * Sets how many not-found answers in a row end a wait whose job has not been read yet (default 3);
     * {@code 1} ends it at the first. After the job was read once, a not-found always ends the wait at once.
     *
     * @param reads one or more
     * @return this builder
     * @throws IllegalArgumentException if {@code reads} is less than one
     */
    public Builder notFoundReadsBeforeSeen(int reads) {
      if (reads < 1) {
        throw new IllegalArgumentException("notFoundReadsBeforeSeen must be >= 1 but was " + reads);
      }
      this.notFoundReadsBeforeSeen = reads;
      return this;
    }

    /**
     * Sets whether, once progress has risen on three reads in a row, the next request is timed for the
     * predicted finish (no sooner than the min hint, no later than the max interval).
     *
     * @param adaptToProgress true to adapt; false by default
     * @return this builder
     */
    public Builder adaptToProgress(boolean adaptToProgress) {
      this.adaptToProgress = adaptToProgress;
      return this;
    }

    /**
     * Sets whether a completed video that has already expired ends the wait with a
     * {@link VideoWaitException} of kind {@link WaitOutcome.Kind#EXPIRED}; otherwise it is returned and its
     * listeners are told {@link WaitOutcome.Kind#EXPIRED}.
     *
     * @param expiredIsError true to treat expiry as an error; false by default
     * @return this builder
     */
    public Builder expiredIsError(boolean expiredIsError) {
      this.expiredIsError = expiredIsError;
      return this;
    }

    /**
     * Adds a listener told of this wait's events.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(PollListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Adds a listener told of each rise in progress.
     *
     * @param onProgress receives the video whose progress is higher than any seen before
     * @return this builder
     * @throws NullPointerException if {@code onProgress} is null
     */
    public Builder onProgress(Consumer<Video> onProgress) {
      Objects.requireNonNull(onProgress, "onProgress == null");
      return listener(new PollListener() {
        @Override
        public void progressChanged(Video video) {
          onProgress.accept(video);
        }
      });
    }

    /**
     * Returns the options.
     *
     * @return new immutable options
     * @throws IllegalArgumentException if the max interval is shorter than the initial interval
     */
    public PollOptions build() {
      if (maxInterval.compareTo(initialInterval) < 0) {
        throw new IllegalArgumentException(
            "maxInterval " + maxInterval + " is shorter than initialInterval " + initialInterval);
      }
      return new PollOptions(this);
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
