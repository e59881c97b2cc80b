package dev.sorastatus.tracker;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells an {@link OutcomeHandler} how a tracked job ended, with what the application needs to act on it
 * without another read.
 *
 * @param videoId the job
 * @param status how it ended; always a {@linkplain JobStatus#isFinished() finished} status
 * @param video the last state read, absent when the job was never read (not found, timed out before a read)
 * @param tags the tags given to {@link VideoTracker#track}
 * @param deliveryId the same for every delivery of this outcome: {@code <videoId>:<hash>}, for idempotency
 * @param download where the video was saved, when the tracker downloads and the job completed
 */
public record TrackedOutcome(VideoId videoId, JobStatus status, Optional<Video> video, Map<String, String> tags,
    String deliveryId, Optional<Path> download) {

  /**
   * Checks and copies the components.
   *
   * @param videoId the job
   * @param status how it ended; always a {@linkplain JobStatus#isFinished() finished} status
   * @param video the last state read, absent when the job was never read (not found, timed out before a read)
   * @param tags the tags given to {@link VideoTracker#track}
   * @param deliveryId the same for every delivery of this outcome: {@code <videoId>:<hash>}, for idempotency
   * @param download where the video was saved, when the tracker downloads and the job completed
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code status} is not a finished status
   */
  public TrackedOutcome {
    Objects.requireNonNull(videoId, "videoId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(video, "video == null");
    tags = Map.copyOf(Objects.requireNonNull(tags, "tags == null"));
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    Objects.requireNonNull(download, "download == null");
    if (!status.isFinished()) {
      throw new IllegalArgumentException("an outcome needs a finished status but was " + status);
    }
  }
}
