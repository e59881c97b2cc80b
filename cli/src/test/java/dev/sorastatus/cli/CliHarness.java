package dev.sorastatus.cli;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.testkit.VirtualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Runs the command in-process with captured output, a given environment and given time. */
final class CliHarness {
  /** Further off than any poll interval or server hint: such a task is a wait's deadline. */
  private static final Duration POLL_HORIZON = Duration.ofMinutes(2);

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
   * Runs the command on a thread of its own on {@code time}, jumping from one scheduled poll to the next; while
   * only a deadline is scheduled a request is on its way over loopback, so it waits a moment for the reply.
   */
  int runIn(VirtualTime time, String... args) {
    clock = time;
    scheduler = time;
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread command = new Thread(() -> {
      try {
        code.complete(run(args));
      } catch (Throwable e) {
        code.completeExceptionally(e);
      }
    }, "sora-status-under-test");
    command.setDaemon(true);
    command.start();
    for (int i = 0; i < 20_000 && !code.isDone(); i++) {
      Optional<Instant> next = time.nextDue();
      if (next.isPresent() && !next.get().isAfter(time.instant().plus(POLL_HORIZON))) {
        time.advanceTo(next.get());
      } else {
        code.handle((c, e) -> c).completeOnTimeout(null, 2, TimeUnit.MILLISECONDS).join();
      }
    }
    if (!code.isDone()) {
      throw new AssertionError("the command did not finish; output so far:\n" + out + err);
    }
    return code.join();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
