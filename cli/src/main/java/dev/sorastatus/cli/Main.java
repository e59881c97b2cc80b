package dev.sorastatus.cli;

/**
 * Starts the {@code sora-status} command with the real environment, terminal and clock, and exits with its
 * exit code: 0 completed, 2 the job failed, 3 timed out, 4 not found, 5 expired, 1 any other error.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command.
   *
   * @param args the command line, such as {@code wait video_123 --timeout 30m}
   */
  public static void main(String[] args) {
    System.exit(SoraStatusCommand.run(CliContext.system(), args));
  }
}
