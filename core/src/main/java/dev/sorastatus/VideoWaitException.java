package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;

/**
 * A wait of the {@link VideoPoller} ended without the video it was waiting for. This class itself means a
 * request ended the wait: {@link #getCause()} is the request's typed error, such as a
 * {@link VideoNotFoundException}, an {@link AuthenticationException}, or the last of too many
 * {@link ServerErrorException}s in a row; or an {@link InterruptedException} when the waiting thread was
 * interrupted. Subclasses name the other endings: the deadline passed, the job failed, or its video expired.
 */
public class VideoWaitException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** The id of the job waited for, as text. */
  private final String videoId; // VideoId and Video are not Serializable
  private final transient Video lastSeen;

  /**
   * Creates the error.
   *
   * @param videoId the job that was waited for
   * @param message what ended the wait
   * @param lastSeen the last video read during the wait, if any
   * @param cause the error that ended it, or null
   * @throws NullPointerException if {@code videoId} or {@code lastSeen} is null
   */
  public VideoWaitException(VideoId videoId, String message, Optional<Video> lastSeen, Throwable cause) {
    super(message, cause);
    this.videoId = Objects.requireNonNull(videoId, "videoId == null").value();
    this.lastSeen = Objects.requireNonNull(lastSeen, "lastSeen == null").orElse(null);
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
   * Returns the last video read during the wait, for example to tell how far a timed-out job got.
   *
   * @return the video, or empty when no request succeeded
   */
  public Optional<Video> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  static String describe(Optional<Video> lastSeen) {
    return lastSeen.map(v -> "last seen " + v.rawStatus() + " at " + v.progress() + "%")
        .orElse("never read");
  }
}
