package dev.sorastatus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WaitAtScaleTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aThousandConcurrentWaitsStartAtMostFourThreads() {
    WaitAtScale.Result r = WaitAtScale.run(1_000);

    assertThat(r.requests()).as("queued, processing, completed: three reads per job").isEqualTo(3_000);
    assertThat(r.threadsStarted()).as("threads started while the waits ran").isLessThanOrEqualTo(4);
    assertThat(r.extraThreadsAtPeak()).as("live threads above those before, at the peak").isLessThanOrEqualTo(4);
  }
}
