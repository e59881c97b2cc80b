package dev.sorastatus;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the delays a server asks for: {@code retry-after-ms}, {@code Retry-After} (seconds or an HTTP date,
 * measured against the injected clock) and {@code openai-poll-after-ms}. Zero, negative, non-finite,
 * unparseable and duplicated values are ignored, never trusted.
 */
final class ServerDelays {
  private ServerDelays() {}

  /** Returns the delay of {@code retry-after-ms}, else of {@code Retry-After}. */
  static Optional<Duration> retryAfter(TransportResponse response, Clock clock) {
    Optional<Duration> millis = single(response.headerValues("retry-after-ms")).flatMap(ServerDelays::millis);
    if (millis.isPresent()) {
      return millis;
    }
    return single(response.headerValues("retry-after")).flatMap(v -> retryAfterValue(v, clock));
  }

  /** Returns the delay of {@code openai-poll-after-ms}. */
  static Optional<Duration> pollAfter(TransportResponse response) {
    return single(response.headerValues("openai-poll-after-ms")).flatMap(ServerDelays::millis);
  }

  static Optional<Duration> retryAfterValue(String value, Clock clock) {
    String v = value.trim();
    Optional<BigDecimal> seconds = positiveNumber(v);
    if (seconds.isPresent()) {
      return toDuration(seconds.get().movePointRight(9));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> millis(String value) {
    return positiveNumber(value.trim()).flatMap(ms -> toDuration(ms.movePointRight(6)));
  }

  private static Optional<Duration> toDuration(BigDecimal nanos) {
    // Anything beyond a day is as good as "never"; capping keeps the arithmetic finite.
    BigDecimal day = BigDecimal.valueOf(Duration.ofDays(1).toNanos());
    long n = nanos.min(day).longValue();
    return n > 0 ? Optional.of(Duration.ofNanos(n)) : Optional.empty(); // under 1 ns is no delay, not zero
  }


  private static Optional<BigDecimal> positiveNumber(String v) {
    if (v.isEmpty() || v.length() > 40) {
      return Optional.empty();
    }
    try {
      BigDecimal d = new BigDecimal(v);
      return d.signum() > 0 ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> single(List<String> values) {
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }
}
