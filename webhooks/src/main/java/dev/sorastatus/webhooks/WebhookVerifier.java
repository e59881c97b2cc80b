package dev.sorastatus.webhooks;

import dev.sorastatus.webhooks.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies Standard Webhooks deliveries, the scheme OpenAI's video API, Gemini and Replicate sign with, and
 * reads the verified body as a {@link VideoEvent}. The signed content is
 * {@code {webhook-id}.{webhook-timestamp}.{raw body}}; {@code webhook-signature} holds one or more
 * space-separated {@code v1,<base64 HMAC-SHA256>} entries, of which any one matching is enough. Signatures
 * are compared in constant time; the timestamp must be within the tolerance of the clock either way, so that
 * a captured delivery cannot be replayed later. Several secrets are tried at once, for rotation.
 *
 * <p>A secret is {@code whsec_} followed by base64; a secret without the prefix is taken as base64 too, as the
 * reference libraries do. Neither a secret nor a signature ever appears in a message or in {@link #toString()}.
 * Thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.create(System.getenv("SORA_WEBHOOK_SECRET"));
 * VideoEvent event = verifier.verify(headers, body);   // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {
  /** The default tolerance between a delivery's timestamp and the clock: five minutes either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  static final String ID = "webhook-id";
  static final String TIMESTAMP = "webhook-timestamp";
  static final String SIGNATURE = "webhook-signature";

  private final List<byte[]> keys;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(Builder b) {
    this.keys = List.copyOf(b.keys);
    this.tolerance = b.tolerance;
    this.clock = b.clock;
  }

  /**
   * Returns a verifier with one secret, the default tolerance and the system clock.
   *
   * @param secret {@code whsec_} and base64, or base64 alone
   * @return the verifier
   * @throws NullPointerException if {@code secret} is null
   * @throws IllegalArgumentException if the secret is not base64 or is empty (the message never holds it)
   */
  public static WebhookVerifier create(String secret) {
    return builder().secret(secret).build();
  }

  /**
   * Returns a builder, for several secrets, another tolerance or another clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the tolerance between a delivery's timestamp and the clock.
   *
   * @return the tolerance, either way
   */
  public Duration tolerance() {
    return tolerance;
  }

  /**
   * Verifies one delivery and returns its event.
   *
   * <pre>{@code
   * VideoEvent event = verifier.verify(Map.of(
   *     "webhook-id", List.of(id), "webhook-timestamp", List.of(ts), "webhook-signature", List.of(sig)), body);
   * }</pre>
   *
   * @param headers the request's headers; names are matched ignoring case
   * @param body the raw body, exactly as received
   * @return the verified event
   * @throws NullPointerException if an argument is null
   * @throws WebhookVerificationException if a header is missing ({@link Reason#MISSING_HEADER}), the timestamp
   *     is not a number ({@link Reason#BAD_TIMESTAMP}), older or newer than the tolerance
   *     ({@link Reason#STALE_TIMESTAMP}, {@link Reason#FUTURE_TIMESTAMP}), no signature matches
   *     ({@link Reason#NO_MATCHING_SIGNATURE}), or the authentic body is not a video event
   *     ({@link Reason#MALFORMED_BODY})
   */
  public VideoEvent verify(Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    String id = header(headers, ID);
    String rawTimestamp = header(headers, TIMESTAMP);
    String signatures = header(headers, SIGNATURE);
    long timestamp = checkTimestamp(rawTimestamp);
    checkSignature(id, timestamp, signatures, body);
    EventJson.Fields fields = EventJson.read(body);
    if (fields.type == null || fields.type.isBlank()) {
      throw EventJson.malformed("the event has no type");
    }
    Instant createdAt = fields.createdAt != null ? fields.createdAt : Instant.ofEpochSecond(timestamp);
    return new VideoEvent(id, fields.type, VideoEvent.Kind.of(fields.type), createdAt, EventJson.videoId(fields));
  }

  private long checkTimestamp(String raw) {
    long seconds;
    try {
      seconds = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(Reason.BAD_TIMESTAMP,
          TIMESTAMP + " is not a whole number of seconds since the epoch");
    }
    Instant sent;
    try {
      sent = Instant.ofEpochSecond(seconds);
    } catch (RuntimeException e) {
      throw new WebhookVerificationException(Reason.BAD_TIMESTAMP, TIMESTAMP + " " + seconds + " is out of range");
    }
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(tolerance))) {
      throw new WebhookVerificationException(Reason.STALE_TIMESTAMP, TIMESTAMP + " " + seconds + " is "
          + Duration.between(sent, now).toSeconds() + " s old, past the tolerance of " + tolerance.toSeconds() + " s");
    }
    if (sent.isAfter(now.plus(tolerance))) {
      throw new WebhookVerificationException(Reason.FUTURE_TIMESTAMP, TIMESTAMP + " " + seconds + " is "
          + Duration.between(now, sent).toSeconds() + " s ahead, past the tolerance of " + tolerance.toSeconds()
          + " s");
    }
    return seconds;
  }

  private void checkSignature(String id, long timestamp, String header, byte[] body) {
    List<byte[]> offered = new ArrayList<>();
    for (String entry : header.trim().split(" +")) {
      int comma = entry.indexOf(',');
      if (comma > 0 && entry.substring(0, comma).equals("v1")) {
        try {
          offered.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
        } catch (IllegalArgumentException notBase64) {
          // a garbled entry matches nothing; another entry may still match
        }
      }
    }
    for (byte[] key : keys) {
      byte[] expected = Secrets.sign(key, id, timestamp, body);
      for (byte[] candidate : offered) {
        if (MessageDigest.isEqual(expected, candidate)) {
          return;
        }
      }
    }
    throw new WebhookVerificationException(Reason.NO_MATCHING_SIGNATURE, "none of the " + offered.size()
        + " v1 signature(s) in " + SIGNATURE + " matches the body under any of the " + keys.size() + " secret(s)");
  }

  /** Returns the first value of a header, matching its name ignoring case. */
  static String header(Map<String, List<String>> headers, String name) {
    return Headers.first(headers, name).filter(v -> !v.isBlank()).orElseThrow(() ->
        new WebhookVerificationException(Reason.MISSING_HEADER, "the " + name + " header is missing"));
  }

  Clock clock() {
    return clock;
  }

  /** Returns the number of secrets and the tolerance; never a secret. */
  @Override
  public String toString() {
    return "WebhookVerifier[" + keys.size() + " secret(s) redacted, tolerance " + tolerance + ", " + clock + "]";
  }

  /** Builds a {@link WebhookVerifier}; every setter validates its argument. */
  public static final class Builder {
    private final List<byte[]> keys = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds a secret; during a rotation add the old and the new, and a delivery signed with either verifies.
     *
     * @param secret {@code whsec_} and base64, or base64 alone
     * @return this builder
     * @throws NullPointerException if {@code secret} is null
     * @throws IllegalArgumentException if the secret is not base64 or is empty (the message never holds it)
     */
    public Builder secret(String secret) {
      keys.add(Secrets.decode(secret));
      return this;
    }

    /**
     * Sets how far a delivery's timestamp may be from the clock, either way; exactly the tolerance passes.
     *
     * @param tolerance a positive duration; {@link #DEFAULT_TOLERANCE} by default
     * @return this builder
     * @throws NullPointerException if {@code tolerance} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance == null");
      if (tolerance.isZero() || tolerance.isNegative()) {
        throw new IllegalArgumentException("tolerance must be positive but was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Sets the clock timestamps are checked against.
     *
     * @param clock the clock; {@link Clock#systemUTC()} by default
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @return a new verifier
     * @throws IllegalStateException if no secret was given
     */
    public WebhookVerifier build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("a WebhookVerifier needs at least one secret");
      }
      return new WebhookVerifier(this);
    }
  }
}
