package dev.sorastatus.webhooks;

import static dev.sorastatus.webhooks.WebhookVerifierTest.EVENT;
import static dev.sorastatus.webhooks.WebhookVerifierTest.VECTOR_SECRET;
import static dev.sorastatus.webhooks.WebhookVerifierTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.ManualTime;
import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.webhooks.WebhookResponse.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The framework-neutral entry point over a poller on manual time: what wakes, what is ignored, what is refused. */
class WebhookReceiverTest {
  static final VideoId ID = VideoId.of("video_123");

  final ManualTime time = new ManualTime();
  final CountingPort port = new CountingPort(time);
  final VideoPoller poller = VideoPoller.builder(port).config(SoraConfig.builder().baseUrl("http://127.0.0.1/v1")
      .apiKey("sk-test-0000000000000000").clock(time).scheduler(time).build()).build();
  final PollOptions every30s = PollOptions.builder().initialDelay(Duration.ZERO).jitter(0)
      .initialInterval(Duration.ofSeconds(30)).multiplier(1).build();
  final WebhookReceiver receiver = WebhookReceiver.builder(poller)
      .verifier(WebhookVerifier.builder().secret(VECTOR_SECRET).clock(time).build()).maxBodyBytes(1024).build();
  final WebhookSigner signer = WebhookSigner.create(VECTOR_SECRET);

  WebhookRequest signed(String id, String body) {
    Map<String, List<String>> h = new HashMap<>();
    signer.headers(id, time.instant(), bytes(body)).forEach((k, v) -> h.put(k, List.of(v)));
    return WebhookRequest.of("POST", h, bytes(body));
  }

  /** Starts a wait on {@link #ID} whose first read, made here, says queued. */
  CompletableFuture<Video> waitingWhileQueued() {
    port.answers.add(video(VideoStatus.QUEUED));
    CompletableFuture<Video> wait = poller.awaitAsync(ID, every30s);
    time.runDue();
    return wait;
  }

  @Test
  void aVerifiedEventWakesTheWaitAndTheReadDecides() {
    port.answers.add(video(VideoStatus.QUEUED));
    port.answers.add(video(VideoStatus.COMPLETED));
    CompletableFuture<Video> wait = poller.awaitAsync(ID, every30s);
    time.runDue();
    time.advance(Duration.ofSeconds(7));

    WebhookResponse response = receiver.handle(signed("msg_1", EVENT));

    assertThat(response).isEqualTo(new WebhookResponse(200, Outcome.WOKEN, "woke the wait for video_123"));
    assertThat(port.reads).isEqualTo(1); // answered before the read is made
    time.runDue();
    assertThat(port.reads).isEqualTo(2);
    assertThat(wait).isCompleted();
    assertThat(wait.getNow(null).status()).isEqualTo(VideoStatus.COMPLETED);
  }

  @Test
  void anyWakeFunctionCanBeWokenSuchAsATrackersAndItsAnswerIsCounted() {
    List<VideoId> asked = new java.util.ArrayList<>();
    WebhookReceiver toTracker = WebhookReceiver.builder(id -> asked.add(id) && id.equals(ID))
        .verifier(WebhookVerifier.builder().secret(VECTOR_SECRET).clock(time).build()).build();

    WebhookResponse woken = toTracker.handle(signed("msg_1", EVENT));
    WebhookResponse other = toTracker.handle(signed("msg_2", EVENT.replace("video_123", "video_456")));

    assertThat(asked).containsExactly(ID, VideoId.of("video_456"));
    assertThat(woken.outcome()).isEqualTo(Outcome.WOKEN);
    assertThat(other.outcome()).isEqualTo(Outcome.NOT_WAITING);
    assertThat(toTracker.counts()).isEqualTo(new WebhookCounts(2, 1, 1, 0, 0));
  }

  @Test
  void aCompletedEventDoesNotEndAWaitWhoseReadSaysOtherwise() {
    CompletableFuture<Video> wait = waitingWhileQueued();

    receiver.handle(signed("msg_1", EVENT));
    time.advance(Duration.ofSeconds(1)); // the woken read waits for its slot in the poller's budget: 20 ms

    assertThat(port.reads).isEqualTo(2);
    assertThat(wait).isNotDone();
  }

  @Test
  void anEventForAJobNobodyWaitsForIsCountedAndIgnored() {
    WebhookResponse response = receiver.handle(signed("msg_1", EVENT));

    assertThat(response.outcome()).isEqualTo(Outcome.NOT_WAITING);
    assertThat(response.accepted()).isTrue();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(receiver.counts()).isEqualTo(new WebhookCounts(1, 0, 1, 0, 0));
    assertThat(port.reads).isZero();
  }

  @Test
  void aRepeatedEventIdIsADuplicateAndWakesNothing() {
    waitingWhileQueued();

    receiver.handle(signed("msg_1", EVENT));
    time.advance(Duration.ofSeconds(10));
    WebhookResponse again = receiver.handle(signed("msg_1", EVENT)); // the sender's retry: fresh timestamp

    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(again.statusCode()).isEqualTo(200);
    time.runDue();
    assertThat(port.reads).isEqualTo(2);
    assertThat(receiver.counts()).isEqualTo(new WebhookCounts(2, 1, 0, 1, 0));
  }

