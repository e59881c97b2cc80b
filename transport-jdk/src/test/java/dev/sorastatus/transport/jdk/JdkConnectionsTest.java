package dev.sorastatus.transport.jdk;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

/** Many concurrent async calls share as many connections as may be in flight at once, and reuse them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdkConnectionsTest {

  @Test
  void twoThousandConcurrentCallsOpenNoMoreConnectionsThanMayBeInFlight() throws Exception {
    int calls = 2_000;
    try (LoopbackVideoServer server = new LoopbackVideoServer()) {
      SoraConfig config = SoraConfig.builder().baseUrl(server.baseUrl()).apiKey("sk-connections-0123456789")
          .retryPolicy(RetryPolicy.none()).build();
      int bound = config.maxConcurrentRequests();

      try (SoraClient port = JdkClients.create(config)) {
        for (int round = 1; round <= 2; round++) {
          List<CompletableFuture<Video>> inFlight = new ArrayList<>(calls);
          for (int i = 0; i < calls; i++) {
            inFlight.add(port.retrieveAsync(VideoId.of("video_" + round + "_" + i)));
          }
          CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).get(45, TimeUnit.SECONDS);
          System.out.printf("connections %s round %d: %d concurrent async calls, %d requests over %d connections"
                  + " (%d open at peak, %d never used), bound %d%n", getClass().getSimpleName(), round, calls,
              server.requests(), server.accepted(), server.peakOpen(), server.unused(), bound);
        }
      }

      assertThat(server.requests()).isEqualTo(2 * calls);
      assertThat(server.peakOpen()).as("connections open at once").isLessThanOrEqualTo(bound);
      assertThat(server.accepted()).as("connections opened for two rounds of %d calls", calls)
          .isLessThanOrEqualTo(bound);
      assertThat(server.unused()).as("connections that never carried a request").isZero();
    }
  }
}
