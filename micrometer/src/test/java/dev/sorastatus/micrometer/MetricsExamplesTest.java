package dev.sorastatus.micrometer;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraObserver;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.testkit.FakeVideoApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The code {@code docs/metrics.md} shows, run against the fake. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsExamplesTest {
  private final FakeVideoApi api = FakeVideoApi.create();

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void oneLineOnTheConfigurationMetersTheClientItsPollersAndDownloaders(@TempDir Path dir) {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    VideoId id = api.job().processing(50).completed().create();
    // snippet:start install
    SoraClient client = SoraClient.create(api.config()               // SoraConfig.builder()...
        .observer(SoraMetrics.create(meterRegistry))                // reads, retries, downloads, waits
        .build(), "jdk");
    VideoPoller poller = VideoPoller.create(client);                // pollers and downloaders over the
    VideoDownloader downloader = VideoDownloader.create(client);    // client take it from there
    // snippet:end install
    Video video = api.runBlocking(() -> poller.awaitCompleted(id));
    downloader.download(video, dir.resolve("cat.mp4"));
    client.close();

    assertThat(meterRegistry.get("sora.waits").tags("outcome", "completed").timer().count()).isEqualTo(1);
    assertThat(meterRegistry.get("sora.downloads").tags("outcome", "success").timer().count()).isEqualTo(1);
  }

  @Test
  void aPollerOrADownloaderTakesTheObserverOnItsOwn(@TempDir Path dir) {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    VideoId id = api.job().completed().create();
    SoraClient client = api.port();
    // snippet:start parts
    SoraObserver metrics = SoraMetrics.create(meterRegistry, Tags.of("api", "gateway-eu"));
    VideoPoller poller = VideoPoller.builder(client).observer(metrics).build();
    VideoDownloader downloader = VideoDownloader.builder(client).observer(metrics).build();
    // snippet:end parts
    Video video = api.runUntilDone(poller.awaitCompletedAsync(id));
    downloader.download(video, dir.resolve("cat.mp4"));

    assertThat(meterRegistry.get("sora.waits").tags("api", "gateway-eu").timer().count()).isEqualTo(1);
    assertThat(meterRegistry.get("sora.download.bytes").counter().count())
        .isEqualTo(FakeVideoApi.DEFAULT_CONTENT_BYTES);
  }
}
