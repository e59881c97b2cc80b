package com.example.docs;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.guice.SoraStatusModule;
import dev.sorastatus.guice.SoraStatusShutdown;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Java blocks of docs/guice.md, each against the fake's loopback HTTP mode with the real JDK transport. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class GuiceExamplesTest {
  @RegisterExtension final FakeVideoApiExtension api = FakeVideoApiExtension.create();

  @Test
  void theModuleBindsAPollerAndADownloaderAndClosesWhatItMade(@TempDir Path dir) throws Exception {
    // as in production: the system's time, real and started at once, against the fake's HTTP mode
    VideoId id = api.job().completed().expiresAfter(Duration.ofDays(36_500)).create();
    SoraConfig config = api.config().clock(Clock.systemUTC()).scheduler(TaskScheduler.system())
        .build();

    // snippet:start lifecycle
    Injector injector = Guice.createInjector(SoraStatusModule.builder().config(config).transport("jdk").build());
    VideoPoller poller = injector.getInstance(VideoPoller.class);
    VideoDownloader downloader = injector.getInstance(VideoDownloader.class);

    Video video = poller.awaitCompleted(id);
    DownloadResult mp4 = downloader.download(video, dir.resolve("cat.mp4"));

    injector.getInstance(SoraStatusShutdown.class).close();   // closes the port and HTTP client it made
    // snippet:end lifecycle

    assertThat(Files.readAllBytes(mp4.path())).isEqualTo(api.fake().content(id));
    assertThat(injector.getInstance(SoraStatusShutdown.class).isClosed()).isTrue();
  }

  @Test
  void thePollersBudgetAndTheDownloadersStallTimeoutAreSetOnTheModule() {
    VideoId first = api.job().completed().create();
    VideoId second = api.job().completed().create();
    SoraConfig config = api.config().build();

    // snippet:start settings
    Injector injector = Guice.createInjector(SoraStatusModule.builder()
        .config(config)
        .transport("jdk")
        .poller(p -> p.requestsPerSecond(10))                    // the gateway allows 10 reads a second
        .downloader(d -> d.stallTimeout(Duration.ofMinutes(1)))  // a body silent for a minute is resumed
        .build());
    // snippet:end settings

    VideoPoller poller = injector.getInstance(VideoPoller.class);
    try {
      api.fake().runUntilDone(
          CompletableFuture.allOf(poller.awaitCompletedAsync(first), poller.awaitCompletedAsync(second)));
      assertThat(api.journal()).hasSize(2);
      assertThat(Duration.between(api.journal().get(0).at(), api.journal().get(1).at()))
          .isEqualTo(Duration.ofMillis(100)); // the two waits share the poller's ten reads a second
      assertThat(injector.getInstance(VideoDownloader.class).toString()).contains("stallTimeout=PT1M");
    } finally {
      injector.getInstance(SoraStatusShutdown.class).close();
    }
  }

  @Test
  void aPortAroundYourOwnHttpClientStaysYours() {
    VideoId id = api.job().completed().create();
    SoraConfig config = api.config().build();

    // snippet:start own-client
    HttpClient httpClient = HttpClient.newBuilder()                 // yours: its executor, proxy, TLS ...
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    var port = SoraClient.over(config, JdkHttpTransport.create(config, httpClient));   // closing it leaves the client open
    Injector injector = Guice.createInjector(SoraStatusModule.withClient(port));
    VideoPoller poller = injector.getInstance(VideoPoller.class);  // waits over your port
    // snippet:end own-client

    try (port) {
      assertThat(injector.getInstance(VideoStatusPort.class)).isSameAs(port);
      assertThat(api.fake().runBlocking(() -> poller.awaitCompleted(id))).isCompleted(); // read at once
    }
    assertThat(api.journal()).hasSize(1).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
  }
}
