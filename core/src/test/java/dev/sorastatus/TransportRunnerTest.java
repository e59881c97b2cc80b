package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.spi.Exchange;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What core does around every transport's exchange, once: deadline, size limit, interrupts, workers, close. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransportRunnerTest {
  private static final URI URL = URI.create("https://api.example.com/v1/videos/video_1");

  private final ScriptedExchanges transport = new ScriptedExchanges();
  private final TransportRunner runner = new TransportRunner(SoraConfig.builder()
      .baseUrl("https://api.example.com/v1").apiKey("sk-runner-0123456789").maxResponseBytes(1024)
      .maxConcurrentRequests(2).build(), transport, "SoraClient is closed");

  @AfterEach
  void close() {
    runner.close();
    transport.release.countDown();
  }

  @Test
  void aBodyThatOutlivesTheTimeoutIsCancelledAndReportedAsATimeoutOfTheWholeExchange() {
    transport.body = transport.blockingBody();

    assertThatThrownBy(() -> runner.execute(request(Duration.ofMillis(100))))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessage("GET " + URL + " took longer than 100 ms (headers and body)");
    assertThat(transport.cancels).hasPositiveValue();
  }

  @Test
  void aBodyPastTheLimitIsTruncatedAndItsConnectionDropped() throws IOException {
    transport.body = () -> new ByteArrayInputStream(new byte[4096]);

    TransportResponse r = runner.execute(request(Duration.ofSeconds(5)));

    assertThat(r.truncated()).isTrue();
    assertThat(r.body()).hasSize(1024);
    assertThat(transport.cancels).hasPositiveValue();
  }

  @Test
  void aWholeBodyIsReadAndTheExchangeKept() throws IOException {
    transport.body = () -> new ByteArrayInputStream("{}".getBytes());

    TransportResponse r = runner.execute(request(Duration.ofSeconds(5)));

    assertThat(r.truncated()).isFalse();
    assertThat(r.body()).hasSize(2);
    assertThat(r.header("content-type")).contains("application/json");
    assertThat(transport.cancels).hasValue(0);
  }

  @Test
  void anInterruptedCallerSendsNothingAndGetsAnInterruptWithItsFlagSet() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> runner.execute(request(Duration.ofSeconds(5))))
          .isExactlyInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(transport.sent).hasValue(0);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void cancellingAnAsyncCallCancelsItsExchange() throws Exception {
    transport.blockSend = true;
    CompletableFuture<TransportResponse> call = runner.executeAsync(request(Duration.ofSeconds(20)));
    assertThat(transport.sending.await(10, TimeUnit.SECONDS)).isTrue();

    call.cancel(true);

    assertThat(transport.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void closeFailsCallsInFlightWithATypedErrorAndRefusesMore() throws Exception {
    transport.blockSend = true;
    CompletableFuture<TransportResponse> call = runner.executeAsync(request(Duration.ofSeconds(20)));
    assertThat(transport.sending.await(10, TimeUnit.SECONDS)).isTrue();

    runner.close();

    assertThat(call).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
        .havingCause().isInstanceOf(SoraTransportException.class).withMessage("SoraClient is closed");
    assertThat(transport.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> runner.execute(request(Duration.ofSeconds(1))))
        .isInstanceOf(SoraTransportException.class).hasMessage("SoraClient is closed");
    assertThat(runner.executeAsync(request(Duration.ofSeconds(1)))).isCompletedExceptionally();
  }

  @Test
  void aDownloadHandsTheBodyToTheSinkInChunksOnAWorkerThread() throws Exception {
    byte[] content = new byte[200_000];
    transport.body = () -> new ByteArrayInputStream(content);
    List<Integer> chunks = new ArrayList<>();
    List<String> threads = new ArrayList<>();

    runner.stream(request(Duration.ofSeconds(5)), new ResponseSink() {
      @Override
      public void onHead(int statusCode, Map<String, List<String>> headers) {
        threads.add(Thread.currentThread().getName());
      }

      @Override
      public void onBody(ByteBuffer chunk) {
        chunks.add(chunk.remaining());
        chunk.position(chunk.limit());
      }
    }).get(10, TimeUnit.SECONDS);

    assertThat(chunks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(content.length);
    assertThat(chunks).allMatch(n -> n <= TransportRunner.CHUNK_BYTES);
    assertThat(threads).singleElement().asString().startsWith("sora-status-");
    assertThat(transport.cancels).hasValue(0);
  }

  @Test
  void anAsyncCallWhoseAnswerIsAlreadyThereRunsOnTheCallersThreadAndStartsNoWorker() {
    transport.answered = true;
    transport.body = () -> new ByteArrayInputStream("{}".getBytes());

    CompletableFuture<TransportResponse> call = runner.executeAsync(request(Duration.ofSeconds(5)));

    assertThat(call).isCompleted();
    assertThat(call.join().body()).hasSize(2);
    assertThat(transport.sendThreads).containsExactly(Thread.currentThread().getName());
    assertThat(runner.threads()).isEmpty();
  }

  @Test
  void aDownloadWhoseAnswerIsAlreadyThereStreamsOnTheCallersThread() {
    transport.answered = true;
    byte[] content = new byte[100_000];
    transport.body = () -> new ByteArrayInputStream(content);
    List<String> threads = new ArrayList<>();
    long[] bytes = {0};

    CompletableFuture<Void> done = runner.stream(request(Duration.ofSeconds(5)), new ResponseSink() {
      @Override
      public void onHead(int statusCode, Map<String, List<String>> headers) {
        threads.add(Thread.currentThread().getName());
      }

      @Override
      public void onBody(ByteBuffer chunk) {
        bytes[0] += chunk.remaining();
        chunk.position(chunk.limit());
      }
    });

    assertThat(done).isCompleted();
    assertThat(bytes[0]).isEqualTo(content.length);
    assertThat(threads).containsExactly(Thread.currentThread().getName());
    assertThat(runner.threads()).isEmpty();
  }

  @Test
  void theCallersInterruptDoesNotReachAnAnswerRunOnItsThreadAndIsKept() {
    transport.answered = true;
    Thread.currentThread().interrupt();
    try {
      CompletableFuture<TransportResponse> call = runner.executeAsync(request(Duration.ofSeconds(5)));

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(call).isCompleted(); // as on a worker, which no caller's interrupt reaches
      assertThat(transport.sent).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aFailingAnswerRunOnTheCallersThreadFailsTheFutureInsteadOfThrowing() {
    transport.answered = true;
    transport.body = () -> {
      throw new IllegalStateException("scripted");
    };

    CompletableFuture<TransportResponse> call = runner.executeAsync(request(Duration.ofSeconds(5)));

    assertThat(call).isCompletedExceptionally();
    assertThatThrownBy(call::join).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(transport.cancels).hasValue(1); // as on a worker: a failed exchange is never pooled
  }

  @Test
  void aClientNobodyClosedDoesNotKeepItsTransportAliveThroughItsIdleWorkers() throws Exception {
    ReferenceQueue<HttpTransport> queue = new ReferenceQueue<>();
    WeakReference<HttpTransport> forgotten = runOneAsyncCallOnARunnerLeftOpen(queue);

    // the runner's worker is idle now, for up to a minute: what it holds must not lead to the transport
    assertThat(collected(queue, forgotten)).as("the transport of a runner nobody closed was collected").isTrue();
  }

  private static WeakReference<HttpTransport> runOneAsyncCallOnARunnerLeftOpen(ReferenceQueue<HttpTransport> q)
      throws Exception {
    ScriptedExchanges scripted = new ScriptedExchanges();
    TransportRunner open = new TransportRunner(SoraConfig.builder().baseUrl("https://api.example.com/v1")
        .apiKey("sk-runner-0123456789").build(), scripted, "SoraClient is closed");
    open.executeAsync(request(Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
    assertThat(open.threads()).isNotEmpty();
    return new WeakReference<>(scripted, q);
  }

  /** Collects garbage until {@code ref} is cleared, at most 50 times; a bounded wait for the collector. */
  static <T> boolean collected(ReferenceQueue<T> queue, WeakReference<T> ref) throws InterruptedException {
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      if (queue.remove(100) == ref) {
        return true;
      }
    }
    return ref.get() == null;
  }

  private static TransportRequest request(Duration timeout) {
    return new TransportRequest("GET", URL, Map.of(), timeout);
  }

  /** Answers every exchange with a 200 and the body it is given; records sends and cancels. */
  private static final class ScriptedExchanges implements HttpTransport {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final CountDownLatch sending = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean blockSend;
    /** Whether exchanges say their answer is already here ({@link Exchange#mayBlock()} false). */
    volatile boolean answered;
    final List<String> sendThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile java.util.function.Supplier<InputStream> body = InputStream::nullInputStream;

    java.util.function.Supplier<InputStream> blockingBody() {
      return () -> new InputStream() {
        @Override
        public int read() throws IOException {
          awaitRelease();
          throw new IOException("cancelled");
        }
      };
    }

    void awaitRelease() throws IOException {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      }
    }

    @Override
    public Exchange exchange(TransportRequest request) {
      return new Exchange() {
        @Override
        public StreamedResponse send() throws IOException {
          sent.incrementAndGet();
          sendThreads.add(Thread.currentThread().getName());
          if (blockSend) {
            sending.countDown();
            awaitRelease();
            throw new IOException("cancelled");
          }
          return new StreamedResponse(200, Map.of("Content-Type", List.of("application/json")), body.get(), () -> { });
        }

        @Override
        public boolean mayBlock() {
          return !answered;
        }

        @Override
        public void cancel() {
          cancels.incrementAndGet();
          cancelled.countDown();
          release.countDown();
        }
      };
    }

    @Override
    public void close() {}
  }
}
