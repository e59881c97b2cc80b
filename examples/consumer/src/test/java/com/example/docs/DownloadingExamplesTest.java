package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.DownloadOptions;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Java blocks of docs/downloading.md, in memory and over loopback HTTP with the real JDK transport. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class DownloadingExamplesTest {
  @RegisterExtension final FakeVideoApiExtension api = FakeVideoApiExtension.create();
  @TempDir Path dir;

  @Test
  void anAsynchronousDownloadHoldsNoThreadWhileItWaits() throws Exception {
    VideoId id = api.job().completed().create();
    SoraConfig config = api.config().build();
    try (var port = SoraClient.over(config, JdkHttpTransport.create(config))) {
      Video video = port.retrieve(id);
      VideoDownloader downloader = VideoDownloader.create(port);
      List<Path> published = new CopyOnWriteArrayList<>();

      // snippet:start async
      CompletableFuture<DownloadResult> mp4 = downloader.downloadAsync(video, dir.resolve("cat.mp4"));
      mp4.thenAccept(result -> published.add(result.path()));        // runs when the file is in place
      // snippet:end async

      api.fake().runUntil(() -> !published.isEmpty());
      assertThat(published).containsExactly(dir.resolve("cat.mp4"));
      assertThat(Files.readAllBytes(mp4.join().path())).isEqualTo(api.fake().content(id));
    }
  }

  @Test
  void optionsBoundTheSizeAndAllowReplacingAFile() throws Exception {
    VideoId id = api.job().completed().create();
    Video video = api.port().retrieve(id);
    VideoDownloader downloader = VideoDownloader.create(api.fake().port());
    Files.writeString(dir.resolve("cat.mp4"), "an older render");

    // snippet:start options
    DownloadOptions options = DownloadOptions.builder()
        .overwrite(true)                       // replace the file if it exists (refused by default)
        .maxBytes(512L * 1024 * 1024)          // refuse a larger body, before or while it arrives
        .build();
    DownloadResult result = downloader.download(video, dir.resolve("cat.mp4"), options);
    // snippet:end options

    assertThat(Files.readAllBytes(result.path())).isEqualTo(api.fake().content(id));
    assertThatThrownBy(() -> downloader.download(video, dir.resolve("cat.mp4")))
        .isInstanceOf(VideoDownloadException.class).hasMessageContaining("exists");
    assertThatThrownBy(() -> downloader.download(video, dir.resolve("small.mp4"),
        DownloadOptions.builder().maxBytes(1000).build()))
        .isInstanceOf(VideoDownloadException.class);
    assertThat(dir.resolve("small.mp4")).doesNotExist();
  }

  // snippet:start testing
  @Test
  void aDownloadCutOffHalfWayResumes() throws Exception {
    VideoId id = api.job().completed().dropContentAfter(10_000).create();   // the first transfer breaks
    VideoDownloader downloader = VideoDownloader.create(api.fake().port()); // retries wait in virtual time
    Video video = api.port().retrieve(id);

    DownloadResult result = downloader.download(video, dir.resolve("cat.mp4"), DownloadOptions.builder()
        .durable(false)                                                      // a scratch file: no fsync
        .build());

    assertThat(result.attempts()).isEqualTo(2);
    assertThat(Files.readAllBytes(result.path())).isEqualTo(api.fake().content(id));
    assertThat(api.journal()).last().satisfies(r -> assertThat(r.header("range")).contains("bytes=10000-"));
  }
  // snippet:end testing
}
