package dev.sorastatus.transport.jdk;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the threads the JDK transport starts for many async calls. The build runs this class in forks that
 * see 1, 2 and 4 processors ({@code -XX:ActiveProcessorCount}), and on Java 25 when it is installed:
 * {@code HttpClient.sendAsync} hops to {@code CompletableFuture}'s default executor, a new thread per task
 * below 3 processors, so the bound only holds if nothing calls it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdkThreadCountTest {
  private static final int CALLS = 5_000;
  private static final int MAX_IN_FLIGHT = 8;
  /** The client's selector thread, its two executor threads and the shared deadline sweeper. */
  private static final int OVERHEAD = 4;

  @Test
  void fiveThousandAsyncCallsStartNoMoreThreadsThanTheConcurrencyBound() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (LoopbackVideoServer server = new LoopbackVideoServer()) {
      SoraConfig config = SoraConfig.builder().baseUrl(server.baseUrl()).apiKey("sk-threads-0123456789")
          .maxConcurrentRequests(MAX_IN_FLIGHT).retryPolicy(RetryPolicy.none()).build();
      long startedBefore = threads.getTotalStartedThreadCount();
      int serverBefore = server.threadsStarted();
      int cpus = Runtime.getRuntime().availableProcessors();

      try (SoraClient port = JdkClients.create(config)) {
        List<CompletableFuture<Video>> calls = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
          calls.add(port.retrieveAsync(VideoId.of("video_" + i)));
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(45, TimeUnit.SECONDS);
        long started = threads.getTotalStartedThreadCount() - startedBefore - (server.threadsStarted() - serverBefore);

        System.out.printf("threads %s on %d CPUs, Java %s: %d async calls started %d client threads"
                + " (%d connections accepted, %d open at peak)%n", getClass().getSimpleName(), cpus,
            Runtime.version().feature(), CALLS, started, server.accepted(), server.peakOpen());
        assertThat(calls).allSatisfy(c -> assertThat(c.join().id().value()).startsWith("video_"));
        assertThat(started).as("threads started by the client for %d async calls on %d CPUs", CALLS, cpus)
            .isLessThanOrEqualTo(MAX_IN_FLIGHT + OVERHEAD);
      }
    }
  }
}
