package dev.sorastatus.testkit;

import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.webhooks.WebhookRequest;
import dev.sorastatus.webhooks.WebhookResponse;
import dev.sorastatus.webhooks.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The Standard Webhooks events a {@link FakeVideoApi} sends when a job finishes, signed as OpenAI's video API
 * signs them, to a URL (a POST on loopback, as a real sender would) or to a handler in memory, with the faults
 * real senders have: duplicated, delayed, reordered, never sent, badly signed. Hand it to
 * {@link FakeVideoApi#webhooks(FakeWebhooks)} before scripting jobs; each job that advances by time
 * ({@link FakeVideoApi.JobBuilder#advanceEvery(Duration)} or {@code lasting(...)}) sends a
 * {@code video.completed} or {@code video.failed} event at the virtual instant it reaches that state. A job
 * that moves one step per read sends none: it finishes only when it is read, so an event would add nothing.
 *
 * <pre>{@code
 * FakeWebhooks hooks = FakeWebhooks.builder("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
 *     .to(receiver::handle)
 *     .delayedBy(Duration.ofSeconds(2))
 *     .build();
 * api.webhooks(hooks);
 * }</pre>
 */
public final class FakeWebhooks {
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private final WebhookSigner signer;
  private final WebhookSigner wrongSigner;
  private final URI url;
  private final Function<WebhookRequest, WebhookResponse> handler;
  private final boolean duplicated;
  private final Duration delay;
  private final boolean reordered;
  private final boolean neverSent;
  private final boolean badlySigned;
  private final AtomicLong sequence = new AtomicLong();
  private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
  private HttpClient client;

  private FakeWebhooks(Builder b) {
    this.signer = b.signer;
    this.wrongSigner = WebhookSigner.create("whsec_" + Base64.getEncoder()
        .encodeToString("not the endpoint's secret, at all".getBytes(StandardCharsets.UTF_8)));
    this.url = b.url;
    this.handler = b.handler;
    this.duplicated = b.duplicated;
    this.delay = b.delay;
    this.reordered = b.reordered;
    this.neverSent = b.neverSent;
    this.badlySigned = b.badlySigned;
  }

  /**
   * Returns a builder of events signed with {@code secret}.
   *
   * @param secret the endpoint's secret, {@code whsec_} and base64
   * @return a new builder
   * @throws NullPointerException if {@code secret} is null
   * @throws IllegalArgumentException if the secret is not base64
   */
  public static Builder builder(String secret) {
    return new Builder(WebhookSigner.create(secret));
  }

  /**
   * Returns the status code of every delivery made so far, in order: what the endpoint answered.
   *
   * @return the codes; a delivery that failed to connect counts as {@code 0}
   */
  public List<Integer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  /** Plans the events of a job that reaches {@code status} at {@code at}, on {@code time}. */
  void jobFinishes(VirtualTime time, VideoId id, VideoStatus status, Instant at) {
    if (neverSent) {
      return;
    }
    String type = status == VideoStatus.FAILED ? "video.failed" : "video.completed";
    String msgId = "msg_" + id.value() + "_" + sequence.incrementAndGet();
    Duration wait = Duration.between(time.now(), at).plus(delay);
    time.schedule(wait, () -> {
      deliver(time, msgId, type, id, at);
      if (duplicated) {
        deliver(time, msgId, type, id, at); // a sender's retry: the same id, a fresh signature
      }
      if (reordered) {
        // an older progress event that arrives after the final one
        deliver(time, msgId + "_stale", "video.in_progress", id, at.minusSeconds(30));
      }
    });
  }

  private void deliver(VirtualTime time, String msgId, String type, VideoId id, Instant createdAt) {
    byte[] body = ("{\"id\":\"evt_" + msgId.substring(4) + "\",\"object\":\"event\",\"created_at\":"
        + createdAt.getEpochSecond() + ",\"type\":\"" + type + "\",\"data\":{\"id\":\"" + id.value() + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = (badlySigned ? wrongSigner : signer).headers(msgId, time.now(), body);
    if (handler != null) {
      Map<String, List<String>> multi = new HashMap<>();
      headers.forEach((k, v) -> multi.put(k, List.of(v)));
      answers.add(handler.apply(WebhookRequest.of("POST", multi, body)).statusCode());
      return;
    }
    HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(HTTP_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(post::header);
    Runnable done = time.beginWork(); // time stands still until the endpoint has answered
    client().sendAsync(post.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
      answers.add(failure == null ? response.statusCode() : 0);
      done.run();
    });
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
          .build();
    }
    return client;
  }

  /** Returns where events go and the faults; never the secret. */
  @Override
  public String toString() {
    return "FakeWebhooks[" + (url != null ? url : "in memory") + (duplicated ? ", duplicated" : "")
        + (delay.isZero() ? "" : ", delayed " + delay) + (reordered ? ", reordered" : "")
        + (neverSent ? ", never sent" : "") + (badlySigned ? ", badly signed" : "") + "]";
  }

  /** Builds {@link FakeWebhooks}: where to deliver (one of the two {@code to} methods), then any faults. */
  public static final class Builder {
    private final WebhookSigner signer;
    private URI url;
    private Function<WebhookRequest, WebhookResponse> handler;
    private boolean duplicated;
    private Duration delay = Duration.ZERO;
    private boolean reordered;
    private boolean neverSent;
    private boolean badlySigned;

    private Builder(WebhookSigner signer) {
      this.signer = signer;
    }

    /**
     * Delivers by POST to {@code url}, such as a {@code WebhookReceiver}'s handler on a loopback server.
     *
     * @param url an {@code http} URL
     * @return this builder
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if it is not an {@code http} or {@code https} URL
     */
    public Builder to(URI url) {
      Objects.requireNonNull(url, "url == null");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("webhooks are delivered over http(s), not to " + url);
      }
      this.url = url;
      this.handler = null;
      return this;
    }

    /**
     * Delivers in memory to {@code handler}, such as {@code receiver::handle}, on the fake's virtual time.
     *
     * @param handler what takes each delivery
     * @return this builder
     * @throws NullPointerException if {@code handler} is null
     */
    public Builder to(Function<WebhookRequest, WebhookResponse> handler) {
      this.handler = Objects.requireNonNull(handler, "handler == null");
      this.url = null;
      return this;
    }

    /**
     * Sends each event twice, with the same {@code webhook-id}, as a sender that did not see the answer does.
     *
     * @return this builder
     */
    public Builder duplicated() {
      this.duplicated = true;
      return this;
    }

    /**
     * Sends each event {@code delay} after the job finished, in virtual time.
     *
     * @param delay zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public Builder delayedBy(Duration delay) {
      Objects.requireNonNull(delay, "delay == null");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative but was " + delay);
      }
      this.delay = delay;
      return this;
    }

    /**
     * Follows each final event with an older {@code video.in_progress} one, as deliveries that overtake each
     * other arrive.
     *
     * @return this builder
     */
    public Builder reordered() {
      this.reordered = true;
      return this;
    }

    /**
     * Sends nothing, as a sender that lost the event does; waits then end by polling.
     *
     * @return this builder
     */
    public Builder neverSent() {
      this.neverSent = true;
      return this;
    }

    /**
     * Signs each event with a secret that is not the endpoint's, as a forger would.
     *
     * @return this builder
     */
    public Builder badlySigned() {
      this.badlySigned = true;
      return this;
    }

    /**
     * Returns the deliveries.
     *
     * @return a new {@link FakeWebhooks}
     * @throws IllegalStateException if neither {@code to} method was called
     */
    public FakeWebhooks build() {
      if (url == null && handler == null) {
        throw new IllegalStateException("FakeWebhooks needs a destination: to(URI) or to(handler)");
      }
      return new FakeWebhooks(this);
    }
  }
}
