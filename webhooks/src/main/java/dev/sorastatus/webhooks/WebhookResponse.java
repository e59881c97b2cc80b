package dev.sorastatus.webhooks;

import java.util.Objects;

/**
 * What a {@link WebhookReceiver} answers one request with: the status code to send, how the request was
 * taken, and a short text for the body, which never holds a secret, a token or a signature.
 *
 * @param statusCode 200 for an accepted event (woken, nobody waiting or a duplicate), else 400, 401, 405 or 413
 * @param outcome how the request was taken
 * @param message a short text for the response body
 */
public record WebhookResponse(int statusCode, Outcome outcome, String message) {
  /** How a request was taken. */
  public enum Outcome {
    /** Verified, and a wait on its job was woken: a read is on its way. */
    WOKEN,
    /** Verified, but no wait here is on its job: counted and ignored. */
    NOT_WAITING,
    /** Verified, but its {@code webhook-id} was seen within the tolerance window: not acted on again. */
    DUPLICATE,
    /** Refused; the status code and message say why. */
    REJECTED
  }

  /**
   * Checks the response.
   *
   * @param statusCode the status code to send
   * @param outcome how the request was taken
   * @param message a short text for the body
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code statusCode} is not 100 to 599
   */
  public WebhookResponse {
    Objects.requireNonNull(outcome, "outcome == null");
    Objects.requireNonNull(message, "message == null");
    if (statusCode < 100 || statusCode > 599) {
      throw new IllegalArgumentException("statusCode must be 100..599 but was " + statusCode);
    }
  }

  /**
   * Returns whether the request was accepted (a 2xx), so that the sender does not retry it.
   *
   * @return true for {@link Outcome#WOKEN}, {@link Outcome#NOT_WAITING} and {@link Outcome#DUPLICATE}
   */
  public boolean accepted() {
    return outcome != Outcome.REJECTED;
  }
}
