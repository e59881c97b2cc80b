package dev.sorastatus.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations as people type them ({@code 30m}, {@code 10s}, {@code 1h30m}, {@code 500ms}) or ISO-8601. */
final class Durations implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("pt") || v.startsWith("p")) {
      try {
        return positive(Duration.parse(v.toUpperCase(Locale.ROOT)), value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 10m or 1h30m");
      }
    }
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "h": total = total.plusHours(n); break;
        case "m": total = total.plusMinutes(n); break;
        case "s": total = total.plusSeconds(n); break;
        default: total = total.plusMillis(n); break;
      }
      end = m.end();
    }
    if (end == 0 || end != v.length()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 10m or 1h30m");
    }
    return positive(total, value);
  }

  private static Duration positive(Duration d, String value) {
    if (d.isZero() || d.isNegative()) {
      throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero");
    }
    return d;
  }

  static String format(Duration d) {
    if (!d.isNegative() && d.compareTo(Duration.ofSeconds(1)) < 0 && !d.isZero()) {
      return d.toMillis() + "ms";
    }
    long s = Math.max(0, d.getSeconds());
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
