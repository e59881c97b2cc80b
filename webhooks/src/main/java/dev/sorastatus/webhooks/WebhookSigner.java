package dev.sorastatus.webhooks;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Signs webhook deliveries as Standard Webhooks senders do (OpenAI, Gemini and Replicate among them), for
 * tests of an endpoint and for the testkit's fake: HMAC-SHA256 of {@code {id}.{timestamp}.{body}} under the
 * secret, in base64, as {@code v1,<signature>}. Never shows its secret.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.create("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
 * Map<String, String> headers = signer.headers("msg_1", clock.instant(), body);
 * }</pre>
 */
public final class WebhookSigner {
  private final byte[] key;

  private WebhookSigner(byte[] key) {
    this.key = key;
  }

  /**
   * Returns a signer with {@code secret}.
   *
   * @param secret {@code whsec_} and base64, or base64 alone
   * @return the signer
   * @throws NullPointerException if {@code secret} is null
   * @throws IllegalArgumentException if the secret is not base64 or is empty (the message never holds it)
   */
  public static WebhookSigner create(String secret) {
    return new WebhookSigner(Secrets.decode(secret));
  }

  /**
   * Returns the signature of one delivery as the {@code webhook-signature} header holds it.
   *
   * @param id the delivery's {@code webhook-id}
   * @param timestamp its {@code webhook-timestamp} in seconds since the epoch
   * @param body the exact bytes sent
   * @return {@code v1,<base64 signature>}
   * @throws NullPointerException if an argument is null
   */
  public String sign(String id, long timestamp, byte[] body) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(body, "body == null");
    return "v1," + Base64.getEncoder().encodeToString(Secrets.sign(key, id, timestamp, body));
  }

  /**
   * Returns the three headers of one delivery: {@code webhook-id}, {@code webhook-timestamp} (seconds) and
   * {@code webhook-signature}.
   *
   * @param id the delivery's id
   * @param timestamp when it is sent; the fraction of a second is dropped
   * @param body the exact bytes sent
   * @return the headers
   * @throws NullPointerException if an argument is null
   */
  public Map<String, String> headers(String id, Instant timestamp, byte[] body) {
    Objects.requireNonNull(timestamp, "timestamp == null");
    long seconds = timestamp.getEpochSecond();
    return Map.of(WebhookVerifier.ID, id, WebhookVerifier.TIMESTAMP, Long.toString(seconds),
        WebhookVerifier.SIGNATURE, sign(id, seconds, body));
  }

  /** Returns the kind of signer; never the secret. */
  @Override
  public String toString() {
    return "WebhookSigner[v1, secret redacted]";
  }
}
