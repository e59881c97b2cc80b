package dev.sorastatus.cli;

import dev.sorastatus.SoraClient;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sora-status get <id>}: where the job stands now. */
@Command(name = "get", description = "Shows the status, progress, timestamps, error and download URL of a job.")
final class GetCommand implements Callable<Integer>, SoraStatusCommand.Verbose {
  private final CliContext context;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "ID", description = "The video id, such as video_123.")
  String id;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  GetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    VideoId videoId = VideoId.of(id);
    Video video;
    try (SoraClient port = CliClients.create(connection.config(context))) {
      video = port.retrieve(videoId);
    }
    if (json) {
      context.out.println(VideoOutput.json(video));
      context.out.flush();
    } else {
      VideoOutput.human(context.out, video, context.clock.instant());
    }
    if (video.status() == VideoStatus.FAILED) {
      return ExitCodes.FAILED;
    }
    return video.status() == VideoStatus.COMPLETED && video.isExpired(context.clock.instant())
        ? ExitCodes.EXPIRED
        : ExitCodes.COMPLETED;
  }

  @Override
  public boolean verbose() {
    return connection.verbose;
  }
}
