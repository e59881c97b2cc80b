package com.example.clips;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoWaitException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for a clip's video job to end and records where its video can be downloaded, or why it cannot. The
 * poller comes from Guice, so the service neither knows nor cares which transport carries the requests, and
 * its tests swap in the testkit's fake with one line.
 */
@Singleton
public final class ClipPublisher {
  private final VideoPoller poller;
  private final Map<VideoId, ClipOutcome> outcomes = new ConcurrentHashMap<>();

  /**
   * Creates the publisher over the injected poller.
   *
   * @param poller waits for jobs, with the application's poll options
   */
  @Inject
  public ClipPublisher(VideoPoller poller) {
    this.poller = Objects.requireNonNull(poller, "poller == null");
  }

  /**
   * Starts waiting for {@code id} without holding a thread, and records the outcome when the wait ends.
   *
   * @param id the job to follow
   * @return the outcome; it fails only for errors the service cannot classify (a bad key, say), with the
   *     library's exception
   * @throws NullPointerException if {@code id} is null
   */
  public CompletableFuture<ClipOutcome> track(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return poller.awaitCompletedAsync(id).handle((video, error) -> {
      ClipOutcome outcome = error == null ? ready(video) : classify(id, unwrap(error));
      outcomes.put(id, outcome);
      return outcome;
    });
  }

  /**
   * Returns what was recorded for {@code id}, if its wait has ended.
   *
   * @param id the job
   * @return the outcome, or empty while the job is still followed or was never tracked
   */
  public Optional<ClipOutcome> outcome(VideoId id) {
    return Optional.ofNullable(outcomes.get(Objects.requireNonNull(id, "id == null")));
  }

  private static ClipOutcome ready(Video video) {
    return new ClipOutcome.Ready(video);
  }

  private static ClipOutcome classify(VideoId id, Throwable error) {
    if (error instanceof VideoWaitException wait) {
      switch (wait.kind()) {
        case FAILED:
          return new ClipOutcome.Failed(wait.lastSeen().orElseThrow());
        case TIMED_OUT:
          return new ClipOutcome.StillRendering(id, wait.lastSeen().map(Video::progress).orElse(0));
        case NOT_FOUND:
          return new ClipOutcome.Missing(id);
        default:
          break;
      }
    }
    throw error instanceof RuntimeException runtime ? runtime : new CompletionException(error);
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
