package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;

/**
 * A wait of the {@link VideoPoller} ended without the video it was waiting for; {@link #kind()} says how,
 * with the same words as {@link WaitOutcome}: the job {@link WaitOutcome.Kind#FAILED failed} (from
 * {@code awaitCompleted}), its video had {@link WaitOutcome.Kind#EXPIRED expired} (with
 * {@code expiredIsError}), the deadline passed ({@link WaitOutcome.Kind#TIMED_OUT}), the API does not know the
 * job ({@link WaitOutcome.Kind#NOT_FOUND}), or anything else ({@link WaitOutcome.Kind#ERROR}): then
 * {@link #getCause()} is the request's typed error, such as a {@link SoraApiException} for a refused key or the last
 * of too many server errors in a row, or an {@link InterruptedException} when the waiting thread
 * was interrupted. {@link #lastSeen()} is the last video read: the failed or expired one for those kinds.
 *
 * <pre>{@code
 * try {
 *   poller.awaitCompleted(id);
 * } catch (VideoWaitException e) {
 *   if (e.kind() == WaitOutcome.Kind.FAILED) {
 *     log.warn("failed: {}", e.error().flatMap(VideoError::code).orElse("?"));
 *   }
 * }
 * }</pre>
 */
public final class VideoWaitException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** The id of the job waited for, as text. */
  private final String videoId; // VideoId and Video are not Serializable
  /** How the wait ended. */
  private final WaitOutcome.Kind kind;
  private final transient Video lastSeen;

  /**
   * Creates the error.
   *
   * @param videoId the job that was waited for
   * @param kind how the wait ended; not {@link WaitOutcome.Kind#COMPLETED} nor
   *     {@link WaitOutcome.Kind#CANCELLED}
   * @param message what ended the wait
   * @param lastSeen the last video read during the wait, if any; the final video for
   *     {@link WaitOutcome.Kind#FAILED} and {@link WaitOutcome.Kind#EXPIRED}
   * @param cause the error that ended it, or null
   * @throws NullPointerException if {@code videoId}, {@code kind} or {@code lastSeen} is null
   * @throws IllegalArgumentException if {@code kind} is not an ending without the video, or a failed or
   *     expired ending has no video
   */
  public VideoWaitException(VideoId videoId, WaitOutcome.Kind kind, String message, Optional<Video> lastSeen,
      Throwable cause) {
    super(message, cause);
    this.videoId = Objects.requireNonNull(videoId, "videoId == null").value();
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.lastSeen = Objects.requireNonNull(lastSeen, "lastSeen == null").orElse(null);
    if (kind == WaitOutcome.Kind.COMPLETED || kind == WaitOutcome.Kind.CANCELLED) {
      throw new IllegalArgumentException(kind + " is not a wait that ended without its video");
    }
    if ((kind == WaitOutcome.Kind.FAILED || kind == WaitOutcome.Kind.EXPIRED) && this.lastSeen == null) {
      throw new IllegalArgumentException(kind + " needs the final video as lastSeen");
    }
  }

  /**
   * Returns the job that was waited for.
   *
   * @return the id
   */
  public VideoId videoId() {
    return VideoId.of(videoId);
  }

  /**
   * Returns how the wait ended.
   *
   * @return {@link WaitOutcome.Kind#FAILED}, {@link WaitOutcome.Kind#EXPIRED}, {@link WaitOutcome.Kind#TIMED_OUT},
   *     {@link WaitOutcome.Kind#NOT_FOUND} or {@link WaitOutcome.Kind#ERROR}
   */
  public WaitOutcome.Kind kind() {
    return kind;
  }

  /**
   * Returns the last video read during the wait, for example to tell how far a timed-out job got.
   *
   * @return the video, or empty when no request succeeded
   */
  public Optional<Video> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  /**
   * Returns the job's own error, as the server reported it on the last read: why a failed job failed.
   *
   * @return the error, if the last video read carries one
   */
  public Optional<VideoError> error() {
    return lastSeen().flatMap(Video::error);
  }

  static String describe(Optional<Video> lastSeen) {
    return lastSeen.map(v -> "last seen " + v.rawStatus() + " at " + v.progress() + "%")
        .orElse("never read");
  }
}
