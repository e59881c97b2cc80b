package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;

/**
 * A scheduler whose tasks go to another scheduler and whose blocking sleep is the test's own: it records the
 * delay, moves a clock or throws, and never really waits.
 */
final class TestSleeps implements TaskScheduler {
  /** What a blocking sleep does instead of sleeping. */
  @FunctionalInterface
  interface Sleep {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final TaskScheduler tasks;
  private final Sleep sleep;

  private TestSleeps(TaskScheduler tasks, Sleep sleep) {
    this.tasks = Objects.requireNonNull(tasks, "tasks == null");
    this.sleep = Objects.requireNonNull(sleep, "sleep == null");
  }

  /** Returns a scheduler that runs tasks on {@code tasks} and sleeps with {@code sleep}. */
  static TaskScheduler over(TaskScheduler tasks, Sleep sleep) {
    return new TestSleeps(tasks, sleep);
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    return tasks.schedule(delay, task);
  }

  @Override
  public Runnable beginWork() {
    return tasks.beginWork();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    sleep.sleep(duration);
  }
}
