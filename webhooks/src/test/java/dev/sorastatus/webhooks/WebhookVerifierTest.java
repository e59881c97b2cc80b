package dev.sorastatus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.VideoId;
import dev.sorastatus.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  // The test vector published with the Standard Webhooks reference libraries (and Svix's, which they came from).
  static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long VECTOR_TIMESTAMP = 1614265330;
  static final String VECTOR_BODY = "{\"test\": 2432232314}";
  static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  static final Instant NOW = Instant.ofEpochSecond(VECTOR_TIMESTAMP);
  static final String OTHER_SECRET = "whsec_" + java.util.Base64.getEncoder()
      .encodeToString("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8));
  static final String EVENT = "{\"id\":\"evt_1\",\"object\":\"event\",\"created_at\":1614265300,"
      + "\"type\":\"video.completed\",\"data\":{\"id\":\"video_123\",\"ignored\":[1,2]}}";

  private static WebhookVerifier verifier(Instant now, String... secrets) {
    WebhookVerifier.Builder b = WebhookVerifier.builder().clock(Clock.fixed(now, ZoneOffset.UTC));
    for (String s : secrets) {
      b.secret(s);
    }
    return b.build();
  }

  static Map<String, List<String>> headers(String id, long ts, String signature) {
    Map<String, List<String>> h = new HashMap<>();
    h.put("Webhook-Id", List.of(id));
    h.put("Webhook-Timestamp", List.of(Long.toString(ts)));
    h.put("Webhook-Signature", List.of(signature));
    return h;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theSignerReproducesThePublishedTestVector() {
    assertThat(WebhookSigner.create(VECTOR_SECRET).sign(VECTOR_ID, VECTOR_TIMESTAMP, bytes(VECTOR_BODY)))
        .isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void thePublishedTestVectorPassesTheSignatureCheck() {
    // its body is no video event, so it gets past the signature and stops at the body
    assertThatThrownBy(() -> verifier(NOW, VECTOR_SECRET)
        .verify(headers(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE), bytes(VECTOR_BODY)))
        .isInstanceOfSatisfying(WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
  }

  @Test
  void aSecretWithoutThePrefixIsTakenAsBase64Too() {
    String bare = VECTOR_SECRET.substring("whsec_".length());
    assertThat(WebhookSigner.create(bare).sign(VECTOR_ID, VECTOR_TIMESTAMP, bytes(VECTOR_BODY)))
        .isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void aTamperedBodyIdOrTimestampMatchesNoSignature() {
    WebhookVerifier v = verifier(NOW, VECTOR_SECRET);
    assertReason(() -> v.verify(headers(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE),
        bytes("{\"test\": 2432232315}")), Reason.NO_MATCHING_SIGNATURE);
    assertReason(() -> v.verify(headers("msg_p5jXN8AQM9LWM0D4loKWxJeK", VECTOR_TIMESTAMP, VECTOR_SIGNATURE),
        bytes(VECTOR_BODY)), Reason.NO_MATCHING_SIGNATURE);
    assertReason(() -> v.verify(headers(VECTOR_ID, VECTOR_TIMESTAMP + 1, VECTOR_SIGNATURE), bytes(VECTOR_BODY)),
        Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void aVerifiedEventIsReadWithItsVideoIdTypeAndTime() {
    String sig = WebhookSigner.create(VECTOR_SECRET).sign("msg_1", VECTOR_TIMESTAMP, bytes(EVENT));

    VideoEvent event = verifier(NOW, VECTOR_SECRET).verify(headers("msg_1", VECTOR_TIMESTAMP, sig), bytes(EVENT));

    assertThat(event).isEqualTo(new VideoEvent("msg_1", "video.completed", VideoEvent.Kind.COMPLETED,
        Instant.ofEpochSecond(1614265300), VideoId.of("video_123")));
  }

  @Test
  void anUnknownTypeIsKeptRawAndAnEventWithoutATimeTakesTheHeaders() {
    String body = "{\"type\":\"video.moderated\",\"data\":{\"id\":\"video_9\"}}";
    String sig = WebhookSigner.create(VECTOR_SECRET).sign("msg_2", VECTOR_TIMESTAMP, bytes(body));

    VideoEvent event = verifier(NOW, VECTOR_SECRET).verify(headers("msg_2", VECTOR_TIMESTAMP, sig), bytes(body));

    assertThat(event.kind()).isEqualTo(VideoEvent.Kind.OTHER);
    assertThat(event.type()).isEqualTo("video.moderated");
    assertThat(event.createdAt()).isEqualTo(NOW);
    assertThat(VideoEvent.Kind.of("video.failed")).isEqualTo(VideoEvent.Kind.FAILED);
  }

  @Test
  void anyOfSeveralSignaturesAndAnyOfSeveralSecretsIsEnough() {
    String oldSig = WebhookSigner.create(VECTOR_SECRET).sign("msg_3", VECTOR_TIMESTAMP, bytes(EVENT));
    String newSig = WebhookSigner.create(OTHER_SECRET).sign("msg_3", VECTOR_TIMESTAMP, bytes(EVENT));

    WebhookVerifier rotating = verifier(NOW, OTHER_SECRET, VECTOR_SECRET);
    assertThat(rotating.verify(headers("msg_3", VECTOR_TIMESTAMP, oldSig), bytes(EVENT)).id()).isEqualTo("msg_3");
    assertThat(rotating.verify(headers("msg_3", VECTOR_TIMESTAMP, newSig), bytes(EVENT)).id()).isEqualTo("msg_3");
    assertThat(verifier(NOW, VECTOR_SECRET).verify(headers("msg_3", VECTOR_TIMESTAMP,
        "v1,bm9wZQ== v2,xyz v1,!!notbase64 " + oldSig), bytes(EVENT)).id()).isEqualTo("msg_3");
    assertReason(() -> verifier(NOW, OTHER_SECRET).verify(headers("msg_3", VECTOR_TIMESTAMP, oldSig), bytes(EVENT)),
        Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void aTimestampExactlyAtTheToleranceIsAcceptedAndOneSecondPastIsNot() {
    String sig = WebhookSigner.create(VECTOR_SECRET).sign("msg_4", VECTOR_TIMESTAMP, bytes(EVENT));
    Map<String, List<String>> h = headers("msg_4", VECTOR_TIMESTAMP, sig);
    Duration five = Duration.ofMinutes(5);

    assertThat(verifier(NOW.plus(five), VECTOR_SECRET).verify(h, bytes(EVENT))).isNotNull();
    assertThat(verifier(NOW.minus(five), VECTOR_SECRET).verify(h, bytes(EVENT))).isNotNull();
    assertReason(() -> verifier(NOW.plus(five).plusSeconds(1), VECTOR_SECRET).verify(h, bytes(EVENT)),
        Reason.STALE_TIMESTAMP);
    assertReason(() -> verifier(NOW.minus(five).minusSeconds(1), VECTOR_SECRET).verify(h, bytes(EVENT)),
        Reason.FUTURE_TIMESTAMP);
  }

  @Test
  void theToleranceIsConfigurable() {
    String sig = WebhookSigner.create(VECTOR_SECRET).sign("msg_5", VECTOR_TIMESTAMP, bytes(EVENT));
    WebhookVerifier strict = WebhookVerifier.builder().secret(VECTOR_SECRET).tolerance(Duration.ofSeconds(30))
        .clock(Clock.fixed(NOW.plusSeconds(31), ZoneOffset.UTC)).build();

    assertReason(() -> strict.verify(headers("msg_5", VECTOR_TIMESTAMP, sig), bytes(EVENT)), Reason.STALE_TIMESTAMP);
    assertThat(strict.tolerance()).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachMissingHeaderIsNamed() {
    WebhookVerifier v = verifier(NOW, VECTOR_SECRET);
    for (String name : List.of("Webhook-Id", "Webhook-Timestamp", "Webhook-Signature")) {
      Map<String, List<String>> h = headers(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE);
      h.remove(name);
      assertThatThrownBy(() -> v.verify(h, bytes(VECTOR_BODY)))
          .isInstanceOfSatisfying(WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
          .hasMessageContaining(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void aTimestampThatIsNotANumberIsBad() {
    Map<String, List<String>> h = headers(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE);
    h.put("webhook-timestamp", List.of("2021-02-25T15:02:10Z"));
    h.remove("Webhook-Timestamp");
    assertReason(() -> verifier(NOW, VECTOR_SECRET).verify(h, bytes(VECTOR_BODY)), Reason.BAD_TIMESTAMP);
    h.put("webhook-timestamp", List.of("99999999999999999"));
    assertReason(() -> verifier(NOW, VECTOR_SECRET).verify(h, bytes(VECTOR_BODY)), Reason.BAD_TIMESTAMP);
  }

  @Test
  void anAuthenticBodyThatIsNoVideoEventIsMalformed() {
    for (String body : List.of("not json", "[1]", "{\"type\":\"video.completed\"}",
        "{\"data\":{\"id\":\"video_1\"}}", "{\"type\":\"video.completed\",\"data\":{\"id\":\"../etc\"}}", "")) {
      String sig = WebhookSigner.create(VECTOR_SECRET).sign("msg_6", VECTOR_TIMESTAMP, bytes(body));
      assertReason(() -> verifier(NOW, VECTOR_SECRET).verify(headers("msg_6", VECTOR_TIMESTAMP, sig), bytes(body)),
          Reason.MALFORMED_BODY);
    }
  }

  @Test
  void noMessageOrDescriptionHoldsASecretOrASignature() {
    String bare = VECTOR_SECRET.substring("whsec_".length());
    String sigValue = VECTOR_SIGNATURE.substring(3);
    WebhookVerifier v = verifier(NOW, VECTOR_SECRET);
    List<Runnable> failures = List.of(
        () -> v.verify(headers(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE), bytes("{}x")),
        () -> v.verify(headers(VECTOR_ID, VECTOR_TIMESTAMP + 1, VECTOR_SIGNATURE), bytes(VECTOR_BODY)),
        () -> v.verify(headers(VECTOR_ID, VECTOR_TIMESTAMP + 3600, VECTOR_SIGNATURE), bytes(VECTOR_BODY)),
        () -> WebhookVerifier.create("whsec_" + bare + "%%"),
        () -> WebhookSigner.create("whsec_"));
    for (Runnable r : failures) {
      assertThatThrownBy(r::run).satisfies(e -> assertThat(e.getMessage())
          .doesNotContain(bare).doesNotContain(sigValue).doesNotContain(bare.substring(0, 12)));
    }
    assertThat(v.toString()).doesNotContain(bare).contains("redacted");
    assertThat(WebhookSigner.create(VECTOR_SECRET).toString()).doesNotContain(bare);
    assertThat(WebhookRequest.of("POST", headers(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE), bytes(VECTOR_BODY))
        .toString()).doesNotContain(sigValue);
  }

  @Test
  void badArgumentsAreTypedErrorsNotNullPointers() {
    assertThatThrownBy(() -> WebhookVerifier.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> WebhookVerifier.create(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("secret == null");
    assertThatThrownBy(() -> verifier(NOW, VECTOR_SECRET).verify(null, new byte[0]))
        .hasMessage("headers == null");
    Map<String, List<String>> withNulls = new HashMap<>();
    withNulls.put(null, null);
    withNulls.put("webhook-id", java.util.Arrays.asList((String) null));
    assertReason(() -> verifier(NOW, VECTOR_SECRET).verify(withNulls, new byte[0]), Reason.MISSING_HEADER);
  }

  static void assertReason(Runnable call, Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(WebhookVerificationException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
