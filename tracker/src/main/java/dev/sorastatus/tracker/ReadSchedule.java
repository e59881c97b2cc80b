package dev.sorastatus.tracker;

import dev.sorastatus.PollOptions;
import dev.sorastatus.Video;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a tracked job is read next, from the poll options and the job's counts alone, so that
 * a job resumed in another process keeps its backoff instead of starting over.
 */
final class ReadSchedule {
  private final PollOptions options;

  ReadSchedule(PollOptions options) {
    this.options = options;
  }

  /** Returns when a job tracked at {@code trackedAt} times out. */
  Instant deadline(Instant trackedAt) {
    return saturatedPlus(trackedAt, options.timeout());
  }

  /** Returns when to read again after read number {@code reads} showed {@code video} unfinished. */
  Instant afterRead(int reads, Video video, Instant now, Instant deadline) {
    Duration interval = video.pollAfter().map(this::clampHint).orElseGet(() -> grown(options.initialInterval(),
        options.multiplier(), reads - 1));
    return earlier(saturatedPlus(now, interval), deadline);
  }

  /** Returns when to read again after failure number {@code failures} in a row, or after the server's delay. */
  Instant afterFailure(int failures, Duration serverDelay, Instant now, Instant deadline) {
    Duration backoff = serverDelay != null ? serverDelay : grown(options.initialInterval(), 2.0, failures - 1);
    return earlier(saturatedPlus(now, backoff), deadline);
  }

  private Duration grown(Duration first, double multiplier, int steps) {
    double nanos = first.toNanos() * Math.pow(multiplier, Math.max(0, steps));
    long cap = options.maxInterval().toNanos();
    return Duration.ofNanos(nanos >= cap ? cap : (long) nanos);
  }

  private Duration clampHint(Duration hint) {
    return hint.compareTo(options.minHint()) < 0 ? options.minHint()
        : hint.compareTo(options.maxHint()) > 0 ? options.maxHint() : hint;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static Instant saturatedPlus(Instant at, Duration d) {
    try {
      return at.plus(d);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }
}
