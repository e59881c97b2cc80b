package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ExchangeDeadlinesTest {

  @Test
  void aDeadlineThatPassesRunsItsCallbackOnceAndSaysSo() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    ExchangeDeadlines.Deadline d = ExchangeDeadlines.shared().arm(Duration.ofMillis(1), () -> {
      runs.incrementAndGet();
      ran.countDown();
    });

    assertThat(ran.await(5, TimeUnit.SECONDS)).as("callback ran").isTrue();
    assertThat(d.expired()).isTrue();
    assertThat(d.disarm()).as("disarm after expiry reports it").isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aDisarmedDeadlineNeverExpires() {
    AtomicInteger runs = new AtomicInteger();
    ExchangeDeadlines.Deadline d = ExchangeDeadlines.shared().arm(Duration.ofMinutes(10), runs::incrementAndGet);

    assertThat(d.disarm()).isFalse();
    assertThat(d.expired()).isFalse();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aFailingCallbackDoesNotStopTheOthers() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    ExchangeDeadlines.shared().arm(Duration.ofMillis(1), () -> {
      throw new IllegalStateException("boom");
    });
    ExchangeDeadlines.shared().arm(Duration.ofMillis(1), ran::countDown);

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> ExchangeDeadlines.shared().arm(null, () -> { }))
        .isInstanceOf(NullPointerException.class).hasMessage("timeout == null");
    assertThatThrownBy(() -> ExchangeDeadlines.shared().arm(Duration.ZERO, null))
        .isInstanceOf(NullPointerException.class).hasMessage("onExpiry == null");
  }
}
