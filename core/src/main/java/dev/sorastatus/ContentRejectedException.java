package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server answered with something that is not the file: an HTML page or a JSON body instead of a video
 * or image, a body whose size contradicts its {@code Content-Length}, an empty body, or one larger than
 * {@link DownloadOptions#maxBytes()}. Retrying the same request will usually not help.
 */
public final class ContentRejectedException extends VideoDownloadException {
  private static final long serialVersionUID = 1L;

  /** Why the content was refused. */
  private final Reason reason;
  /** The media type the server sent, or null when none. */
  private final String contentType;
  /** The size that was declared or allowed, or -1 when none was. */
  private final long expectedBytes;
  /** How many bytes arrived before the refusal. */
  private final long receivedBytes;

  /**
   * Creates the error.
   *
   * @param videoId the job being downloaded
   * @param reason why the body was refused
   * @param message what was wrong, starting with the fact
   * @param contentType the media type the server sent, if any
   * @param expectedBytes the size that was declared or allowed, if one was
   * @param receivedBytes how many bytes had arrived when the body was refused
   * @throws NullPointerException if an argument is null
   */
  public ContentRejectedException(
      VideoId videoId,
      Reason reason,
      String message,
      Optional<String> contentType,
      OptionalLong expectedBytes,
      long receivedBytes) {
    super(videoId, message, null);
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.contentType = Objects.requireNonNull(contentType, "contentType == null").orElse(null);
    this.expectedBytes = Objects.requireNonNull(expectedBytes, "expectedBytes == null").orElse(-1);
    this.receivedBytes = receivedBytes;
  }

  /**
   * Returns why the body was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the media type the server sent.
   *
   * @return the type, such as {@code text/html}, if the server sent one
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * Returns the size that was declared ({@code Content-Length}) or, for {@link Reason#TOO_LARGE}, allowed.
   *
   * @return the byte count, if there was one
   */
  public OptionalLong expectedBytes() {
    return expectedBytes < 0 ? OptionalLong.empty() : OptionalLong.of(expectedBytes);
  }

  /**
   * Returns how many bytes of the file had arrived when it was refused.
   *
   * @return zero or more
   */
  public long receivedBytes() {
    return receivedBytes;
  }

  /** Why a body was refused. */
  public enum Reason {
    /** The media type is not a video, an image or binary data: an HTML page, or JSON without a URL. */
    CONTENT_TYPE,
    /** More bytes arrived than declared, or fewer and the transfer could not be completed. */
    LENGTH_MISMATCH,
    /** The file is larger than {@link DownloadOptions#maxBytes()}. */
    TOO_LARGE,
    /** The body was empty. */
    EMPTY
  }
}
