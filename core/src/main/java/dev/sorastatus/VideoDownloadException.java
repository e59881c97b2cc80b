package dev.sorastatus;

import java.util.Objects;

/**
 * A video could not be downloaded for a reason of its own (not ready, expired, a refused body, the target
 * already there) or because the file could not be written. Failures of the request itself are the usual
 * {@link SoraApiException} and {@link SoraTransportException}. Whatever the cause, no partial target file
 * is left behind.
 */
public class VideoDownloadException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** The job whose content was being downloaded. */
  private final VideoId videoId;

  /**
   * Creates the error.
   *
   * @param videoId the job whose content was being downloaded
   * @param message what went wrong, starting with the fact
   * @param cause the underlying failure, such as the file system's {@link java.io.IOException}, or null
   * @throws NullPointerException if {@code videoId} is null
   */
  public VideoDownloadException(VideoId videoId, String message, Throwable cause) {
    super(message, cause);
    this.videoId = Objects.requireNonNull(videoId, "videoId == null");
  }

  /**
   * Returns the job whose content was being downloaded.
   *
   * @return the id
   */
  public VideoId videoId() {
    return videoId;
  }
}
