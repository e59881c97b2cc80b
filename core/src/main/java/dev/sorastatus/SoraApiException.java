package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;

/**
 * The server answered with an HTTP status that is not a video: an error status, or a redirect (which is
 * never followed). Subclasses name the statuses callers usually handle apart; this class itself stands for
 * any other status (400, 409, 422, 3xx, ...).
 */
public class SoraApiException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  private final int statusCode;
  /** The API's error code, or null when the body named none. */
  private final String errorCode;
  /** The request id the server sent, or null. */
  private final String requestId;
  /** A short, redacted excerpt of the error body. */
  private final String bodyExcerpt;

  /**
   * Creates an error for an HTTP response.
   *
   * @param message what went wrong, starting with the status
   * @param statusCode the HTTP status
   * @param errorCode the error code from the body, if any
   * @param requestId the server's request id, if any
   * @param bodyExcerpt a short excerpt of the body with secrets masked; may be empty
   */
  public SoraApiException(
      String message, int statusCode, Optional<String> errorCode, Optional<String> requestId, String bodyExcerpt) {
    super(message, null);
    this.statusCode = statusCode;
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode == null").orElse(null);
    this.requestId = Objects.requireNonNull(requestId, "requestId == null").orElse(null);
    this.bodyExcerpt = Objects.requireNonNull(bodyExcerpt, "bodyExcerpt == null");
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status code, such as 400
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the machine-readable error code from the body, such as {@code invalid_request_error}.
   *
   * @return the code, if the body had one
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * Returns the server's request id ({@code x-request-id} or {@code X-Oneapi-Request-Id}), for support.
   *
   * @return the id, if the server sent one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Returns a short excerpt of the response body with anything that looks like a key masked.
   *
   * @return the excerpt, possibly empty
   */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
