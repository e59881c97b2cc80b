package dev.sorastatus.tracker.jdbc;

import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.tracker.VideoTracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A worker process that the restart and fleet tests kill: works the jobs of a store against the fake's HTTP
 * mode until it is killed, appending each delivery id to a file before its handler returns and each read
 * (job, start and end in epoch microseconds of the shared wall clock) to another.
 *
 * <p>Arguments: the store ({@code h2:<file>} or a PostgreSQL JDBC URL), the fake's base URL, the API key, the
 * deliveries file, the reads file, the worker id, the fleet's requests per second, the lease margin in ms.
 */
final class TrackerChild {
  private TrackerChild() {}

  public static void main(String[] args) throws Exception {
    Path deliveries = Path.of(args[3]);
    SoraConfig config = SoraConfig.builder().baseUrl(args[1]).apiKey(args[2]).build();
    try (JdbcTrackerStore store = open(args[0]);
        SoraClient client = SoraClient.create(config);
        BufferedWriter reads = Files.newBufferedWriter(Path.of(args[4]), StandardCharsets.UTF_8)) {
      VideoTracker tracker = VideoTracker.builder(logging(client, reads), store, outcome -> Files.writeString(
              deliveries, outcome.deliveryId() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND)) // written before the handler returns: a SIGKILL cannot lose it
          .requestsPerSecond(Double.parseDouble(args[6]))
          .leaseMargin(Duration.ofMillis(Long.parseLong(args[7])))
          .pollOptions(PollOptions.builder().initialInterval(Duration.ofMillis(100))
              .maxInterval(Duration.ofMillis(200)).build())
          .workerId(args[5])
          .build();
      tracker.start();
      new CountDownLatch(1).await(); // until killed
    }
  }

  private static JdbcTrackerStore open(String spec) {
    if (spec.startsWith("h2:")) {
      return JdbcTrackerStore.h2File(Path.of(spec.substring(3)));
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(spec);
    return JdbcTrackerStore.create(pg);
  }

  private static VideoStatusPort logging(VideoStatusPort port, BufferedWriter log) {
    return new VideoStatusPort() {
      @Override
      public Video retrieve(VideoId id) {
        long start = micros();
        try {
          return port.retrieve(id);
        } finally {
          long end = micros();
          synchronized (log) {
            try {
              log.write(id.value() + " " + start + " " + end + "\n");
              log.flush();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      }

      @Override
      public CompletableFuture<Video> retrieveAsync(VideoId id) {
        return CompletableFuture.supplyAsync(() -> retrieve(id));
      }
    };
  }

  private static long micros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
