package dev.sorastatus.cli;

import dev.sorastatus.PollListener;
import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.WaitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Shows a wait as it goes: on a terminal one line redrawn in place (status, bar, percent, elapsed, time
 * left); elsewhere (CI logs, pipes) a plain line for each change, with no control characters at all.
 */
final class ProgressView implements PollListener {
  private static final int BAR = 24;

  private final TerminalLine line;
  private final Clock clock;
  private final Instant start;
  private String lastShown = "";

  ProgressView(TerminalLine line, Clock clock) {
    this.line = line;
    this.clock = clock;
    this.start = clock.instant();
  }

  @Override
  public synchronized void statusChanged(Video video) {
    show(video);
  }

  @Override
  public synchronized void progressChanged(Video video) {
    show(video);
  }

  @Override
  public synchronized void retryScheduled(VideoId id, SoraException cause, Duration delay, int retriesInARow) {
    String message = "retrying in " + Durations.format(delay) + " after: " + firstLine(cause.getMessage());
    line.show(message, timestamp() + " " + message);
  }

  @Override
  public synchronized void finished(VideoId id, WaitOutcome.Kind outcome, Optional<Video> lastSeen) {
    line.end();
  }

  private void show(Video video) {
    Duration elapsed = Duration.between(start, clock.instant());
    String status = video.status().name().toLowerCase(Locale.ROOT);
    int p = video.progress();
    if (lastShown.equals(status + p)) {
      return; // a change of status and of progress in one read is told twice: show it once
    }
    lastShown = status + p;
    String eta = eta(elapsed, p).map(d -> ", about " + Durations.format(d) + " left").orElse("");
    line.show(String.format(Locale.ROOT, "%-10s %s %3d%%  %s elapsed%s", status, TerminalLine.bar(p, BAR), p,
            Durations.format(elapsed), eta),
        String.format(Locale.ROOT, "%s %s %d%% (%s elapsed%s)", timestamp(), status, p,
            Durations.format(elapsed), eta));
  }

  /** Predicts the time left from the average rate so far; nothing until there is progress to go by. */
  static Optional<Duration> eta(Duration elapsed, int progress) {
    if (progress <= 0 || progress >= 100 || elapsed.isZero()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(elapsed.toMillis() * (100 - progress) / progress));
  }

  private String timestamp() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
