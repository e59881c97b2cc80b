package dev.sorastatus.cli;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.TaskScheduler;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the command reads from and writes to: the environment, the output streams, whether the output is a
 * terminal, time (the clock, and the scheduler that also sleeps), the retry policy, the working directory
 * (where the default job store lives) and where a tracker reads (its own threads unless given). Tests pass
 * their own, so that commands run in-process against the fake.
 */
final class CliContext {
  final Function<String, String> env;
  final PrintWriter out;
  final PrintWriter err;
  final boolean terminal;
  final Clock clock;
  final TaskScheduler scheduler;
  final RetryPolicy retryPolicy;
  final Path workingDirectory;
  final Optional<Executor> trackerExecutor;

  CliContext(Function<String, String> env, PrintWriter out, PrintWriter err, boolean terminal, Clock clock,
      TaskScheduler scheduler, RetryPolicy retryPolicy, Path workingDirectory,
      Optional<Executor> trackerExecutor) {
    this.env = Objects.requireNonNull(env, "env == null");
    this.out = Objects.requireNonNull(out, "out == null");
    this.err = Objects.requireNonNull(err, "err == null");
    this.terminal = terminal;
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory == null");
    this.trackerExecutor = Objects.requireNonNull(trackerExecutor, "trackerExecutor == null");
  }

  /** Returns {@code config} set to this context's time and retry policy, so every command judges time alike. */
  SoraConfig.Builder apply(SoraConfig.Builder config) {
    return config.clock(clock).scheduler(scheduler).retryPolicy(retryPolicy);
  }

  static CliContext system() {
    Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
    String term = System.getenv("TERM");
    boolean terminal = System.console() != null && term != null && !term.equals("dumb");
    return new CliContext(System::getenv,
        new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true),
        new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true),
        terminal, Clock.systemUTC(), TaskScheduler.system(), RetryPolicy.defaults(),
        Path.of("").toAbsolutePath(), Optional.empty());
  }
}
