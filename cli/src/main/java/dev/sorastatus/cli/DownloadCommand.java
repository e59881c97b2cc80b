package dev.sorastatus.cli;

import dev.sorastatus.SoraClient;
import dev.sorastatus.Variant;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sora-status download <id>}: saves a finished job's video, thumbnail or sprite sheet. */
@Command(name = "download", description = "Downloads a completed job's video (or its thumbnail or sprite sheet) "
    + "with a progress bar; the file appears whole or not at all.")
final class DownloadCommand implements Callable<Integer>, SoraStatusCommand.Verbose {
  private final CliContext context;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "ID", description = "The video id, such as video_123.")
  String id;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to save it (default: <id>.mp4, <id>-thumbnail.webp or <id>-spritesheet.jpg here).")
  Path output;

  @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "video",
      description = "video, thumbnail or spritesheet (default: ${DEFAULT-VALUE}).")
  Variant variant;

  @Option(names = "--overwrite", description = "Replace FILE if it exists (default: refuse).")
  boolean overwrite;

  DownloadCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    VideoId videoId = VideoId.of(id);
    Path target = output != null ? output : Downloads.defaultTarget(videoId, variant);
    Downloads.checkTarget(target, overwrite, "pass --overwrite to replace it");
    try (SoraClient port = CliClients.create(connection.config(context))) {
      Video video = port.retrieve(videoId);
      Downloads.fetch(context, port, video, target, variant, overwrite);
      return ExitCodes.COMPLETED;
    }
  }

  @Override
  public boolean verbose() {
    return connection.verbose;
  }
}
