package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;

import dev.sorastatus.DownloadResult;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DownloadResultAssertTest {
  @TempDir Path dir;

  private final FakeVideoApi api = FakeVideoApi.create();
  private VideoId id;
  private DownloadResult result;

  @BeforeEach
  void download() {
    id = api.job().completed().contentBytes(10_000).dropContentAfter(4_000).create();
    VirtualTime time = api.time();
    VideoDownloader downloader = VideoDownloader.builder(api.port()).build();
    result = downloader.download(api.port().retrieve(id), dir.resolve("clip.mp4"));
  }

  @Test
  void aResumedDownloadPassesEveryCheck() {
    assertThat(result).hasBytes(10_000).hasSha256Of(api.content(id)).hasContent(api.content(id))
        .hasContentType("video/mp4").tookAttempts(2).isAt(dir.resolve("clip.mp4"))
        .isAt(dir.resolve("x/../clip.mp4"));
  }

  @Test
  void hasBytesSaysTheSize() {
    assertThatThrownBy(() -> assertThat(result).hasBytes(9))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting download clip.mp4 to have 9 bytes but it has 10000")
        .hasMessageContaining("attempts ... 2");
  }

  @Test
  void hasSha256OfComparesTheDigestOfTheExpectedBytes() {
    assertThatThrownBy(() -> assertThat(result).hasSha256Of(new byte[] {1, 2, 3}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(of the 3 expected bytes) but it has " + result.sha256());
  }

  @Test
  void hasContentNamesTheFirstDifferentByte() throws Exception {
    byte[] other = api.content(id).clone();
    other[1234] ^= 1;
    assertThatThrownBy(() -> assertThat(result).hasContent(other))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("differs first at byte 1234");
  }

  @Test
  void hasContentChecksTheReportedSize() {
    byte[] shorter = Arrays.copyOf(api.content(id), 9_999);
    assertThatThrownBy(() -> assertThat(result).hasContent(shorter))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have 9999 bytes of content but it reports 10000");
  }

  @Test
  void hasContentReadsTheFileItself() throws Exception {
    Files.write(result.path(), new byte[10_000]); // same size, other bytes
    assertThatThrownBy(() -> assertThat(result).hasContent(api.content(id)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but the file has 10000 and differs first at byte");
    Files.delete(result.path());
    assertThatThrownBy(() -> assertThat(result).hasContent(api.content(id)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have a readable file but reading it failed");
  }

  @Test
  void hasContentTypeSaysWhatTheServerSent() {
    assertThatThrownBy(() -> assertThat(result).hasContentType("image/webp"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have content type \"image/webp\" but it has \"video/mp4\"");
    DownloadResult untyped = new DownloadResult(result.path(), result.bytes(), Optional.empty(), result.sha256(), 1);
    assertThatThrownBy(() -> assertThat(untyped).hasContentType("video/mp4"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it has none");
  }

  @Test
  void tookAttemptsCountsTheRequests() {
    assertThatThrownBy(() -> assertThat(result).tookAttempts(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have taken 1 attempt but it took 2");
  }

  @Test
  void isAtComparesThePath() {
    assertThatThrownBy(() -> assertThat(result).isAt(dir.resolve("other.mp4")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be at " + dir.resolve("other.mp4") + " but it is at " + result.path());
  }

  @Test
  void aNullResultFails() {
    assertThatThrownBy(() -> assertThat((DownloadResult) null).hasBytes(0)).isInstanceOf(AssertionError.class);
  }
}
