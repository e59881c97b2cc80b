package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;

/**
 * The server does not know the job: it never existed, expired or was deleted. Sent as HTTP 404, or by
 * some gateways as HTTP 400 with the code {@code task_not_exist}. Its {@link #kind()} is always {@link
 * SoraApiException.Kind#NOT_FOUND}.
 */
public final class VideoNotFoundException extends SoraApiException {
  private static final long serialVersionUID = 1L;

  /** The job the API does not know. */
  private final String videoId; // its value: an exception is Serializable, a VideoId is not

  /**
   * Creates the error.
   *
   * @param videoId the job that was asked for
   * @param message what went wrong
   * @param statusCode the HTTP status (404, or 400 from a gateway)
   * @param errorCode the error code from the body, if any
   * @param requestId the server's request id, if any
   * @param bodyExcerpt a short masked excerpt of the body
   * @throws NullPointerException if an argument is null
   */
  public VideoNotFoundException(
      VideoId videoId,
      String message,
      int statusCode,
      Optional<String> errorCode,
      Optional<String> requestId,
      String bodyExcerpt) {
    super(message, Kind.NOT_FOUND, statusCode, errorCode, requestId, Optional.empty(), bodyExcerpt);
    this.videoId = Objects.requireNonNull(videoId, "videoId == null").value();
  }

  /**
   * Returns the job that was asked for.
   *
   * @return the id
   */
  public VideoId videoId() {
    return VideoId.of(videoId);
  }
}
