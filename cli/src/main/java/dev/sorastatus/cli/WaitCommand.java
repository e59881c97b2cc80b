package dev.sorastatus.cli;

import dev.sorastatus.PollOptions;
import dev.sorastatus.Video;
import dev.sorastatus.VideoFailedException;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.transport.jdk.JdkVideoStatusAdapter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sora-status wait <id>}: waits until the job completes or fails, showing its progress. */
@Command(name = "wait", description = "Waits until a job completes or fails, with a live progress bar on a terminal "
    + "and one line per change elsewhere; then prints the result.")
final class WaitCommand implements Callable<Integer>, SoraStatusCommand.Verbose {
  private final CliContext context;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "ID", description = "The video id, such as video_123.")
  String id;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "How long to wait in all (default: ${DEFAULT-VALUE}); like 90s, 20m, 1h30m.")
  Duration timeout;

  @Option(names = "--interval", paramLabel = "DURATION", converter = Durations.class,
      description = "Poll at this fixed interval instead of the default 10 s growing to 30 s.")
  Duration interval;

  WaitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    VideoId videoId = VideoId.of(id);
    ProgressView view = new ProgressView(context.out, context.terminal, context.clock);
    PollOptions.Builder options = PollOptions.builder().timeout(timeout).expiredIsError(true).listener(view);
    if (interval != null) {
      options.initialInterval(interval).maxInterval(interval).multiplier(1).jitter(0);
    }
    try (JdkVideoStatusAdapter port = JdkVideoStatusAdapter.create(connection.config(context))) {
      VideoPoller poller = VideoPoller.builder(port).clock(context.clock).scheduler(context.scheduler).build();
      CompletableFuture<Video> wait = poller.awaitCompletedAsync(videoId, options.build());
      Thread hook = new Thread(() -> {
        wait.cancel(true); // Ctrl-C: stop polling, leave the terminal as it was
        view.end();
      }, "sora-status-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        Video video = wait.get();
        view.end();
        VideoOutput.human(context.out, video, context.clock.instant());
        return ExitCodes.COMPLETED;
      } catch (ExecutionException e) {
        view.end();
        if (e.getCause() instanceof VideoFailedException) {
          VideoOutput.human(context.out, ((VideoFailedException) e.getCause()).video(), context.clock.instant());
        }
        throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
      } catch (CancellationException | InterruptedException e) {
        view.end();
        context.err.println("stopped");
        return ExitCodes.INTERRUPTED;
      } finally {
        removeHook(hook);
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: nothing to remove
    }
  }

  @Override
  public boolean verbose() {
    return connection.verbose;
  }
}
