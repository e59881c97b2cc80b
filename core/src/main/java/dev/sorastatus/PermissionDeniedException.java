package dev.sorastatus;

import java.util.Optional;

/**
 * The API key is valid but may not do this (HTTP 403), for example a job of another organisation or a region that is blocked. Retrying will not help.
 */
public final class PermissionDeniedException extends SoraApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong
   * @param statusCode the HTTP status
   * @param errorCode the error code from the body, if any
   * @param requestId the server's request id, if any
   * @param bodyExcerpt a short masked excerpt of the body
   */
  public PermissionDeniedException(
      String message, int statusCode, Optional<String> errorCode, Optional<String> requestId, String bodyExcerpt) {
    super(message, statusCode, errorCode, requestId, bodyExcerpt);
  }
}
