package dev.sorastatus.webhooks;

import com.sun.net.httpserver.HttpHandler;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.webhooks.WebhookResponse.Outcome;
import dev.sorastatus.webhooks.WebhookVerificationException.Reason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Takes webhook deliveries and turns each verified one into a wake-up of the {@link VideoPoller}'s wait on
 * its job: push wakes, pull decides. The event schedules one read, coalesced with any read already due and
 * within the poller's request budget ({@link VideoPoller#wake(VideoId)}); the wait's outcome comes from that
 * read, never from the event's body. An event for a job nobody here waits for is counted and ignored; one
 * whose {@code webhook-id} was seen within the tolerance window is answered as a duplicate and not acted on.
 *
 * <p>It answers at once, before the read is made (the read runs on the poller's scheduler), so that the
 * sender's delivery never waits on the video API. Only {@code POST} is taken (405 otherwise); a body over the
 * limit is refused with 413, a failed verification with 400 or 401 ({@link Reason#statusCode()}). Use
 * {@link #handle(WebhookRequest)} from any framework, or {@link #httpHandler()} with the JDK's own
 * {@code com.sun.net.httpserver.HttpServer}. Thread-safe; share one per endpoint.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder(poller)
 *     .verifier(WebhookVerifier.create(System.getenv("SORA_WEBHOOK_SECRET")))
 *     .build();
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext("/webhooks/sora", receiver.httpHandler());
 * server.start();
 * }</pre>
 */
public final class WebhookReceiver {
  /** The default limit on a request's body: 256 KiB, far above any video event or task object. */
  public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
  /** The default number of {@code webhook-id}s remembered to spot duplicates. */
  public static final int DEFAULT_DUPLICATE_CAPACITY = 10_000;

  private static final Logger LOG = System.getLogger(WebhookReceiver.class.getName());

  private final Predicate<VideoId> wake;
  private final WebhookVerifier verifier;
  private final GatewayCallbacks callbacks;
  private final int maxBodyBytes;
  private final SeenEvents seen;
  private final LongAdder received = new LongAdder();
  private final LongAdder woken = new LongAdder();
  private final LongAdder notWaiting = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  private WebhookReceiver(Builder b) {
    this.wake = b.wake;
    this.verifier = b.verifier;
    this.callbacks = b.callbacks;
    this.maxBodyBytes = b.maxBodyBytes;
    // twice the tolerance: a delivery stamped at the far edge is accepted for that long after its first sighting
    this.seen = verifier == null ? null
        : new SeenEvents(b.duplicateCapacity, verifier.tolerance().multipliedBy(2), verifier.clock());
  }

  /**
   * Returns a builder of a receiver that wakes the waits of {@code poller}; give it a
   * {@link Builder#verifier(WebhookVerifier)} for signed webhooks or {@link Builder#gatewayCallbacks} for a
   * gateway's unsigned callbacks.
   *
   * @param poller the poller whose waits events wake
   * @return a new builder
   * @throws NullPointerException if {@code poller} is null
   */
  public static Builder builder(VideoPoller poller) {
    Objects.requireNonNull(poller, "poller == null");
    return new Builder(poller::wake);
  }

  /**
   * Returns a builder of a receiver that wakes whatever {@code wake} wakes: a tracker's jobs
   * ({@code WebhookReceiver.builder(tracker::wake)}, with {@code sora-status-tracker}), or several pollers.
   *
   * @param wake asked to read the job now; true when someone waits for it (counted as woken), false when nobody
   *     does (counted and ignored). It must not block: it schedules the read, it does not make it
   * @return a new builder
   * @throws NullPointerException if {@code wake} is null
   */
  public static Builder builder(Predicate<VideoId> wake) {
    return new Builder(Objects.requireNonNull(wake, "wake == null"));
  }

  /**
   * Takes one request and says what to answer; a wake it causes reads the job after this returns.
   *
   * <pre>{@code
   * WebhookResponse response = receiver.handle(new WebhookRequest(method, headers, query, body));
   * return ResponseEntity.status(response.statusCode()).body(response.message());
   * }</pre>
   *
   * @param request the request
   * @return the response to send: 200 when accepted, else the refusal's status
   * @throws NullPointerException if {@code request} is null
   */
  public WebhookResponse handle(WebhookRequest request) {
    Objects.requireNonNull(request, "request == null");
    if (!request.method().toUpperCase(Locale.ROOT).equals("POST")) {
      return reject(Reason.METHOD_NOT_ALLOWED, "only POST is accepted, not " + request.method());
    }
    if (request.bodyLength() > maxBodyBytes) {
      return tooLarge(request.bodyLength());
    }
    received.increment();
    try {
      VideoId id;
      if (verifier != null) {
        VideoEvent event = verifier.verify(request.headers(), request.bodyUnsafe());
        if (!seen.firstSighting(event.id())) {
          duplicates.increment();
          return new WebhookResponse(200, Outcome.DUPLICATE, "duplicate of event " + event.id() + "; ignored");
        }
        id = event.videoId();
      } else {
        callbacks.check(request);
        id = EventJson.videoId(EventJson.read(request.bodyUnsafe()));
      }
      if (wake.test(id)) {
        woken.increment();
        return new WebhookResponse(200, Outcome.WOKEN, "woke the wait for " + id);
      }
      notWaiting.increment();
      return new WebhookResponse(200, Outcome.NOT_WAITING, "nobody here waits for " + id + "; ignored");
    } catch (WebhookVerificationException e) {
      return rejected(e);
    }
  }

  /**
   * Returns a handler for the JDK's {@code com.sun.net.httpserver.HttpServer} that reads each request (its
   * body up to the limit), passes it to {@link #handle(WebhookRequest)} and sends the answer as text.
   *
   * @return the handler
   */
  public HttpHandler httpHandler() {
    return new ReceiverHttpHandler(this);
  }

  /**
   * Returns how many requests were taken so far, by outcome.
   *
   * @return the counts
   */
  public WebhookCounts counts() {
    return new WebhookCounts(received.sum(), woken.sum(), notWaiting.sum(), duplicates.sum(), rejected.sum());
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  WebhookResponse tooLarge(long bytes) {
    return reject(Reason.BODY_TOO_LARGE, "the body of " + bytes + " bytes is over the limit of " + maxBodyBytes);
  }

  /** Counts and answers a request refused before its body was read. */
  WebhookResponse reject(Reason reason, String message) {
    received.increment();
    return rejected(new WebhookVerificationException(reason, message));
  }

  private WebhookResponse rejected(WebhookVerificationException e) {
    rejected.increment();
    LOG.log(Level.DEBUG, () -> "webhook refused: " + e.reason() + ": " + e.getMessage());
    return new WebhookResponse(e.reason().statusCode(), Outcome.REJECTED, e.reason() + ": " + e.getMessage());
  }

  /** Returns the kind of receiver and its limits; never a secret or token. */
  @Override
  public String toString() {
    return "WebhookReceiver[" + (verifier != null ? verifier : callbacks) + ", max " + maxBodyBytes + " bytes]";
  }

  /** Builds a {@link WebhookReceiver}; every setter validates its argument. */
  public static final class Builder {
    private final Predicate<VideoId> wake;
    private WebhookVerifier verifier;
    private GatewayCallbacks callbacks;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int duplicateCapacity = DEFAULT_DUPLICATE_CAPACITY;

    private Builder(Predicate<VideoId> wake) {
      this.wake = wake;
    }

    /**
     * Takes Standard Webhooks deliveries, verified by {@code verifier}.
     *
     * @param verifier the verifier, with the endpoint's secret(s)
     * @return this builder
     * @throws NullPointerException if {@code verifier} is null
     */
    public Builder verifier(WebhookVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier == null");
      return this;
    }

    /**
     * Takes a gateway's unsigned callbacks instead, checked by {@code callbacks}; each is only a wake-up.
     *
     * @param callbacks how to check them
     * @return this builder
     * @throws NullPointerException if {@code callbacks} is null
     */
    public Builder gatewayCallbacks(GatewayCallbacks callbacks) {
      this.callbacks = Objects.requireNonNull(callbacks, "callbacks == null");
      return this;
    }

    /**
     * Sets the largest body taken; a larger one is refused with 413 without being read further.
     *
     * @param maxBodyBytes a positive size; {@link #DEFAULT_MAX_BODY_BYTES} by default
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive but was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Sets how many {@code webhook-id}s are remembered, within twice the verifier's tolerance, to spot
     * duplicates; past it the oldest is forgotten, so memory stays bounded under a flood.
     *
     * @param duplicateCapacity a positive count; {@link #DEFAULT_DUPLICATE_CAPACITY} by default
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder duplicateCapacity(int duplicateCapacity) {
      if (duplicateCapacity <= 0) {
        throw new IllegalArgumentException("duplicateCapacity must be positive but was " + duplicateCapacity);
      }
      this.duplicateCapacity = duplicateCapacity;
      return this;
    }

    /**
     * Returns the receiver.
     *
     * @return a new receiver
     * @throws IllegalStateException unless exactly one of a verifier and gateway callbacks was given
     */
    public WebhookReceiver build() {
      if ((verifier == null) == (callbacks == null)) {
        throw new IllegalStateException("a WebhookReceiver takes either signed webhooks (verifier(...)) or gateway "
            + "callbacks (gatewayCallbacks(...)): give exactly one");
      }
      return new WebhookReceiver(this);
    }
  }

}