  @Test
  void duplicatesAreRememberedWithinBoundedMemory() {
    SeenEvents seen = new SeenEvents(3, Duration.ofMinutes(10), time);
    for (int i = 0; i < 10; i++) {
      assertThat(seen.firstSighting("msg_" + i)).isTrue();
    }
    assertThat(seen.size()).isEqualTo(3);
    assertThat(seen.firstSighting("msg_9")).isFalse();
    time.advance(Duration.ofMinutes(11));
    assertThat(seen.firstSighting("msg_9")).isTrue(); // forgotten after the window
    assertThat(seen.size()).isEqualTo(1);
  }

  @Test
  void aBadlySignedEventIsRefusedAndWakesNothing() {
    waitingWhileQueued();
    WebhookRequest good = signed("msg_1", EVENT);
    Map<String, List<String>> forged = new HashMap<>(good.headers());
    forged.put("webhook-signature", List.of("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));

    WebhookResponse response = receiver.handle(WebhookRequest.of("POST", forged, good.body()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(response.message()).startsWith("NO_MATCHING_SIGNATURE").doesNotContain("g0hM9SsE");
    time.runDue();
    assertThat(port.reads).isEqualTo(1);
    assertThat(receiver.counts().rejected()).isEqualTo(1);
  }

  @Test
  void onlyPostIsTakenAndAnOversizeBodyIsRefused() {
    assertThat(receiver.handle(WebhookRequest.of("GET", Map.of(), new byte[0])).statusCode()).isEqualTo(405);
    assertThat(receiver.handle(WebhookRequest.of("POST", Map.of(), new byte[1025])).statusCode()).isEqualTo(413);
    assertThat(receiver.handle(WebhookRequest.of("POST", Map.of(), new byte[10])).statusCode()).isEqualTo(400);
    assertThat(receiver.counts()).isEqualTo(new WebhookCounts(3, 0, 0, 0, 3));
  }

  @Test
  void gatewayCallbacksWakeOnlyWithTheRightToken() {
    waitingWhileQueued();
    WebhookReceiver callbacks = WebhookReceiver.builder(poller)
        .gatewayCallbacks(GatewayCallbacks.tokenInQuery("token", "s3cr3t-token")).build();
    byte[] task = bytes("{\"task_id\":\"video_123\",\"status\":\"processing\",\"progress\":40}");

    WebhookResponse wrong = callbacks.handle(new WebhookRequest("POST", Map.of(), "token=guess", task));
    WebhookResponse none = callbacks.handle(new WebhookRequest("POST", Map.of(), "", task));
    WebhookResponse right = callbacks.handle(new WebhookRequest("POST", Map.of(), "a=1&token=s3cr3t%2Dtoken", task));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.message()).startsWith("BAD_TOKEN").doesNotContain("s3cr3t").doesNotContain("guess");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(right.outcome()).isEqualTo(Outcome.WOKEN);
    assertThat(callbacks.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void aCallbackTokenCanComeInAHeaderAndTheTaskIdFromAnyUsualField() {
    waitingWhileQueued();
    WebhookReceiver callbacks = WebhookReceiver.builder(poller)
        .gatewayCallbacks(GatewayCallbacks.tokenInHeader("X-Callback-Token", "tok")).build();
    Map<String, List<String>> h = Map.of("x-callback-token", List.of("tok"));

    assertThat(callbacks.handle(WebhookRequest.of("POST", h, bytes("{\"id\":\"video_123\"}"))).outcome())
        .isEqualTo(Outcome.WOKEN);
    assertThat(callbacks.handle(WebhookRequest.of("POST", h, bytes("{\"code\":0,\"data\":{\"task_id\":\"video_123\"}}")))
        .outcome()).isEqualTo(Outcome.WOKEN);
    assertThat(callbacks.handle(WebhookRequest.of("POST", h, bytes("{\"status\":\"ok\"}"))).statusCode())
        .isEqualTo(400);
    WebhookReceiver open = WebhookReceiver.builder(poller).gatewayCallbacks(GatewayCallbacks.unchecked()).build();
    assertThat(open.handle(WebhookRequest.of("POST", Map.of(), bytes("{\"id\":\"video_999\"}"))).outcome())
        .isEqualTo(Outcome.NOT_WAITING);
  }

  @Test
  void aReceiverTakesExactlyOneKindOfDelivery() {
    assertThatThrownBy(() -> WebhookReceiver.builder(poller).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder(poller).verifier(WebhookVerifier.create(VECTOR_SECRET))
        .gatewayCallbacks(GatewayCallbacks.unchecked()).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder((VideoPoller) null)).hasMessage("poller == null");
    assertThatThrownBy(() -> WebhookReceiver.builder((java.util.function.Predicate<VideoId>) null))
        .hasMessage("wake == null");
    assertThatThrownBy(() -> receiver.handle(null)).hasMessage("request == null");
    assertThatThrownBy(() -> WebhookReceiver.builder(poller).maxBodyBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayCallbacks.tokenInHeader("X", " ")).isInstanceOf(IllegalArgumentException.class);
  }

  static Video video(VideoStatus status) {
    return Video.builder(ID, status).build();
  }

  /** Answers reads from a queue, the last answer sticking; counts them. */
  static final class CountingPort implements VideoStatusPort {
    final List<Video> answers = new ArrayList<>();
    final ManualTime time;
    volatile int reads;

    CountingPort(ManualTime time) {
      this.time = time;
    }

    @Override
    public Video retrieve(VideoId id) {
      return retrieveAsync(id).join();
    }

    @Override
    public synchronized CompletableFuture<Video> retrieveAsync(VideoId id) {
      reads++;
      Video v = answers.size() > 1 ? answers.remove(0) : answers.get(0);
      return CompletableFuture.completedFuture(v);
    }
  }
}
