package dev.sorastatus.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waits for one piece of work in the foreground, so that Ctrl-C (or any other JVM shutdown) cancels it, which
 * stops polling or abandons a download and removes its partial file, and restores the terminal before exit.
 */
final class Foreground {
  private Foreground() {}

  /**
   * Returns the result of {@code work}, restoring the terminal with {@code restore} whatever happens.
   *
   * @throws Exception the work's own failure, unwrapped; a {@link java.util.concurrent.CancellationException}
   *     or {@link InterruptedException} when it was stopped
   */
  static <T> T await(CompletableFuture<T> work, Runnable restore) throws Exception {
    Thread hook = new Thread(() -> {
      work.cancel(true); // cancelling runs the cleanup (partial file removed) before this hook returns
      restore.run();
    }, "sora-status-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return work.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } catch (InterruptedException e) {
      work.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    } finally {
      restore.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: nothing to remove
      }
    }
  }
}
