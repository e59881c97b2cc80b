package dev.sorastatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The job completed, but its video had already expired when the wait saw it, so there is nothing left to
 * download. Thrown only when {@link PollOptions#expiredIsError()} is set.
 */
public final class VideoExpiredException extends VideoWaitException {
  private static final long serialVersionUID = 1L;

  /** When the video stopped being downloadable. */
  private final Instant expiresAt;

  /**
   * Creates the error.
   *
   * @param video the completed video
   * @param expiresAt when it expired
   * @throws NullPointerException if an argument is null
   */
  public VideoExpiredException(Video video, Instant expiresAt) {
    super(Objects.requireNonNull(video, "video == null").id(),
        "video " + video.id() + " completed but expired at " + Objects.requireNonNull(expiresAt, "expiresAt == null"),
        Optional.of(video), null);
    this.expiresAt = expiresAt;
  }

  /**
   * Returns the completed, expired video.
   *
   * @return the video
   */
  public Video video() {
    return lastSeen().orElseThrow();
  }

  /**
   * Returns when the video expired.
   *
   * @return the instant
   */
  public Instant expiresAt() {
    return expiresAt;
  }
}
