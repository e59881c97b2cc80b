package dev.sorastatus.cli;

import dev.sorastatus.TaskScheduler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the command in-process with captured output, a given environment and given time. */
final class CliHarness {
  final Map<String, String> env = new HashMap<>();
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  boolean terminal;
  Clock clock = Clock.systemUTC();
  TaskScheduler scheduler = TaskScheduler.system();

  int run(String... args) {
    CliContext context = new CliContext(env::get, new PrintWriter(out, true), new PrintWriter(err, true), terminal,
        clock, scheduler);
    return SoraStatusCommand.run(context, args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
