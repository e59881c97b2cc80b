package dev.sorastatus;

import java.util.Objects;

/**
 * The video is not {@link VideoStatus#COMPLETED}, so there is nothing to download (yet, or ever if it
 * failed). Thrown before any request is made; wait with {@link VideoPoller} first.
 */
public final class VideoNotReadyException extends VideoDownloadException {
  private static final long serialVersionUID = 1L;

  /** The job's status when the download was asked for. */
  private final VideoStatus status;
  /** The status as the API spelled it. */
  private final String rawStatus;

  /**
   * Creates the error.
   *
   * @param video the video that is not completed
   * @throws NullPointerException if {@code video} is null
   */
  public VideoNotReadyException(Video video) {
    super(Objects.requireNonNull(video, "video == null").id(), message(video), null);
    this.status = video.status();
    this.rawStatus = video.rawStatus();
  }

  /**
   * Returns the status the video had.
   *
   * @return the status, never {@link VideoStatus#COMPLETED}
   */
  public VideoStatus status() {
    return status;
  }

  /**
   * Returns the status as the server spelled it.
   *
   * @return the raw status, such as {@code in_progress}
   */
  public String rawStatus() {
    return rawStatus;
  }

  private static String message(Video video) {
    String is = video.status() == VideoStatus.FAILED
        ? "failed, so it has no content to download"
        : "is " + video.rawStatus() + " (" + video.status() + ", " + video.progress()
            + "%), not completed: there is nothing to download yet";
    return "video " + video.id() + " " + is;
  }
}
