package dev.sorastatus.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Random API faults the fake injects into status reads, on top of the scripts: latency, server errors,
 * rate limits, malformed bodies and dropped connections, each with a percentage. The draw for the
 * {@code n}-th read of a job depends only on the fake's seed, the job's id and {@code n}, so the same seed
 * gives the same faults in the same places however many threads read at once.
 *
 * <p>An injected fault does not move the job's script on: the job did not change, the API failed. Latency
 * is virtual in memory (a blocking read sleeps on {@link VirtualTime}, an async one completes when time is
 * advanced) and real in HTTP mode. A dropped connection is closed without an answer in HTTP mode and is a
 * {@link dev.sorastatus.SoraTransportException} in memory, as a real adapter reports it.
 *
 * <pre>{@code
 * FakeVideoApi api = FakeVideoApi.builder()
 *     .seed(42)
 *     .faults(Faults.builder().serverErrors(10).rateLimits(5, Duration.ofSeconds(2)).build())
 *     .build();
 * }</pre>
 */
public final class Faults {
  private static final Faults NONE = new Faults(new Builder());

  private final Duration minLatency;
  private final Duration maxLatency;
  private final double serverErrorPercent;
  private final int[] serverErrorStatuses;
  private final double rateLimitPercent;
  private final Duration retryAfter;
  private final double malformedPercent;
  private final double dropPercent;

  private Faults(Builder b) {
    this.minLatency = b.minLatency;
    this.maxLatency = b.maxLatency;
    this.serverErrorPercent = b.serverErrorPercent;
    this.serverErrorStatuses = b.serverErrorStatuses.clone();
    this.rateLimitPercent = b.rateLimitPercent;
    this.retryAfter = b.retryAfter;
    this.malformedPercent = b.malformedPercent;
    this.dropPercent = b.dropPercent;
  }

  /**
   * Returns no faults at all, the default.
   *
   * @return the empty plan
   */
  public static Faults none() {
    return NONE;
  }

  /**
   * Returns a builder with no faults set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The fault drawn for one read: a kind (or none), the status of a server error, and the latency. */
  record Draw(Kind kind, int status, Duration retryAfter, Duration latency) {
    enum Kind { NONE, SERVER_ERROR, RATE_LIMITED, MALFORMED, DROP }
  }

  boolean isNone() {
    return this == NONE || (maxLatency.isZero() && serverErrorPercent == 0 && rateLimitPercent == 0
        && malformedPercent == 0 && dropPercent == 0);
  }

  /** Draws the fault of the {@code index}-th read of the job {@code key} under {@code seed}. */
  Draw draw(long seed, String key, long index) {
    if (isNone()) {
      return new Draw(Draw.Kind.NONE, 0, Duration.ZERO, Duration.ZERO);
    }
    SplittableRandom random = new SplittableRandom(Seeds.mix(Seeds.mix(seed) ^ key.hashCode()) ^ Seeds.mix(index));
    double roll = random.nextDouble() * 100;
    int status = serverErrorStatuses[random.nextInt(serverErrorStatuses.length)];
    long spread = maxLatency.toNanos() - minLatency.toNanos();
    Duration latency = minLatency.plusNanos(spread == 0 ? 0 : random.nextLong(spread + 1));
    // one roll, laid against the percentages end to end: [server errors | rate limits | malformed | drops | none]
    double[] edges = {serverErrorPercent, rateLimitPercent, malformedPercent, dropPercent};
    Draw.Kind[] kinds = {Draw.Kind.SERVER_ERROR, Draw.Kind.RATE_LIMITED, Draw.Kind.MALFORMED, Draw.Kind.DROP};
    double edge = 0;
    for (int i = 0; i < edges.length; i++) {
      edge += edges[i];
      if (roll < edge) {
        return new Draw(kinds[i], status, retryAfter, latency);
      }
    }
    return new Draw(Draw.Kind.NONE, status, retryAfter, latency);
  }

  /** Draws only the latency of a content request. */
  Duration latency(long seed, String key, long index) {
    return draw(seed, "content:" + key, index).latency();
  }

  /** Returns the percentages and latency range. */
  @Override
  public String toString() {
    return "Faults[latency=" + minLatency + ".." + maxLatency
        + ", serverErrors=" + serverErrorPercent + "% " + Arrays.toString(serverErrorStatuses)
        + ", rateLimits=" + rateLimitPercent + "% (retry after " + retryAfter + ")"
        + ", malformedBodies=" + malformedPercent + "%"
        + ", droppedConnections=" + dropPercent + "%]";
  }

