package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;
import static dev.sorastatus.testkit.SoraAssertions.catchThrowableOfType;

import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class VideoDownloadExceptionAssertTest {
  @TempDir Path dir;

  private final FakeVideoApi api = FakeVideoApi.create();
  private final VideoId id = api.job().processing(40).create();

  private VideoDownloadException refused() {
    VideoDownloader downloader = VideoDownloader.builder(api.port()).build();
    return catchThrowableOfType(VideoDownloadException.class,
        () -> downloader.download(api.port().retrieve(id), dir.resolve("clip.mp4")));
  }

  @Test
  void aRefusedDownloadPassesItsChecks() {
    assertThat(refused()).isFor(id).hasReason(VideoDownloadException.Reason.NOT_READY);
  }

  @Test
  void hasReasonNamesBothReasons() {
    assertThatThrownBy(() -> assertThat(refused()).hasReason(VideoDownloadException.Reason.EXPIRED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have failed because EXPIRED but it failed because NOT_READY");
  }

  @Test
  void isForNamesTheOtherJobAndTheReason() {
    assertThatThrownBy(() -> assertThat(refused()).isFor(VideoId.of("video_other")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the download of " + id + " to be for video_other but it is for " + id)
        .hasMessageContaining("reason ..... NOT_READY");
  }

  @Test
  void aNullErrorFails() {
    assertThatThrownBy(() -> assertThat((VideoDownloadException) null).isFor(id)).isInstanceOf(AssertionError.class);
  }
}
