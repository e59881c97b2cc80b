package dev.sorastatus.cli;

import dev.sorastatus.DownloadOptions;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.SoraClient;
import dev.sorastatus.Variant;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import java.nio.file.Files;
import java.nio.file.Path;

/** Downloads one file of a job with a progress display, as {@code download}, {@code wait} and {@code demo} do. */
final class Downloads {
  private Downloads() {}

  /** Returns the default file for {@code variant}: {@code <id>.mp4}, {@code <id>-thumbnail.webp} or {@code <id>-spritesheet.jpg}. */
  static Path defaultTarget(VideoId id, Variant variant) {
    switch (variant) {
      case THUMBNAIL: return Path.of(id.value() + "-thumbnail.webp");
      case SPRITESHEET: return Path.of(id.value() + "-spritesheet.jpg");
      default: return Path.of(id.value() + ".mp4");
    }
  }

  /**
   * Refuses a target that exists unless it may be replaced, before any request is sent or any wait begins.
   *
   * @param howToReplace what to tell the user, such as {@code pass --overwrite to replace it}
   * @throws IllegalArgumentException if {@code target} exists and may not be replaced
   */
  static void checkTarget(Path target, boolean overwrite, String howToReplace) {
    if (!overwrite && Files.exists(target)) {
      throw new IllegalArgumentException(target + " already exists; " + howToReplace);
    }
  }

  /**
   * Downloads {@code variant} of {@code video} to {@code target} and prints where it went. The file appears
   * whole or not at all: the downloader writes a temporary file and moves it into place, and Ctrl-C removes it.
   */
  static DownloadResult fetch(CliContext context, SoraClient port, Video video, Path target, Variant variant,
      boolean overwrite) throws Exception {
    TerminalLine line = new TerminalLine(context.out, context.terminal);
    DownloadOptions options = DownloadOptions.builder().variant(variant).overwrite(overwrite)
        .onProgress(new DownloadView(line, context.clock, target.getFileName().toString())).build();
    VideoDownloader downloader = VideoDownloader.create(port); // time and retries: the client's configuration
    DownloadResult result = Foreground.await(downloader.downloadAsync(video, target, options), line::end);
    context.out.println("saved " + result.path() + " (" + DownloadView.size(result.bytes()) + ", sha256 "
        + result.sha256() + ")");
    context.out.flush();
    return result;
  }
}