  /** Builds {@link Faults}; the percentages together may not pass 100. */
  public static final class Builder {
    private Duration minLatency = Duration.ZERO;
    private Duration maxLatency = Duration.ZERO;
    private double serverErrorPercent;
    private int[] serverErrorStatuses = {500, 502, 503};
    private double rateLimitPercent;
    private Duration retryAfter = Duration.ofSeconds(1);
    private double malformedPercent;
    private double dropPercent;

    private Builder() {}

    /**
     * Delays every answer by {@code latency}.
     *
     * @param latency zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code latency} is negative
     */
    public Builder latency(Duration latency) {
      return latency(latency, latency);
    }

    /**
     * Delays every answer by a seeded draw between {@code min} and {@code max}, inclusive.
     *
     * @param min the shortest delay, zero or more
     * @param max the longest delay, at least {@code min}
     * @return this builder
     * @throws IllegalArgumentException if {@code min} is negative or {@code max} is below it
     */
    public Builder latency(Duration min, Duration max) {
      Objects.requireNonNull(min, "min == null");
      Objects.requireNonNull(max, "max == null");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("latency must satisfy 0 <= min <= max but was " + min + ".." + max);
      }
      this.minLatency = min;
      this.maxLatency = max;
      return this;
    }

    /**
     * Answers {@code percent} of reads with HTTP 500, 502 or 503.
     *
     * @param percent 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if {@code percent} is outside 0..100
     */
    public Builder serverErrors(double percent) {
      this.serverErrorPercent = percent(percent, "serverErrors");
      return this;
    }

    /**
     * Answers {@code percent} of reads with one of {@code statuses}, drawn from the seed.
     *
     * @param percent 0 to 100
     * @param statuses one or more statuses from 500 to 599
     * @return this builder
     * @throws IllegalArgumentException if {@code percent} is outside 0..100 or a status is not 5xx
     */
    public Builder serverErrors(double percent, int... statuses) {
      Objects.requireNonNull(statuses, "statuses == null");
      if (statuses.length == 0) {
        throw new IllegalArgumentException("statuses is empty; name at least one, such as 503");
      }
      for (int s : statuses) {
        if (s < 500 || s > 599) {
          throw new IllegalArgumentException("server error status must be 500..599 but was " + s);
        }
      }
      this.serverErrorPercent = percent(percent, "serverErrors");
      this.serverErrorStatuses = statuses.clone();
      return this;
    }

    /**
     * Answers {@code percent} of reads with HTTP 429 asking to retry after {@code retryAfter}.
     *
     * @param percent 0 to 100
     * @param retryAfter the delay to ask for; zero sends no delay header
     * @return this builder
     * @throws IllegalArgumentException if {@code percent} is outside 0..100 or {@code retryAfter} is negative
     */
    public Builder rateLimits(double percent, Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter == null");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative but was " + retryAfter);
      }
      this.rateLimitPercent = percent(percent, "rateLimits");
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Answers {@code percent} of reads with HTTP 200 and a body cut off mid-JSON.
     *
     * @param percent 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if {@code percent} is outside 0..100
     */
    public Builder malformedBodies(double percent) {
      this.malformedPercent = percent(percent, "malformedBodies");
      return this;
    }

    /**
     * Drops the connection without an answer on {@code percent} of reads.
     *
     * @param percent 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if {@code percent} is outside 0..100
     */
    public Builder droppedConnections(double percent) {
      this.dropPercent = percent(percent, "droppedConnections");
      return this;
    }

    /**
     * Returns the faults.
     *
     * @return a new immutable plan
     * @throws IllegalArgumentException if the percentages add up to more than 100
     */
    public Faults build() {
      double total = serverErrorPercent + rateLimitPercent + malformedPercent + dropPercent;
      if (total > 100) {
        throw new IllegalArgumentException("fault percentages add up to " + total + "; at most 100 is possible");
      }
      return new Faults(this);
    }

    private static double percent(double p, String name) {
      if (!(p >= 0 && p <= 100)) {
        throw new IllegalArgumentException(name + " percent must be 0..100 but was " + p);
      }
      return p;
    }
  }
}
