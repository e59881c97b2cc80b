package dev.sorastatus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DownloadBenchTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyClientMovesTheWholeBodyIntoItsFileAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
    try (ContentServer server = ContentServer.start()) {
      DownloadBench bench = new DownloadBench(server, dir);
      for (String name : List.of("raw-socket", "raw-socket-sha256", "raw-socket-durable", "sora-jdk", "sora-apache",
          "openai-sdk")) {
        try (DownloadBench.Client client = bench.client(name)) {
          DownloadBench.Transfer t = bench.measure(name, client, 2, 1); // measure() checks the file's size

          assertThat(t.mib()).as(name).isEqualTo(2);
          assertThat(t.nanos()).as(name).isPositive();
        }
      }
    }
    try (var left = Files.list(dir)) {
      assertThat(left).as("files left in the download directory").isEmpty();
    }
  }
}
