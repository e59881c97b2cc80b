package dev.sorastatus.cli;

import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraClient;
import dev.sorastatus.Variant;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.WaitOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sora-status wait <id>}: waits until the job completes or fails, showing its progress. */
@Command(name = "wait", description = "Waits until a job completes or fails, with a live progress bar on a terminal "
    + "and one line per change elsewhere; then prints the result, and downloads the video when asked.")
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

  @Option(names = "--download", paramLabel = "FILE",
      description = "Once completed, download the video to FILE (never overwritten; no partial file is left).")
  Path download;

  WaitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    VideoId videoId = VideoId.of(id);
    if (download != null) {
      Downloads.checkTarget(download, false, "choose another --download FILE (wait never replaces a file)");
    }
    try (SoraClient port = CliClients.create(connection.config(context))) {
      Video video = awaitShowingProgress(context, port, videoId, timeout, interval);
      if (download != null) {
        Downloads.fetch(context, port, video, download, Variant.VIDEO, false);
      }
      return ExitCodes.COMPLETED;
    }
  }

  /**
   * Waits for {@code id} with a progress display and prints the job as it ended.
   *
   * @throws VideoWaitException if the job failed (printed first), or for the poller's other endings
   */
  static Video awaitShowingProgress(CliContext context, SoraClient port, VideoId id, Duration timeout,
      Duration interval) throws Exception {
    return awaitShowingProgress(context, VideoPoller.create(port), id, timeout, interval); // a client's: on its time
  }

  /** Waits as above with {@code poller}, which something else (the demo's webhook listener) may wake. */
  static Video awaitShowingProgress(CliContext context, VideoPoller poller, VideoId id, Duration timeout,
      Duration interval) throws Exception {
    TerminalLine line = new TerminalLine(context.out, context.terminal);
    PollOptions.Builder options = PollOptions.builder().timeout(timeout).expiredIsError(true)
        .listener(new ProgressView(line, context.clock));
    if (interval != null) {
      options.initialInterval(interval).maxInterval(interval).multiplier(1).jitter(0);
    }
    try {
      Video video = Foreground.await(poller.awaitCompletedAsync(id, options.build()), line::end);
      VideoOutput.human(context.out, video, context.clock.instant());
      return video;
    } catch (VideoWaitException e) {
      if (e.kind() == WaitOutcome.Kind.FAILED) {
        VideoOutput.human(context.out, e.lastSeen().orElseThrow(), context.clock.instant());
      }
      throw e;
    }
  }

  @Override
  public boolean verbose() {
    return connection.verbose;
  }
}
