package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;

/**
 * How a wait ended, as a value to branch on instead of an exception to catch (as AWS waiters'
 * {@code WaiterResponse} and Azure's {@code PollResponse} do): the kind, the last video read and, when the wait
 * ended without a final state, the error that ended it.
 *
 * <pre>{@code
 * WaitOutcome outcome = poller.awaitOutcome(VideoId.of("video_123"));
 * switch (outcome.kind()) {
 *   case COMPLETED -> publish(outcome.video().orElseThrow());
 *   case FAILED -> log.warn("failed: {}", outcome.video().flatMap(Video::error));
 *   case TIMED_OUT -> retryLater(outcome.id());
 *   default -> log.error("gave up", outcome.error().orElseThrow());
 * }
 * }</pre>
 *
 * @param id the job waited for
 * @param kind how the wait ended
 * @param video the final video for {@link Kind#COMPLETED}, {@link Kind#FAILED} and {@link Kind#EXPIRED}; the
 *     last video read, if any, otherwise
 * @param error the error that ended the wait, for {@link Kind#TIMED_OUT}, {@link Kind#NOT_FOUND} and
 *     {@link Kind#ERROR}; empty otherwise
 */
public record WaitOutcome(VideoId id, Kind kind, Optional<Video> video, Optional<SoraException> error) {

  /** How a wait ended. */
  public enum Kind {
    /** The job completed, and its video had not expired when it was read. */
    COMPLETED,
    /** The job failed; its {@link Video#error()} says why. */
    FAILED,
    /** The job completed, but its video had already expired. */
    EXPIRED,
    /** The wait's deadline passed first. */
    TIMED_OUT,
    /** The API does not know the job: once it was read, or on every read in a row before it ever was. */
    NOT_FOUND,
    /** Anything else: a refused key, too many transient errors in a row, a rate limit past the deadline. */
    ERROR,
    /**
     * The wait was cancelled or its thread interrupted. Only listeners hear it: a cancelled outcome future
     * holds no outcome.
     */
    CANCELLED
  }

  /**
   * Checks the components.
   *
   * @param id the job waited for
   * @param kind how the wait ended
   * @param video the final video, or the last one read
   * @param error the error that ended a wait without a final state
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a final kind has no video, another kind has no error, the kind is
   *     {@link Kind#CANCELLED}, or the video is another job's
   */
  public WaitOutcome {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(video, "video == null");
    Objects.requireNonNull(error, "error == null");
    boolean finalState = kind == Kind.COMPLETED || kind == Kind.FAILED || kind == Kind.EXPIRED;
    if (finalState && (video.isEmpty() || error.isPresent())) {
      throw new IllegalArgumentException(kind + " needs the final video and no error");
    }
    if (kind == Kind.CANCELLED) {
      throw new IllegalArgumentException("a cancelled wait has no outcome value; only listeners hear CANCELLED");
    }
    if (!finalState && error.isEmpty()) {
      throw new IllegalArgumentException(kind + " needs the error that ended the wait");
    }
    if (video.isPresent() && !video.get().id().equals(id)) {
      throw new IllegalArgumentException("the video is " + video.get().id() + ", not " + id);
    }
  }

  /**
   * Returns whether the job completed and its video can be downloaded.
   *
   * @return true for {@link Kind#COMPLETED}
   */
  public boolean isCompleted() {
    return kind == Kind.COMPLETED;
  }
}
