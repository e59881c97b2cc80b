package dev.sorastatus;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.spi.TransportRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static dev.sorastatus.ScriptedTransport.response;
import static dev.sorastatus.ScriptedTransport.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** One port's requests in flight are bounded, and a rate limit one call meets holds the others back. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpVideoStatusPortGateTest {
  private final TestTime time = TestTime.at("2026-11-28T12:00:00Z");

  private SoraConfig config(int maxConcurrent) {
    return SoraConfig.builder()
        .baseUrl("https://api.example.com/v1")
        .apiKey("sk-canary-gate-000000000000")
        .clock(time)
        .scheduler(time.scheduler())
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .maxConcurrentRequests(maxConcurrent)
        .build();
  }

  private static VideoId id(int i) {
    return VideoId.of("video_" + i);
  }

  @Test
  void asyncCallsBeyondTheBoundWaitInLineWithoutSending() {
    HeldTransport transport = new HeldTransport();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config(3), transport);

    List<CompletableFuture<Video>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(port.retrieveAsync(id(i)));
    }

    assertThat(transport.sent()).hasSize(3);
    assertThat(port.inFlight()).isEqualTo(3);
    transport.answer(0, video("video_0"));
    assertThat(transport.sent()).hasSize(4);
    assertThat(transport.sent().get(3).uri().getPath()).endsWith("/video_3"); // in the order they came
    for (int i = 1; i < 10; i++) {
      transport.answer(i, video("video_" + i));
    }
    assertThat(calls).allSatisfy(c -> assertThat(c).isCompleted());
    assertThat(calls.get(9).join().id()).isEqualTo(id(9));
    assertThat(port.inFlight()).isZero();
  }

  @Test
  void aCallCancelledInLineNeverSendsAndFreesItsPlace() {
    HeldTransport transport = new HeldTransport();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config(1), transport);

    CompletableFuture<Video> first = port.retrieveAsync(id(1));
    CompletableFuture<Video> second = port.retrieveAsync(id(2));
    CompletableFuture<Video> third = port.retrieveAsync(id(3));
    second.cancel(true);
    transport.answer(0, video("video_1"));

    assertThat(first.join().id()).isEqualTo(id(1));
    assertThat(transport.sent()).extracting(r -> r.uri().getPath())
        .containsExactly("/v1/videos/video_1", "/v1/videos/video_3");
    transport.answer(1, video("video_3"));
    assertThat(third.join().id()).isEqualTo(id(3));
    assertThat(port.inFlight()).isZero();
  }

  @Test
  void aFailedExchangeGivesItsPlaceBack() {
    HeldTransport transport = new HeldTransport();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(
        config(1).toBuilder().retryPolicy(RetryPolicy.none()).build(), transport);

    CompletableFuture<Video> first = port.retrieveAsync(id(1));
    CompletableFuture<Video> second = port.retrieveAsync(id(2));
    transport.fail(0, new java.net.ConnectException("refused"));

    assertThat(catchThrowable(first::join)).hasCauseInstanceOf(SoraTransportException.class);
    assertThat(transport.sent()).hasSize(2);
    transport.answer(1, video("video_2"));
    assertThat(second.join().id()).isEqualTo(id(2));
  }

  @Test
  void aBlockingCallWaitsForAPlaceAndAnInterruptLeavesTheLine() throws Exception {
    HeldTransport transport = new HeldTransport();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config(1), transport);
    CompletableFuture<Video> holder = port.retrieveAsync(id(1));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread blocked = new Thread(() -> {
      started.countDown();
      try {
        port.retrieve(id(2));
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    blocked.start();
    started.await();
    while (blocked.getState() != Thread.State.WAITING && blocked.isAlive()) {
      Thread.onSpinWait();
    }
    blocked.interrupt();
    blocked.join(5_000);

    assertThat(failure.get()).isInstanceOf(SoraTransportException.class)
        .hasMessageContaining("interrupted while waiting to send GET https://api.example.com/v1/videos/video_2");
    assertThat(transport.sent()).hasSize(1);
    transport.answer(0, video("video_1"));
    assertThat(holder.join().id()).isEqualTo(id(1));
    assertThat(port.inFlight()).isZero();
  }

  @Test
  void aRateLimitThatOneCallMeetsHoldsBackTheFirstAttemptOfTheNext() {
    HeldTransport transport = new HeldTransport();
    time.holdTasks();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config(8), transport);

    CompletableFuture<Video> limited = port.retrieveAsync(id(1));
    transport.answer(0, response(429, "{}", "retry-after-ms", "3000"));
    CompletableFuture<Video> next = port.retrieveAsync(id(2));

    assertThat(transport.sent()).hasSize(1); // both wait: the retry on its backoff, the newcomer on the pause
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    time.runPending();
    assertThat(transport.sent()).hasSize(3);
    transport.answer(1, video("video_1"));
    transport.answer(2, video("video_2"));
    assertThat(limited.join().id()).isEqualTo(id(1));
    assertThat(next.join().id()).isEqualTo(id(2));
  }

  @Test
  void aRateLimitWithoutADelayHoldsOthersBackForTheFirstBackoff() {
    HeldTransport transport = new HeldTransport();
    time.holdTasks();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config(8), transport);

    port.retrieveAsync(id(1));
    transport.answer(0, response(429, ""));
    port.retrieveAsync(id(2));

    assertThat(time.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void aRateLimitThatIsNotRetriedIsLeftToTheCallerAndHoldsNobodyBack() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(response(429, "{}", "retry-after", "30"))
        .then(video("video_2"));
    HttpVideoStatusPort port = HttpVideoStatusPort.create(
        config(8).toBuilder().retryPolicy(RetryPolicy.none()).build(), transport);

    assertThat(catchThrowable(() -> port.retrieve(id(1)))).isInstanceOf(SoraApiException.class);
    assertThat(port.retrieve(id(2)).id()).isEqualTo(id(2));
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void aBlockingCallSleepsOutAPauseBeforeItsFirstAttempt() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(response(429, "{}", "retry-after", "2"))
        .then(video("video_1"))
        .then(video("video_2"));
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config(8), transport);

    port.retrieve(id(1));
    time.advance(Duration.ofSeconds(-1)); // as if the second call came a second before the pause ends

    assertThat(port.retrieve(id(2)).id()).isEqualTo(id(2));
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
  }

  /** Holds every exchange until the test answers it, as a slow server would. */
  private static final class HeldTransport implements BufferedTransport {
    private final List<TransportRequest> sent = new ArrayList<>();
    private final List<CompletableFuture<TransportResponse>> exchanges = new ArrayList<>();

    synchronized List<TransportRequest> sent() {
      return List.copyOf(sent);
    }

    void answer(int exchange, TransportResponse response) {
      CompletableFuture<TransportResponse> f;
      synchronized (this) {
        f = exchanges.get(exchange);
      }
      f.complete(response);
    }

    void fail(int exchange, java.io.IOException failure) {
      CompletableFuture<TransportResponse> f;
      synchronized (this) {
        f = exchanges.get(exchange);
      }
      f.completeExceptionally(failure);
    }

    @Override
    public TransportResponse execute(TransportRequest request) {
      throw new UnsupportedOperationException("async only");
    }

    @Override
    public synchronized CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      sent.add(request);
      CompletableFuture<TransportResponse> f = new CompletableFuture<>();
      exchanges.add(f);
      return f;
    }

  }
}
