package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationsTest {
  @Test
  void durationsAreReadAsPeopleWriteThem() throws Exception {
    Durations durations = new Durations();
    assertThat(durations.convert("100ms")).isEqualTo(Duration.ofMillis(100));
    assertThat(durations.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(() -> durations.convert("0s")).isInstanceOf(CommandLine.TypeConversionException.class);
  }

  @Test
  void durationsArePrintedShortestFirst() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("1m01s");
    assertThat(Durations.format(Duration.ofSeconds(3723))).isEqualTo("1h02m03s");
  }
}
