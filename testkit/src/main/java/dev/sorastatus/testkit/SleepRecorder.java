package dev.sorastatus.testkit;

import dev.sorastatus.TaskScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The system scheduler for tasks, with a blocking sleep that records its delay and returns at once: how a
 * contract sees a blocking call's waits between retries without waiting them out.
 */
final class SleepRecorder implements TaskScheduler {
  private final List<Duration> slept;

  SleepRecorder(List<Duration> slept) {
    this.slept = Objects.requireNonNull(slept, "slept == null");
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    return TaskScheduler.system().schedule(delay, task);
  }

  @Override
  public void sleep(Duration duration) {
    slept.add(Objects.requireNonNull(duration, "duration == null"));
  }
}
