package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server answered with an HTTP status that is not a video: an error status, or a redirect (which is
 * never followed). {@link #kind()} says what sort of refusal it was, so that callers branch on one enum
 * instead of catching a class per status; {@link VideoNotFoundException}, the one callers most often
 * handle apart, is the only subclass.
 *
 * <pre>{@code
 * } catch (SoraApiException e) {
 *   if (e.kind() == SoraApiException.Kind.RATE_LIMITED) {
 *     retryLater(e.retryAfter().orElse(Duration.ofSeconds(30)));
 *   }
 * }
 * }</pre>
 */
public class SoraApiException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** What sort of refusal an API error is; each is named by the HTTP status it usually comes with. */
  public enum Kind {
    /** HTTP 401: the API key was refused. Retrying will not help. */
    AUTHENTICATION,
    /** HTTP 403: the key is valid but may not read this job or use this model. */
    PERMISSION_DENIED,
    /** HTTP 404, or a gateway's 400 {@code task_not_exist}: always a {@link VideoNotFoundException}. */
    NOT_FOUND,
    /** HTTP 429: too many requests; {@link SoraApiException#retryAfter()} tells how long to wait, if sent. */
    RATE_LIMITED,
    /** HTTP 5xx: the server failed; usually worth retrying later. */
    SERVER_ERROR,
    /** HTTP 3xx: a redirect, which is never followed so that the API key stays with the API. */
    REDIRECT,
    /** Any other status (400, 409, 422, ...): the server refused the request as it was. */
    REJECTED;

    /**
     * Returns the kind an HTTP status stands for.
     *
     * @param statusCode the HTTP status
     * @return its kind; statuses outside 3xx to 5xx are {@link #REJECTED}
     */
    public static Kind of(int statusCode) {
      if (statusCode == 401) {
        return AUTHENTICATION;
      }
      if (statusCode == 403) {
        return PERMISSION_DENIED;
      }
      if (statusCode == 404) {
        return NOT_FOUND;
      }
      if (statusCode == 429) {
        return RATE_LIMITED;
      }
      if (statusCode >= 500 && statusCode <= 599) {
        return SERVER_ERROR;
      }
      if (statusCode >= 300 && statusCode <= 399) {
        return REDIRECT;
      }
      return REJECTED;
    }
  }

  /** What sort of refusal this is. */
  private final Kind kind;
  /** The HTTP status code. */
  private final int statusCode;
  /** The API's error code, or null when the body named none. */
  private final String errorCode;
  /** The request id the server sent, or null. */
  private final String requestId;
  /** The delay the server asked for, or null when it asked for none. */
  private final Duration retryAfter;
  /** A short, redacted excerpt of the error body. */
  private final String bodyExcerpt;

  /**
   * Creates an error for an HTTP response.
   *
   * @param message what went wrong, starting with the status
   * @param kind what sort of refusal it is, usually {@link Kind#of(int) Kind.of(statusCode)}
   * @param statusCode the HTTP status
   * @param errorCode the error code from the body, if any
   * @param requestId the server's request id, if any
   * @param retryAfter the delay the server asked for ({@code Retry-After} or a gateway's equivalent), if any
   * @param bodyExcerpt a short excerpt of the body with secrets masked; may be empty
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code kind} is {@link Kind#NOT_FOUND} outside a {@link
   *     VideoNotFoundException}, or {@code retryAfter} is negative
   */
  public SoraApiException(String message, Kind kind, int statusCode, Optional<String> errorCode,
      Optional<String> requestId, Optional<Duration> retryAfter, String bodyExcerpt) {
    super(message, null);
    this.kind = Objects.requireNonNull(kind, "kind == null");
    if (kind == Kind.NOT_FOUND && !(this instanceof VideoNotFoundException)) {
      throw new IllegalArgumentException("an API error of kind NOT_FOUND is a VideoNotFoundException");
    }
    this.statusCode = statusCode;
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode == null").orElse(null);
    this.requestId = Objects.requireNonNull(requestId, "requestId == null").orElse(null);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null").orElse(null);
    if (this.retryAfter != null && this.retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative but was " + this.retryAfter);
    }
    this.bodyExcerpt = Objects.requireNonNull(bodyExcerpt, "bodyExcerpt == null");
  }

  /**
   * Returns what sort of refusal this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
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
   * Returns how long the server asked the client to wait before it tries again, as sent in
   * {@code Retry-After} (seconds or a date) or a gateway's equivalent header; mostly with {@link
   * Kind#RATE_LIMITED} and 503.
   *
   * @return the delay, if the server asked for one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
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
