package dev.sorastatus.cli;

import dev.sorastatus.PollListener;
import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.io.PrintWriter;
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
  private static final String HIDE_CURSOR = "\u001b[?25l";
  private static final String SHOW_CURSOR = "\u001b[?25h";
  private static final String CLEAR_LINE = "\r\u001b[2K";
  private static final int BAR = 24;

  private final PrintWriter out;
  private final boolean terminal;
  private final Clock clock;
  private final Instant start;
  private boolean drawn;
  private boolean cursorHidden;

  ProgressView(PrintWriter out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
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
    if (terminal) {
      out.print(CLEAR_LINE + message);
      drawn = true;
    } else {
      out.println(timestamp() + " " + message);
    }
    out.flush();
  }

  @Override
  public synchronized void finished(VideoId id, Outcome outcome, Optional<Video> lastSeen) {
    end();
  }

  /** Ends the redrawn line and shows the cursor again; safe to call more than once, and from a shutdown hook. */
  synchronized void end() {
    if (drawn) {
      out.println();
      drawn = false;
    }
    if (cursorHidden) {
      out.print(SHOW_CURSOR);
      cursorHidden = false;
    }
    out.flush();
  }

  private void show(Video video) {
    Duration elapsed = Duration.between(start, clock.instant());
    String status = video.status().name().toLowerCase(Locale.ROOT);
    int p = video.progress();
    String eta = eta(elapsed, p).map(d -> ", about " + Durations.format(d) + " left").orElse("");
    if (terminal) {
      if (!cursorHidden) {
        out.print(HIDE_CURSOR);
        cursorHidden = true;
      }
      int filled = p * BAR / 100;
      out.print(CLEAR_LINE + String.format(Locale.ROOT, "%-10s [%s%s] %3d%%  %s elapsed%s", status,
          "#".repeat(filled), "-".repeat(BAR - filled), p, Durations.format(elapsed), eta));
      drawn = true;
    } else {
      out.println(String.format(Locale.ROOT, "%s %s %d%% (%s elapsed%s)", timestamp(), status, p,
          Durations.format(elapsed), eta));
    }
    out.flush();
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
