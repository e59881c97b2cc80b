package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.DownloadOptions;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory fake serves downloads too, so a service that downloads can be tested without a socket. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FakeVideoApiInMemoryDownloadTest {
  @TempDir Path dir;

  private final FakeVideoApi api = FakeVideoApi.create();

  private VideoDownloader downloader() {
    VirtualTime time = api.time();
    return VideoDownloader.builder(api.port()).build();
  }

  @Test
  void aCompletedJobsVideoIsDownloadedWithoutASocket() throws Exception {
    VideoId id = api.job().completed().contentBytes(100_000).create();
    Video video = api.port().retrieve(id);

    DownloadResult result = downloader().download(video, dir.resolve("clip.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(api.content(id));
    assertThat(result.bytes()).isEqualTo(100_000);
    assertThat(result.sha256()).isEqualTo(HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(api.content(id))));
    assertThat(result.attempts()).isEqualTo(1);
  }

  @Test
  void aDroppedDownloadResumesWhereItWasCut() throws Exception {
    VideoId id = api.job().completed().contentBytes(80_000).dropContentAfter(30_000).create();
    Video video = api.port().retrieve(id);

    DownloadResult result = downloader().download(video, dir.resolve("clip.mp4")); // retries on virtual sleeps

    assertThat(Files.readAllBytes(result.path())).isEqualTo(api.content(id));
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(api.journal()).filteredOn(RecordedRequest::isContent)
        .extracting(r -> r.header("Range").orElse("-"))
        .containsExactly("-", "bytes=30000-");
  }

  @Test
  void aTestDownloadNeedNotBeForcedToDisk() throws Exception {
    VideoId id = api.job().completed().contentBytes(10_000).create();
    Video video = api.port().retrieve(id);

    DownloadResult result = downloader().download(video, dir.resolve("clip.mp4"),
        DownloadOptions.builder().durable(false).build());

    assertThat(Files.readAllBytes(result.path())).isEqualTo(api.content(id));
    assertThat(dir.resolve("clip.mp4")).exists();
    assertThat(dir).isDirectoryNotContaining("glob:**.part");
  }

  @Test
  void aJobThatIsNotDoneIsNotDownloaded() {
    VideoId id = api.job().processing(40).create();
    Video video = api.port().retrieve(id);

    assertThatThrownBy(() -> downloader().download(video, dir.resolve("clip.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, x -> assertThat(x.reason()).isEqualTo(VideoDownloadException.Reason.NOT_READY));
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anExpiredVideoIsRefusedBeforeAnyRequest() {
    VideoId id = api.job().completed().expiresAfter(Duration.ofMinutes(1)).create();
    Video video = api.port().retrieve(id);
    api.time().advance(Duration.ofMinutes(2));

    assertThatThrownBy(() -> downloader().download(video, dir.resolve("clip.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, x -> assertThat(x.reason()).isEqualTo(VideoDownloadException.Reason.EXPIRED));
    assertThat(dir).isEmptyDirectory();
  }
}
