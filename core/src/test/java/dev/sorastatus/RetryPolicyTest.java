package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsMatchTheDocumentedPolicy() {
    RetryPolicy p = RetryPolicy.defaults();

    assertThat(p.maxRetries()).isEqualTo(2);
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.jitter()).isEqualTo(0.25);
    assertThat(p.maxServerDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.deadline()).contains(Duration.ofMinutes(2));
    assertThat(SoraConfig.builder().baseUrl("https://a.example.com").apiKey("k").build().retryPolicy()).isEqualTo(p);
  }

  @Test
  void noneMakesOneAttemptWithoutADeadlineOfItsOwn() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.none().deadline()).isEmpty();
  }

  @Test
  void retryableStatusesAreExactlyTheTransientOnes() {
    RetryPolicy p = RetryPolicy.defaults();
    for (int status = 100; status < 600; status++) {
      boolean expected = status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
      assertThat(p.retriesStatus(status)).as("status %d", status).isEqualTo(expected);
    }
  }

  @Test
  void exactBackoffDoublesFromTheInitialDelayToTheCap() {
    RetryPolicy p = RetryPolicy.builder().jitter(0).initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(700)).build();

    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(700));
    assertThat(p.backoff(101)).isEqualTo(Duration.ofMillis(700));
    assertThatThrownBy(() -> p.backoff(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badSettingsAreRejectedWithTheirName() {
    RetryPolicy.Builder b = RetryPolicy.builder();
    assertThatThrownBy(() -> b.maxRetries(-1)).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> b.maxRetries(101)).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> b.jitter(1.5)).hasMessageContaining("jitter");
    assertThatThrownBy(() -> b.jitter(Double.NaN)).hasMessageContaining("jitter");
    assertThatThrownBy(() -> b.deadline(Duration.ZERO)).hasMessageContaining("deadline");
    assertThatThrownBy(() -> b.deadline(null)).isInstanceOf(NullPointerException.class).hasMessage("deadline == null");
    assertThatThrownBy(() -> b.maxServerDelay(Duration.ofSeconds(-1))).hasMessageContaining("maxServerDelay");
    assertThatThrownBy(() -> b.initialBackoff(Duration.ofSeconds(9)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxBackoff");
  }

  @Test
  void equalPoliciesAreEqualAndPrintTheirSettings() {
    RetryPolicy a = RetryPolicy.builder().maxRetries(4).jitter(0).build();
    RetryPolicy b = a.toBuilder().build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(RetryPolicy.defaults());
    assertThat(a.toString()).contains("maxRetries=4").contains("jitter=0.0").contains("deadline=PT2M");
    assertThat(RetryPolicy.none().toString()).contains("deadline=none");
  }
}
