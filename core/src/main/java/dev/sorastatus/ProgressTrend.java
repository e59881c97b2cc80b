package dev.sorastatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Predicts when a job will finish from its last three reads, when progress rose on each of them; a stall,
 * a step backwards or a status other than {@code processing} starts the trend over. Not thread-safe: used
 * under its loop's lock.
 */
final class ProgressTrend {
  private static final int SAMPLES = 3;

  private final ArrayDeque<Instant> times = new ArrayDeque<>(SAMPLES);
  private final ArrayDeque<Integer> progress = new ArrayDeque<>(SAMPLES);

  void record(Instant at, Video video) {
    if (video.status() != VideoStatus.PROCESSING) {
      times.clear();
      progress.clear();
      return;
    }
    if (!progress.isEmpty() && (video.progress() <= progress.peekLast() || !at.isAfter(times.peekLast()))) {
      times.clear();
      progress.clear();
    }
    if (times.size() == SAMPLES) {
      times.removeFirst();
      progress.removeFirst();
    }
    times.addLast(at);
    progress.addLast(video.progress());
  }

  /** Returns the time left until progress reaches 100 at the rate seen over the last three reads. */
  Optional<Duration> remaining() {
    if (times.size() < SAMPLES) {
      return Optional.empty();
    }
    long nanos = Duration.between(times.peekFirst(), times.peekLast()).toNanos();
    int risen = progress.peekLast() - progress.peekFirst();
    int left = 100 - progress.peekLast();
    // nanos * left / risen, in double: progress is at most 100 and the elapsed time far below 10^15 ns.
    return Optional.of(Duration.ofNanos(Math.round((double) nanos * left / risen)));
  }
}
