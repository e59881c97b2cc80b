package dev.sorastatus;

import java.time.Instant;
import java.util.Objects;

/**
 * The finished video's content has expired ({@link Video#expiresAt()} has passed by the downloader's clock)
 * and can never be downloaded again. Thrown before any request is made, or between two attempts when the
 * expiry passes while retrying. (A wait that finds an expired video ends as {@link WaitOutcome.Kind#EXPIRED}.)
 */
public final class VideoContentExpiredException extends VideoDownloadException {
  private static final long serialVersionUID = 1L;

  /** When the content stopped being served, or null when unknown. */
  private final Instant expiresAt;

  /**
   * Creates the error.
   *
   * @param videoId the job
   * @param expiresAt when its content expired
   * @param now the instant it was judged at
   * @throws NullPointerException if an argument is null
   */
  public VideoContentExpiredException(VideoId videoId, Instant expiresAt, Instant now) {
    super(videoId, "video " + videoId + " expired at " + Objects.requireNonNull(expiresAt, "expiresAt == null")
        + " (now " + Objects.requireNonNull(now, "now == null") + "): its content can no longer be downloaded",
        null);
    this.expiresAt = expiresAt;
  }

  /**
   * Returns when the content expired.
   *
   * @return the instant
   */
  public Instant expiresAt() {
    return expiresAt;
  }
}
