package com.example.clips;

import dev.sorastatus.DownloadOptions;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.WaitOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes clips: waits for a clip's video job to end, downloads the finished video into the clips folder,
 * and records the outcome. The poller and downloader come from Guice, so the service neither knows nor cares
 * which transport carries the requests, and its tests swap in the testkit's fake with one line.
 */
@Singleton
public final class ClipPublisher {
  private final VideoPoller poller;
  private final VideoDownloader downloader;
  private final Path folder;
  private final DownloadOptions downloads;
  private final Map<VideoId, ClipOutcome> outcomes = new ConcurrentHashMap<>();

  /**
   * Creates the publisher.
   *
   * @param poller waits for jobs, with the application's poll options
   * @param downloader downloads finished videos
   * @param folder where the clips' videos are saved
   * @param downloads how they are saved (the service's tests skip forcing files to disk)
   */
  @Inject
  public ClipPublisher(VideoPoller poller, VideoDownloader downloader, @Named("clips.folder") Path folder,
      DownloadOptions downloads) {
    this.poller = Objects.requireNonNull(poller, "poller == null");
    this.downloader = Objects.requireNonNull(downloader, "downloader == null");
    this.folder = Objects.requireNonNull(folder, "folder == null");
    this.downloads = Objects.requireNonNull(downloads, "downloads == null");
  }

  /**
   * Starts publishing {@code id} without holding a thread, and records the outcome when it is known.
   *
   * @param id the clip's video job
   * @return the outcome; it fails only for errors the service cannot classify (a refused key, say), with the
   *     library's exception
   * @throws NullPointerException if {@code id} is null
   */
  public CompletableFuture<ClipOutcome> publish(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return poller.awaitOutcomeAsync(id)
        .thenCompose(this::settle)
        .whenComplete((outcome, error) -> {
          if (outcome != null) {
            outcomes.put(id, outcome);
          }
        });
  }

  /**
   * Returns what was recorded for {@code id}, if its publishing has ended.
   *
   * @param id the job
   * @return the outcome, or empty while the clip is still being published or was never asked for
   */
  public Optional<ClipOutcome> outcome(VideoId id) {
    return Optional.ofNullable(outcomes.get(Objects.requireNonNull(id, "id == null")));
  }

  private CompletableFuture<ClipOutcome> settle(WaitOutcome wait) {
    VideoId id = wait.id();
    switch (wait.kind()) {
      case COMPLETED:
        return download(wait.video().orElseThrow());
      case FAILED:
        return done(new ClipOutcome.Failed(wait.video().orElseThrow()));
      case EXPIRED:
        return done(new ClipOutcome.Expired(id));
      case TIMED_OUT:
        return done(new ClipOutcome.StillRendering(id, wait.video().map(Video::progress).orElse(0)));
      case NOT_FOUND:
        return done(new ClipOutcome.Missing(id));
      default:
        return CompletableFuture.failedFuture(wait.error().orElseThrow());
    }
  }

  private CompletableFuture<ClipOutcome> download(Video video) {
    Path target = folder.resolve(video.id().value() + ".mp4");
    return downloader.downloadAsync(video, target, downloads)
        .<ClipOutcome>thenApply(file -> new ClipOutcome.Published(video, file))
        .exceptionallyCompose(error -> {
          Throwable cause = error instanceof CompletionException && error.getCause() != null
              ? error.getCause() : error;
          if (cause instanceof VideoDownloadException failed
              && failed.reason() == VideoDownloadException.Reason.EXPIRED) {
            return done(new ClipOutcome.Expired(video.id()));
          }
          return CompletableFuture.failedFuture(cause);
        });
  }

  private static CompletableFuture<ClipOutcome> done(ClipOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }
}
