package dev.sorastatus.transport.jdk;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What {@link JdkHttpTransport#close()} and {@code SoraClient.close()} frees. The build runs this class on the build's Java and, when
 * it is installed, on Java 25, where {@code HttpClient} can be closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdkCloseTest {
  private static final int CALLS = 200;

  @Test
  void closeEndsEveryThreadTheAdapterStarted() throws Exception {
    try (LoopbackVideoServer server = new LoopbackVideoServer()) {
      SoraClient port = JdkClients.create(config(server).maxConcurrentRequests(16).build());
      await(callMany(port));
      List<Thread> threads = JdkClients.threads(port);
      assertThat(threads).as("worker threads after %d async calls", CALLS).isNotEmpty()
          .allSatisfy(t -> assertThat(t.getName()).startsWith("sora-status-"));

      port.close();

      for (Thread t : threads) {
        t.join(5_000);
      }
      assertThat(threads).as("threads still alive 5 s after close()").noneMatch(Thread::isAlive);
      assertThat(JdkClients.threads(port)).isEmpty();
    }
  }

  @Test
  void closeLeavesNoConnectionOpenOnJava21AndLater() throws Exception {
    assumeThat(Runtime.version().feature())
        .as("Java 17 has no HttpClient.close(): its idle connections stay open until the client is garbage"
            + " collected or jdk.httpclient.keepalive.timeout (1200 s) passes, as JdkHttpTransport.close() says")
        .isGreaterThanOrEqualTo(21);
    try (LoopbackVideoServer server = new LoopbackVideoServer()) {
      SoraClient port = JdkClients.create(config(server).build());
      await(callMany(port));
      int before = server.open();

      long start = System.nanoTime();
      port.close();
      boolean allClosed = server.awaitOpenAtMost(0, Duration.ofSeconds(5));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      System.out.printf("close %s on Java %d: %d connections open before close(), %d open %d ms after%n",
          getClass().getSimpleName(), Runtime.version().feature(), before, server.open(), ms);
      assertThat(before).isPositive();
      assertThat(allClosed).as("all connections closed within 5 s of close(); %d still open", server.open()).isTrue();
    }
  }

  @Test
  void onJava17AClosedClientIsCollectedAndItsConnectionsCloseWithIt() throws Exception {
    assumeThat(JdkHttpTransport.canEndClients()).as("from Java 21 close() itself ends the client").isFalse();
    try (LoopbackVideoServer server = new LoopbackVideoServer()) {
      ReferenceQueue<HttpClient> queue = new ReferenceQueue<>();
      WeakReference<HttpClient> client = useAndClose(server, queue);

      // a connect timeout on the client kept it, through each pooled connection's connect timer, until the
      // 20-minute keep-alive: never collected, its selector thread and connections never ended
      boolean collected = false;
      for (int i = 0; i < 50 && !collected; i++) {
        System.gc();
        collected = queue.remove(100) == client;
      }
      assertThat(collected).as("the closed transport's HttpClient was collected").isTrue();
      assertThat(server.awaitOpenAtMost(0, Duration.ofSeconds(10)))
          .as("connections closed once the client was collected; %d still open", server.open()).isTrue();
    }
  }

  @Test
  void theConnectTimeoutIsSetWhereClosingEndsTheClient() {
    SoraConfig config = SoraConfig.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("sk-close-0123456789")
        .connectTimeout(Duration.ofSeconds(3)).build();
    JdkHttpTransport transport = JdkHttpTransport.create(config);
    try {
      assertThat(transport.client().connectTimeout())
          .isEqualTo(JdkHttpTransport.canEndClients() ? java.util.Optional.of(Duration.ofSeconds(3))
              : java.util.Optional.empty());
    } finally {
      transport.close();
    }
  }

  private static WeakReference<HttpClient> useAndClose(LoopbackVideoServer server, ReferenceQueue<HttpClient> q)
      throws Exception {
    SoraConfig config = config(server).build();
    JdkHttpTransport transport = JdkHttpTransport.create(config);
    SoraClient port = SoraClient.over(config, transport);
    await(callMany(port));
    assertThat(server.open()).isPositive();
    WeakReference<HttpClient> client = new WeakReference<>(transport.client(), q);
    port.close();
    return client;
  }

  @Test
  void callsQueuedOrInFlightWhenTheAdapterClosesFailInsteadOfHanging() throws Exception {
    try (LoopbackVideoServer server = new LoopbackVideoServer()) {
      SoraClient port = JdkClients.create(config(server).maxConcurrentRequests(1).build());
      server.holdResponses();
      List<CompletableFuture<Video>> calls = callMany(port); // one in flight, held by the server; the rest queued
      assertThat(server.awaitRequests(1, Duration.ofSeconds(10))).isTrue();

      port.close();

      try {
        for (CompletableFuture<Video> call : calls) {
          assertThat(call).as("a call that was not answered before close()").failsWithin(Duration.ofSeconds(10))
              .withThrowableOfType(Exception.class).havingCause().isInstanceOf(SoraTransportException.class)
              .withMessage("SoraClient is closed"); // typed, and not retried
        }
      } finally {
        server.releaseResponses();
      }
      assertThat(server.requests()).as("requests sent: none after close()").isEqualTo(1);
    }
  }

  @Test
  void closeLeavesACallersClientWorking() throws Exception {
    try (LoopbackVideoServer server = new LoopbackVideoServer()) {
      HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      SoraClient port = JdkClients.create(config(server).build(), client);
      await(callMany(port));

      port.close();

      HttpResponse<String> after = client.send(
          HttpRequest.newBuilder(server.baseUrl().resolve("/v1/videos/video_after")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).isEqualTo(200);
    }
  }

  private static SoraConfig.Builder config(LoopbackVideoServer server) {
    return SoraConfig.builder().baseUrl(server.baseUrl()).apiKey("sk-close-0123456789").retryPolicy(RetryPolicy.none());
  }

  private static List<CompletableFuture<Video>> callMany(SoraClient port) {
    List<CompletableFuture<Video>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(port.retrieveAsync(VideoId.of("video_" + i)));
    }
    return calls;
  }

  private static void await(List<CompletableFuture<Video>> calls) throws Exception {
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
  }
}
