package dev.sorastatus;

import java.util.Objects;

/**
 * A successful response that is not a video: empty, not JSON, an HTML page, JSON without an id or a status,
 * or a body larger than {@link SoraConfig#maxResponseBytes()}. Retrying will usually not help.
 */
public final class MalformedResponseException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the response that could not be read. */
  private final int statusCode;
  /** A short, redacted excerpt of the body. */
  private final String bodyExcerpt;

  /**
   * Creates the error.
   *
   * @param message what was wrong with the body
   * @param statusCode the HTTP status of the response
   * @param bodyExcerpt a short masked excerpt of the body
   * @param cause the parse failure, or null
   */
  public MalformedResponseException(String message, int statusCode, String bodyExcerpt, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.bodyExcerpt = Objects.requireNonNull(bodyExcerpt, "bodyExcerpt == null");
  }

  /**
   * Returns the HTTP status of the response.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns a short excerpt of the body with anything that looks like a key masked.
   *
   * @return the excerpt, possibly empty
   */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
