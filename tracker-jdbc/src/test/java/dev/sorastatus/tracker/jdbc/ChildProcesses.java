package dev.sorastatus.tracker.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Starts {@link TrackerChild} JVMs on this test's class path and reads what they wrote. */
final class ChildProcesses {
  private ChildProcesses() {}

  /** Starts a child whose output goes to {@code <dir>/<name>.log}. */
  static Process start(Path dir, String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TrackerChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  /** Kills {@code process} with SIGKILL and waits for it to be gone. */
  static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits in real time, checking every 20 ms, until {@code done} holds; fails after {@code seconds}. */
  static void awaitReal(BooleanSupplier done, int seconds, String what) {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - giveUp > 0) {
        throw new AssertionError(what + " did not happen within " + seconds + " s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  /** Returns the non-blank lines of {@code file}, none if it does not exist yet. */
  static List<String> lines(Path file) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Returns a child's log, for a failure message. */
  static String log(Path dir, String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Returns the jobs whose outcome is leased to {@code worker} and not handled: those it had in flight. */
  static java.util.Set<String> deliveriesHeldBy(javax.sql.DataSource db, String worker) throws java.sql.SQLException {
    java.util.Set<String> held = new java.util.HashSet<>();
    try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement p = c.prepareStatement(
        "SELECT delivery_id FROM sora_tracker_job WHERE lease_owner = ? AND delivery_id IS NOT NULL "
            + "AND handled = FALSE")) {
      p.setString(1, worker);
      try (java.sql.ResultSet r = p.executeQuery()) {
        while (r.next()) {
          held.add(r.getString(1));
        }
      }
    }
    return held;
  }
}
