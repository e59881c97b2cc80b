package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant FAR = Instant.parse("2027-01-01T00:00:00Z");

  @Test
  void requestsAreSpacedByTheInverseOfTheRate() {
    RequestBudget budget = new RequestBudget(4);

    assertThat(budget.reserve(T0, FAR)).contains(T0);
    assertThat(budget.reserve(T0, FAR)).contains(T0.plusMillis(250));
    assertThat(budget.reserve(T0.plusMillis(100), FAR)).contains(T0.plusMillis(500));
    assertThat(budget.reserve(T0.plusSeconds(10), FAR)).contains(T0.plusSeconds(10));
  }

  @Test
  void slotAtOrAfterTheLimitIsRefusedAndNotReserved() {
    RequestBudget budget = new RequestBudget(1);
    budget.reserve(T0, FAR);

    assertThat(budget.reserve(T0, T0.plusSeconds(1))).isEmpty();
    assertThat(budget.reserve(T0, FAR)).contains(T0.plusSeconds(1));
  }

  @Test
  void spacingIsRoundedUpSoTheRateIsNeverExceeded() {
    assertThat(new RequestBudget(3).spacingNanos()).isEqualTo(333_333_334L);
    assertThat(new RequestBudget(Double.POSITIVE_INFINITY).spacingNanos()).isZero();
  }

  @Test
  void infiniteRateNeverDelays() {
    RequestBudget budget = new RequestBudget(Double.POSITIVE_INFINITY);

    assertThat(budget.reserve(T0, FAR)).contains(T0);
    assertThat(budget.reserve(T0, FAR)).contains(T0);
  }
}
