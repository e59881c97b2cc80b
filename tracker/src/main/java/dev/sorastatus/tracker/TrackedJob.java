package dev.sorastatus.tracker;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One tracked job as a store keeps it: what was asked (id, tags, when), where it stands, and its schedule
 * (when it is next due and how many reads and failures it has had). Stores hold these values; the tracker
 * derives each next value with the {@code with...} methods. Leases are the store's business and not part of
 * the value.
 *
 * @param id the job
 * @param tags the application's labels, at most 16, for querying
 * @param status where it stands
 * @param trackedAt when {@link VideoTracker#track} stored it; the timeout runs from here
 * @param dueAt when it is next read (unfinished) or its outcome next delivered (finished, not handled)
 * @param reads how many reads were taken in
 * @param failures failed reads in a row (errors and not-found answers)
 * @param lastVideo the last state read
 * @param deliveryId set once finished: the id every delivery of the outcome carries
 * @param deliveries how many times the outcome was handed to the handler
 * @param handled whether the handler returned normally for it
 */
public record TrackedJob(VideoId id, Map<String, String> tags, JobStatus status, Instant trackedAt, Instant dueAt,
    int reads, int failures, Optional<Video> lastVideo, Optional<String> deliveryId, int deliveries,
    boolean handled) {

  /**
   * Checks and copies the components.
   *
   * @param id the job
   * @param tags the application's labels, at most 16, for querying
   * @param status where it stands
   * @param trackedAt when {@link VideoTracker#track} stored it; the timeout runs from here
   * @param dueAt when it is next read (unfinished) or its outcome next delivered (finished, not handled)
   * @param reads how many reads were taken in
   * @param failures failed reads in a row (errors and not-found answers)
   * @param lastVideo the last state read
   * @param deliveryId set once finished: the id every delivery of the outcome carries
   * @param deliveries how many times the outcome was handed to the handler
   * @param handled whether the handler returned normally for it
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a count is negative, a tag invalid, or the finished status and the
   *     delivery id disagree
   */
  public TrackedJob {
    Objects.requireNonNull(id, "id == null");
    tags = Tags.check(tags);
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(trackedAt, "trackedAt == null");
    Objects.requireNonNull(dueAt, "dueAt == null");
    Objects.requireNonNull(lastVideo, "lastVideo == null");
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    if (reads < 0 || failures < 0 || deliveries < 0) {
      throw new IllegalArgumentException("reads, failures and deliveries must be >= 0 but were " + reads + ", "
          + failures + ", " + deliveries);
    }
    if (status.isFinished() != deliveryId.isPresent()) {
      throw new IllegalArgumentException("a job has a delivery id exactly when it is finished, but " + id + " is "
          + status + (deliveryId.isPresent() ? " with one" : " without one"));
    }
    if (handled && !status.isFinished()) {
      throw new IllegalArgumentException("only a finished job can be handled, but " + id + " is " + status);
    }
  }

  /**
   * Returns a newly tracked job, due at once.
   *
   * @param id the job
   * @param tags its tags
   * @param now when it is tracked
   * @return a pending job
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a tag is invalid
   */
  public static TrackedJob pending(VideoId id, Map<String, String> tags, Instant now) {
    return new TrackedJob(id, tags, JobStatus.PENDING, now, now, 0, 0, Optional.empty(), Optional.empty(), 0, false);
  }

  /** Returns this job after a read that left it unfinished. */
  TrackedJob withRead(JobStatus newStatus, Video video, Instant nextDue) {
    return new TrackedJob(id, tags, newStatus, trackedAt, nextDue, reads + 1, 0, Optional.of(video), deliveryId,
        deliveries, false);
  }

  /** Returns this job after a failed read. */
  TrackedJob withFailure(Instant nextDue) {
    return new TrackedJob(id, tags, status, trackedAt, nextDue, reads, failures + 1, lastVideo, deliveryId,
        deliveries, false);
  }

  /** Returns this job finished with {@code outcome}, due for delivery at {@code now}. */
  TrackedJob finished(JobStatus outcome, Optional<Video> video, Instant now) {
    return new TrackedJob(id, tags, outcome, trackedAt, now, reads + (video.isPresent() ? 1 : 0), failures,
        video.isPresent() ? video : lastVideo, Optional.of(deliveryIdOf(id, outcome, trackedAt)), deliveries, false);
  }

  /**
   * Returns the delivery id of a job finished with {@code outcome}: the same for every attempt and every
   * process, since it depends only on what was tracked and how it ended.
   */
  static String deliveryIdOf(VideoId id, JobStatus outcome, Instant trackedAt) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((id.value() + "|" + outcome + "|"
          + trackedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
      return id.value() + ":" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
