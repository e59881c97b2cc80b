package dev.sorastatus.cli;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.testkit.VirtualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** Runs the command in-process with captured output, a given environment and given time. */
final class CliHarness {
  final Map<String, String> env = new HashMap<>();
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  boolean terminal;
  Clock clock = Clock.systemUTC();
  /** The system's scheduler for tasks; a blocking retry's wait is recorded instead of slept. */
  TaskScheduler scheduler = new TaskScheduler() {
    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
      return TaskScheduler.system().schedule(delay, task);
    }

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
    }
  };
  RetryPolicy retryPolicy = RetryPolicy.defaults();
  Path workingDirectory = Path.of("").toAbsolutePath();
  /** A tracker reads on the thread that runs virtual time, so that time stands still during a read. */
  Executor trackerExecutor = Runnable::run;

  int run(String... args) {
    CliContext context = new CliContext(env::get, new PrintWriter(out, true), new PrintWriter(err, true), terminal,
        clock, scheduler, retryPolicy, workingDirectory, Optional.of(trackerExecutor));
    return SoraStatusCommand.run(context, args);
  }

  /**
   * Runs the command on {@code time} with the testkit's driver: time moves to the next due task only while
   * the command is parked and no request, download or answer of a fake on that time is under way, so it never
   * passes a task the command is still on its way to schedule.
   */
  int runIn(VirtualTime time, String... args) {
    clock = time;
    scheduler = time;
    try {
      return time.runBlocking(() -> run(args));
    } catch (AssertionError notDone) {
      throw new AssertionError(notDone.getMessage() + "; output so far:\n" + out + err, notDone);
    }
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
