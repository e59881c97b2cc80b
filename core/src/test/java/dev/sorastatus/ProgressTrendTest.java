package dev.sorastatus;

import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.queued;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTrendTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final ProgressTrend trend = new ProgressTrend();

  @Test
  void threeRisingReadsPredictTheRemainingTime() {
    trend.record(T0, processing(ID, 10));
    trend.record(T0.plusSeconds(10), processing(ID, 20));
    assertThat(trend.remaining()).isEmpty();
    trend.record(T0.plusSeconds(20), processing(ID, 30));

    assertThat(trend.remaining()).contains(Duration.ofSeconds(70));
  }

  @Test
  void onlyTheLastThreeReadsCount() {
    trend.record(T0, processing(ID, 10));
    trend.record(T0.plusSeconds(100), processing(ID, 11));
    trend.record(T0.plusSeconds(110), processing(ID, 21));
    trend.record(T0.plusSeconds(120), processing(ID, 31));

    assertThat(trend.remaining()).contains(Duration.ofSeconds(69)); // 20 % in 20 s: 69 % left
  }

  @Test
  void stallStepBackOrOtherStatusStartsOver() {
    trend.record(T0, processing(ID, 10));
    trend.record(T0.plusSeconds(10), processing(ID, 20));
    trend.record(T0.plusSeconds(20), processing(ID, 20));
    trend.record(T0.plusSeconds(30), processing(ID, 30));
    assertThat(trend.remaining()).isEmpty();

    trend.record(T0.plusSeconds(40), queued(ID));
    trend.record(T0.plusSeconds(50), processing(ID, 40));
    trend.record(T0.plusSeconds(60), processing(ID, 35));
    assertThat(trend.remaining()).isEmpty();
  }
}
