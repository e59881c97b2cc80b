package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollOptionsTest {

  @Test
  void defaultsFollowTheApiGuidance() {
    PollOptions o = PollOptions.defaults();

    assertThat(o.initialDelay()).isZero();
    assertThat(o.initialInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.multiplier()).isEqualTo(1.5);
    assertThat(o.maxInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.jitter()).isEqualTo(0.1);
    assertThat(o.minHint()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.maxHint()).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(o.maxConsecutiveRetries()).isEqualTo(5);
    assertThat(o.adaptToProgress()).isFalse();
    assertThat(o.expiredIsError()).isFalse();
    assertThat(o.listeners()).isEmpty();
  }

  @Test
  void toBuilderKeepsEverySettingAndListener() {
    PollListener listener = new PollListener() {};
    PollOptions o = PollOptions.builder()
        .initialDelay(Duration.ofSeconds(3))
        .initialInterval(Duration.ofSeconds(5))
        .multiplier(2)
        .maxInterval(Duration.ofSeconds(40))
        .jitter(0.25)
        .hintBounds(Duration.ofMillis(500), Duration.ofSeconds(90))
        .timeout(Duration.ofMinutes(20))
        .maxConsecutiveRetries(9)
        .adaptToProgress(true)
        .expiredIsError(true)
        .listener(listener)
        .build();

    PollOptions copy = o.toBuilder().build();

    assertThat(copy).usingRecursiveComparison().isEqualTo(o);
    assertThat(copy.listeners()).containsExactly(listener);
    assertThat(copy.toString()).isEqualTo(o.toString()).contains("timeout=PT20M", "listeners=1");
  }

  @Test
  void listenersAreKeptInTheOrderAdded() {
    PollListener first = new PollListener() {};
    PollListener second = new PollListener() {};

    PollOptions o = PollOptions.builder().listener(first).onProgress(v -> {}).listener(second).build();

    assertThat(o.listeners()).hasSize(3).startsWith(first).endsWith(second);
    assertThatThrownBy(() -> o.listeners().add(first)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invalidSettingsAreRefusedWhenSet() {
    PollOptions.Builder b = PollOptions.builder();

    assertThatThrownBy(() -> b.initialDelay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.initialInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialInterval must be positive but was PT0S");
    assertThatThrownBy(() -> b.maxInterval(Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.multiplier(0.9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.multiplier(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.multiplier(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.jitter(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.jitter(1.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.jitter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.hintBounds(Duration.ofSeconds(5), Duration.ofSeconds(4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("min hint PT5S is longer than max hint PT4S");
    assertThatThrownBy(() -> b.hintBounds(Duration.ZERO, Duration.ofSeconds(4)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxConsecutiveRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeout(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout == null");
    assertThatThrownBy(() -> b.listener(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("listener == null");
    assertThatThrownBy(() -> b.onProgress(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void maxIntervalShorterThanInitialIsRefusedWhenBuilt() {
    PollOptions.Builder b = PollOptions.builder().maxInterval(Duration.ofSeconds(5));

    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxInterval PT5S is shorter than initialInterval PT10S");
  }
}
