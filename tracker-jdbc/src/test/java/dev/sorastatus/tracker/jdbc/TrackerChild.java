package dev.sorastatus.tracker.jdbc;

import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.tracker.VideoTracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The process that {@link H2FileRestartTest} kills: works the jobs of an H2 file against the fake's HTTP mode,
 * appending each delivery id to a file before its handler returns, until it is killed.
 *
 * <p>Arguments: the H2 file, the fake's base URL, the API key, the deliveries file.
 */
final class TrackerChild {
  private TrackerChild() {}

  public static void main(String[] args) throws Exception {
    Path deliveries = Path.of(args[3]);
    SoraConfig config = SoraConfig.builder().baseUrl(args[1]).apiKey(args[2]).build();
    try (JdbcTrackerStore store = JdbcTrackerStore.h2File(Path.of(args[0]));
        SoraClient client = SoraClient.create(config)) {
      VideoTracker tracker = VideoTracker.builder(client, store, outcome -> Files.writeString(deliveries,
              outcome.deliveryId() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
              StandardOpenOption.SYNC))
          .requestsPerSecond(150)
          .pollOptions(PollOptions.builder().initialInterval(Duration.ofMillis(100))
              .maxInterval(Duration.ofMillis(200)).build())
          .workerId("child")
          .build();
      tracker.start();
      new CountDownLatch(1).await(); // until killed
    }
  }
}
