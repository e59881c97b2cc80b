package dev.sorastatus.cli;

import dev.sorastatus.DownloadProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Shows a download's bytes as they arrive: on a terminal a bar redrawn at most ten times a second (bytes,
 * percent, speed); elsewhere a plain line at every tenth of the file, or every 8 MiB when the size is unknown.
 */
final class DownloadView implements DownloadProgressListener {
  private static final int BAR = 24;
  private static final long UNKNOWN_SIZE_STEP = 8L << 20;
  private static final Duration REDRAW = Duration.ofMillis(100);

  private final TerminalLine line;
  private final Clock clock;
  private final String name;
  private final Instant start;
  private Instant lastDrawn = Instant.MIN;
  private long lastStep = -1;

  DownloadView(TerminalLine line, Clock clock, String name) {
    this.line = line;
    this.clock = clock;
    this.name = name;
    this.start = clock.instant();
  }

  @Override
  public synchronized void onProgress(long bytes, OptionalLong total) {
    boolean done = total.isPresent() && bytes >= total.getAsLong();
    if (line.isTerminal()) {
      Instant now = clock.instant();
      if (!done && now.isBefore(lastDrawn.plus(REDRAW))) {
        return;
      }
      lastDrawn = now;
    } else {
      long step = total.isPresent() && total.getAsLong() > 0 ? bytes * 10 / total.getAsLong() : bytes / UNKNOWN_SIZE_STEP;
      if (step == lastStep) {
        return;
      }
      lastStep = step;
    }
    String amount = total.isPresent() ? size(bytes) + " / " + size(total.getAsLong()) : size(bytes);
    String speed = speed(bytes);
    if (total.isPresent() && total.getAsLong() > 0) {
      int percent = (int) Math.min(100, bytes * 100 / total.getAsLong());
      line.show(String.format(Locale.ROOT, "%s %s %3d%%  %s%s", name, TerminalLine.bar(percent, BAR), percent,
          amount, speed), String.format(Locale.ROOT, "%s %d%% (%s%s)", name, percent, amount, speed));
    } else {
      line.show(name + " " + amount + speed, name + " " + amount + speed);
    }
  }

  private String speed(long bytes) {
    long millis = Duration.between(start, clock.instant()).toMillis();
    return millis <= 0 ? "" : "  " + size(bytes * 1000 / millis) + "/s";
  }

  /** Formats a byte count for people: {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
