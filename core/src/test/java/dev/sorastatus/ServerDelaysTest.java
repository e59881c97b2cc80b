package dev.sorastatus;

import static dev.sorastatus.ResponseMappingTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerDelaysTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-21T07:27:30Z"), ZoneOffset.UTC);

  @ParameterizedTest(name = "Retry-After {0} -> {1} ms")
  @CsvSource(delimiter = '|', value = {
      "1|1000",
      "120|120000",
      "0.25|250",
      "' 7 '|7000",
      "1e2|100000",
      "86400|86400000",
      "86401|86400000",
      "Tue, 21 Oct 2025 07:27:31 GMT|1000",
      "Tue, 21 Oct 2025 07:30:00 GMT|150000",
      "Wed, 22 Oct 2025 07:27:30 GMT|86400000",
  })
  void retryAfterValueIsSecondsOrAnHttpDateMeasuredAgainstTheClock(String value, long millis) {
    assertThat(ServerDelays.retryAfterValue(value, CLOCK)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "0", "0.0", "-1", "-0.5", "soon", "NaN", "Infinity", "-Infinity", "0x1F", "5s", "1,5",
      "Tue, 21 Oct 2025 07:27:30 GMT", "Tue, 21 Oct 2025 07:27:29 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
      "2025-10-21T07:28:00Z", "Tue, 21 Oct 2025 07:28:00",
      "12345678901234567890123456789012345678901"})
  void retryAfterValueThatIsNotAFutureDelayIsIgnored(String value) {
    assertThat(ServerDelays.retryAfterValue(value, CLOCK)).isEmpty();
  }

  @Test
  void retryAfterDateIsJudgedByTheGivenClockNotTheSystemClock() {
    Clock later = Clock.offset(CLOCK, Duration.ofSeconds(20));

    assertThat(ServerDelays.retryAfterValue("Tue, 21 Oct 2025 07:28:00 GMT", CLOCK)).contains(Duration.ofSeconds(30));
    assertThat(ServerDelays.retryAfterValue("Tue, 21 Oct 2025 07:28:00 GMT", later)).contains(Duration.ofSeconds(10));
  }

  @Test
  void retryAfterMsIsPreferredOverRetryAfter() {
    assertThat(ServerDelays.retryAfter(response(429, "", "Retry-After", "30", "Retry-After-Ms", "20"), CLOCK))
        .contains(Duration.ofMillis(20));
  }

  @Test
  void retryAfterIsUsedWhenRetryAfterMsIsUnusable() {
    assertThat(ServerDelays.retryAfter(response(429, "", "retry-after-ms", "-1", "retry-after", "30"), CLOCK))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void duplicatedHeadersAreNotTrusted() {
    assertThat(ServerDelays.retryAfter(response(429, "", "Retry-After", "1", "Retry-After", "3600"), CLOCK)).isEmpty();
    assertThat(ServerDelays.pollAfter(response(200, "", "openai-poll-after-ms", "1", "openai-poll-after-ms", "2")))
        .isEmpty();
  }

  @Test
  void noHeadersMeanNoDelay() {
    assertThat(ServerDelays.retryAfter(response(429, ""), CLOCK)).isEmpty();
    assertThat(ServerDelays.pollAfter(response(200, ""))).isEmpty();
  }

  @ParameterizedTest(name = "openai-poll-after-ms {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "2000|PT2S",
      "1|PT0.001S",
      "0.5|PT0.0005S",
      "' 750 '|PT0.75S",
      "100000000000|PT24H",
  })
  void pollAfterIsMilliseconds(String value, Duration expected) {
    assertThat(ServerDelays.pollAfter(response(200, "", "openai-poll-after-ms", value))).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "", "NaN", "Tue, 21 Oct 2025 07:28:00 GMT"})
  void pollAfterThatIsNotAPositiveNumberIsIgnored(String value) {
    assertThat(ServerDelays.pollAfter(response(200, "", "openai-poll-after-ms", value))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0000001", "1e-9"})
  void delaysTooSmallToMeasureAreIgnored(String value) {
    assertThat(ServerDelays.pollAfter(response(200, "", "openai-poll-after-ms", value))).isEmpty();
    assertThat(ServerDelays.retryAfter(response(429, "", "retry-after-ms", value), CLOCK)).isEmpty();
    assertThat(ServerDelays.retryAfterValue("1e-10", CLOCK)).isEmpty();
  }

  @Test
  void everyDelayReadIsPositive() {
    for (String v : new String[] {"1", "0.001", "0.000001", "5", "86400"}) {
      Optional<Duration> d = ServerDelays.pollAfter(response(200, "", "openai-poll-after-ms", v));
      assertThat(d).isPresent();
      assertThat(d.get()).isPositive();
    }
  }
}
