package dev.sorastatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A video could not be downloaded for a reason of its own, which {@link #reason()} names: it is not ready,
 * it expired, the server sent a body that is not the video, the target is already there, the file could
 * not be written, or the download was cancelled. Failures of the request itself are the usual {@link
 * SoraApiException} and {@link SoraTransportException}. Whatever the cause, no partial target file is left
 * behind.
 */
public final class VideoDownloadException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** Why a download failed. */
  public enum Reason {
    /** The job has not completed (or failed), so there is nothing to download yet. */
    NOT_READY,
    /**
     * The job's content expired: its {@code expiresAt} has passed ({@link VideoDownloadException#expiresAt()}
     * says when), or the content URL of the completed job answered HTTP 410 or 404 (the cause is that API
     * error). It is gone.
     */
    EXPIRED,
    /**
     * The server sent a body that is not the video: of a refused content type (JSON, HTML, text or XML: the
     * message carries a masked excerpt of what the server said), empty, larger than {@link
     * DownloadOptions#maxBytes()}, of another length than it announced even after the retries, or of another
     * length or SHA-256 than the status body announced ({@link Video#sizeBytes()}, {@link Video#sha256()}).
     */
    REJECTED,
    /** The target file (or a directory) is already there and overwriting was not asked for. */
    TARGET_EXISTS,
    /** The file could not be created, written or moved into place; the cause is the file system's error. */
    WRITE_FAILED,
    /** The download's future was cancelled. */
    CANCELLED
  }

  /** The job whose content was being downloaded. */
  private final String videoId; // its value: an exception is Serializable, a VideoId is not
  /** Why the download failed. */
  private final Reason reason;
  /** When the content expired, for {@link Reason#EXPIRED}; null otherwise. */
  private final Instant expiresAt;

  /**
   * Creates the error.
   *
   * @param videoId the job whose content was being downloaded
   * @param reason why the download failed
   * @param message what went wrong, starting with the fact
   * @param cause the underlying failure, such as the file system's {@link java.io.IOException}, or null
   * @throws NullPointerException if {@code videoId}, {@code reason} or {@code message} is null
   */
  public VideoDownloadException(VideoId videoId, Reason reason, String message, Throwable cause) {
    this(videoId, reason, message, cause, null);
  }

  private VideoDownloadException(VideoId videoId, Reason reason, String message, Throwable cause, Instant expiresAt) {
    super(Objects.requireNonNull(message, "message == null"), cause);
    this.videoId = Objects.requireNonNull(videoId, "videoId == null").value();
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.expiresAt = expiresAt;
  }

  /** Returns the error for a job whose content expired at {@code expiresAt}, seen at {@code now}. */
  static VideoDownloadException expired(VideoId videoId, Instant expiresAt, Instant now) {
    return new VideoDownloadException(videoId, Reason.EXPIRED, "video " + videoId + " expired at " + expiresAt
        + " (now " + now + "): its content can no longer be downloaded", null,
        Objects.requireNonNull(expiresAt, "expiresAt == null"));
  }

  /** Returns the error for the content of a completed job that the server says is gone (410, or 404). */
  static VideoDownloadException goneOnServer(Video video, SoraApiException cause) {
    return new VideoDownloadException(video.id(), Reason.EXPIRED, "video " + video.id() + " is gone: its content URL"
        + " answered HTTP " + cause.statusCode() + " (" + cause.getMessage() + "); it can no longer be downloaded",
        cause, video.expiresAt().orElse(null));
  }

  /** Returns the error for a job that is not completed. */
  static VideoDownloadException notReady(Video video) {
    String is = video.status() == VideoStatus.FAILED
        ? "failed, so it has no content to download"
        : "is " + video.rawStatus() + " (" + video.status() + ", " + video.progress()
            + "%), not completed: there is nothing to download yet";
    return new VideoDownloadException(video.id(), Reason.NOT_READY, "video " + video.id() + " " + is, null);
  }

  /** Returns the error for a target that is already there. */
  static VideoDownloadException targetExists(VideoId videoId, java.nio.file.Path target, boolean directory) {
    return new VideoDownloadException(videoId, Reason.TARGET_EXISTS,
        (directory ? "target " + target + " is a directory" : "target " + target + " already exists")
            + "; video " + videoId + " was not downloaded"
            + (directory ? "" : " (set DownloadOptions.overwrite(true) to replace it)"), null);
  }

  /** Returns the error for a body that is not the video. */
  static VideoDownloadException rejected(VideoId videoId, String message) {
    return new VideoDownloadException(videoId, Reason.REJECTED, message, null);
  }

  /**
   * Returns the job whose content was being downloaded.
   *
   * @return the id
   */
  public VideoId videoId() {
    return VideoId.of(videoId);
  }

  /**
   * Returns why the download failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns when the content expired, for {@link Reason#EXPIRED}, as the video said.
   *
   * @return the expiry, or empty for any other reason or when the video gave none
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }
}
