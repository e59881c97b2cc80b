package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.Variant;
import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.FakeVideoApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code download} in-process against the fake's HTTP mode. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DownloadCommandTest {
  @TempDir Path dir;
  private FakeVideoApi api;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    api = FakeVideoApi.builder().apiKey(WaitCommandTest.KEY).build();
    cli = WaitCommandTest.harness(api);
    cli.clock = api.time();
    cli.retryPolicy = RetryPolicy.none();
  }

  @AfterEach
  void tearDown() {
    assertThat(cli.out() + cli.err()).doesNotContain(WaitCommandTest.KEY);
    api.close();
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }

  @Test
  void theVideoArrivesWholeWithPlainProgressLines() throws Exception {
    VideoId id = api.job().completed().contentBytes(1_000_000).create();
    Path file = dir.resolve("out.mp4");

    int code = cli.run("download", id.value(), "-o", file.toString());

    assertThat(code).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(api.content(id));
    assertThat(files()).containsExactly(file);
    assertThat(cli.out()).contains("out.mp4 100% (976.6 KiB / 976.6 KiB").contains("saved " + file)
        .doesNotContain("\u001b").doesNotContain("\r");
  }

  @Test
  void theThumbnailIsAVariantAway() throws Exception {
    VideoId id = api.job().completed().create();
    Path file = dir.resolve("thumb.webp");

    assertThat(cli.run("download", id.value(), "--variant", "thumbnail", "-o", file.toString())).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(api.content(id, "thumbnail"));
  }

  @Test
  void aTransferCutOffLeavesNoPartialFile() throws Exception {
    VideoId id = api.job().completed().contentBytes(500_000).dropContentAfter(100_000, 5).create();

    int code = cli.run("download", id.value(), "-o", dir.resolve("cut.mp4").toString());

    assertThat(code).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).startsWith("error: ");
    assertThat(files()).isEmpty();
  }

  @Test
  void anExistingFileIsKeptUnlessOverwriteIsAsked() throws Exception {
    VideoId id = api.job().completed().create();
    Path file = Files.writeString(dir.resolve("mine.mp4"), "precious");

    assertThat(cli.run("download", id.value(), "-o", file.toString())).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).isEqualToIgnoringNewLines("error: " + file + " already exists; pass --overwrite to replace it");
    assertThat(Files.readString(file)).isEqualTo("precious");
    assertThat(api.retrievals(id)).isZero();

    assertThat(cli.run("download", id.value(), "-o", file.toString(), "--overwrite")).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(api.content(id));
  }

  @Test
  void aJobThatIsNotDoneIsRefusedAndAFailedOneExitsTwo() throws Exception {
    VideoId running = api.job().processing(40).create();
    VideoId failed = api.job().failed("internal_error", "boom").create();

    assertThat(cli.run("download", running.value(), "-o", dir.resolve("a.mp4").toString()))
        .isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("40%), not completed: there is nothing to download yet");
    assertThat(cli.run("download", failed.value(), "-o", dir.resolve("b.mp4").toString())).as(cli::err)
        .isEqualTo(ExitCodes.FAILED);
    assertThat(files()).isEmpty();
  }

  @Test
  void anExpiredVideoExitsFive() throws Exception {
    Instant now = api.time().instant();
    VideoId id = api.job().completed(now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(1))).create();

    assertThat(cli.run("download", id.value(), "-o", dir.resolve("old.mp4").toString()))
        .isEqualTo(ExitCodes.EXPIRED);
    assertThat(files()).isEmpty();
  }

  @Test
  void anUnknownVariantIsABadArgument() {
    assertThat(cli.run("download", "video_1", "--variant", "poster")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("poster");
  }

  @Test
  void defaultFileNamesSayWhichVariantTheyHold() {
    VideoId id = VideoId.of("video_9");
    assertThat(Downloads.defaultTarget(id, Variant.VIDEO)).isEqualTo(Path.of("video_9.mp4"));
    assertThat(Downloads.defaultTarget(id, Variant.THUMBNAIL)).isEqualTo(Path.of("video_9-thumbnail.webp"));
    assertThat(Downloads.defaultTarget(id, Variant.SPRITESHEET)).isEqualTo(Path.of("video_9-spritesheet.jpg"));
  }
}
