package dev.sorastatus;

import java.util.Optional;

/**
 * The API key was refused (HTTP 401): missing, wrong, revoked or for another service. Retrying will not help.
 */
public final class AuthenticationException extends SoraApiException {
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
  public AuthenticationException(
      String message, int statusCode, Optional<String> errorCode, Optional<String> requestId, String bodyExcerpt) {
    super(message, statusCode, errorCode, requestId, bodyExcerpt);
  }
}
