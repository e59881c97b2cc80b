package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server asked to slow down (HTTP 429), possibly saying how long to wait ({@code retry-after-ms} or
 * {@code Retry-After}).
 */
public final class RateLimitedException extends SoraApiException {
  private static final long serialVersionUID = 1L;

  /** The delay the server asked for, or null when it named none. */
  private final Duration retryAfter;

  /**
   * Creates the error.
   *
   * @param message what went wrong
   * @param statusCode the HTTP status, 429
   * @param errorCode the error code from the body, if any
   * @param requestId the server's request id, if any
   * @param bodyExcerpt a short masked excerpt of the body
   * @param retryAfter the delay the server asked for, if it gave a usable one
   */
  public RateLimitedException(
      String message,
      int statusCode,
      Optional<String> errorCode,
      Optional<String> requestId,
      String bodyExcerpt,
      Optional<Duration> retryAfter) {
    super(message, statusCode, errorCode, requestId, bodyExcerpt);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null").orElse(null);
  }

  /**
   * Returns how long the server asked the client to wait before the next request.
   *
   * @return the delay, if the server gave a positive, parseable one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
