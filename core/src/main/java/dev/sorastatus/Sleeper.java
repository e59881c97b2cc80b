package dev.sorastatus;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Blocks the calling thread for a while: how blocking calls wait between retries, injectable so that tests
 * record the delays instead of sleeping them.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Blocks for {@code duration}.
   *
   * @param duration how long; zero or negative returns at once
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns the sleeper that really sleeps.
   *
   * @return {@link Thread#sleep}-based sleeper
   */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        TimeUnit.NANOSECONDS.sleep(d.toNanos());
      }
    };
  }
}
