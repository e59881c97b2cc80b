package dev.sorastatus.webhooks;

import dev.sorastatus.SoraException;
import java.util.Objects;

/**
 * Says why a webhook or callback was refused: one exception for every failure, with a {@link Reason} to
 * branch on and the HTTP status to answer with. Its message says what failed and never contains a secret,
 * a token or a signature.
 */
public final class WebhookVerificationException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** What failed, with the HTTP status a receiver answers it with. */
  public enum Reason {
    /** A required header ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) is absent. */
    MISSING_HEADER(400),
    /** {@code webhook-timestamp} is not a whole number of seconds since the epoch. */
    BAD_TIMESTAMP(400),
    /** {@code webhook-timestamp} is older than the tolerance: a replay or a very late delivery. */
    STALE_TIMESTAMP(401),
    /** {@code webhook-timestamp} is further ahead than the tolerance. */
    FUTURE_TIMESTAMP(401),
    /** No {@code v1} signature in {@code webhook-signature} matches the body under any of the secrets. */
    NO_MATCHING_SIGNATURE(401),
    /** A gateway callback's shared token is absent or wrong. */
    BAD_TOKEN(401),
    /** The body is larger than the receiver's limit. */
    BODY_TOO_LARGE(413),
    /** The body, though authentic, is not an event with a type and a video id. */
    MALFORMED_BODY(400),
    /** The request's method is not {@code POST}. */
    METHOD_NOT_ALLOWED(405);

    private final int statusCode;

    Reason(int statusCode) {
      this.statusCode = statusCode;
    }

    /**
     * Returns the HTTP status a receiver answers this failure with.
     *
     * @return 400, 401, 405 or 413
     */
    public int statusCode() {
      return statusCode;
    }
  }

  /** What failed. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason what failed
   * @param message what failed, in words; must hold no secret, token or signature
   * @throws NullPointerException if an argument is null
   */
  public WebhookVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message == null"), null);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /**
   * Returns what failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
