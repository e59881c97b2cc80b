package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code wait} in-process against the fake's HTTP mode, in virtual time. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WaitCommandTest {
  static final String KEY = "sk-canary-cli-wait-0123456789abcdef";

  @TempDir Path dir;
  private FakeVideoApi api;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    api = FakeVideoApi.builder().apiKey(KEY).build();
    cli = harness(api);
  }

  static CliHarness harness(FakeVideoApi api) {
    CliHarness cli = new CliHarness();
    cli.env.put("SORA_BASE_URL", api.baseUrl().toString());
    cli.env.put("SORA_API_KEY", KEY);
    return cli;
  }

  @AfterEach
  void tearDown() {
    assertThat(cli.out()).doesNotContain(KEY);
    assertThat(cli.err()).doesNotContain(KEY);
    api.close();
  }

  @Test
  void completedJobShowsEachChangeThenTheResultAndExitsZero() {
    VideoId id = api.job().queued().processing(30).processing(70).completed().create();

    int code = cli.runIn(api.time(), "wait", id.value(), "--interval", "10s");

    assertThat(code).isZero();
    assertThat(cli.out())
        .contains("queued 0% (0s elapsed)")
        .contains("processing 30% (10s elapsed, about ")
        .contains("processing 70% (20s elapsed, about ")
        .contains("status:       completed");
    assertThat(cli.out().split("completed 100%", -1)).hasSize(2); // one line, though status and progress both changed
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void outputThatIsNotATerminalHasNoControlCharacters() {
    VideoId id = api.job().queued().processing(50).completed().create();

    cli.runIn(api.time(), "wait", id.value(), "--interval", "5s");

    assertThat(cli.out()).doesNotContain("\u001b").doesNotContain("\r").contains("processing 50% (5s elapsed");
    assertThat(cli.out().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }

  @Test
  void onATerminalTheBarIsRedrawnInPlaceAndTheCursorComesBack() {
    cli.terminal = true;
    VideoId id = api.job().queued().processing(50).completed().create();

    cli.runIn(api.time(), "wait", id.value());

    String out = cli.out();
    assertThat(out).contains("\u001b[?25l").contains("\r\u001b[2Kprocessing [############------------]  50%");
    assertThat(out.lastIndexOf("\u001b[?25h")).isGreaterThan(out.lastIndexOf("\u001b[?25l"));
  }

  @Test
  void failedJobPrintsTheErrorAndExitsTwo() {
    VideoId id = api.job().queued().processing(40).failed("moderation_blocked", "the prompt was blocked").create();

    int code = cli.runIn(api.time(), "wait", id.value());

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(cli.out()).contains("status:       failed").contains("error:        moderation_blocked: the prompt was blocked");
    assertThat(cli.err().strip().lines()).hasSize(1).first().asString().startsWith("error: ");
  }

  @Test
  void aJobStillRunningAtTheTimeoutExitsThree() {
    VideoId id = api.job().queued().processing(10).create();

    int code = cli.runIn(api.time(), "wait", id.value(), "--timeout", "3m");

    assertThat(code).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(cli.err()).startsWith("error: ").contains("did not finish within PT3M");
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void anUnknownJobExitsFour() {
    VideoId id = api.job().notFound().create();

    assertThat(cli.runIn(api.time(), "wait", id.value())).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.err()).startsWith("error: ").doesNotContain("\tat ");
  }

  @Test
  void aVideoThatExpiredBeforeItWasSeenExitsFive() {
    Instant start = api.time().instant();
    VideoId id = api.job().completed(start.minus(Duration.ofHours(2)), start.minus(Duration.ofHours(1))).create();

    assertThat(cli.runIn(api.time(), "wait", id.value())).isEqualTo(ExitCodes.EXPIRED);
    assertThat(cli.err()).contains("expired");
  }

  @Test
  void aMissingKeyNamesBothVariables() {
    cli.env.remove("SORA_API_KEY");

    assertThat(cli.run("wait", "video_1")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("SORA_API_KEY").contains("OPENAI_API_KEY");
  }

  @Test
  void theKeyIsNeverPrintedEvenVerboseOnAnError() {
    cli.env.remove("SORA_API_KEY");
    VideoId id = api.job().unauthorized().create();

    int code = cli.runIn(api.time(), "wait", id.value(), "--api-key", KEY, "--verbose");

    assertThat(code).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("401").contains("\tat ");
  }

  @Test
  void anExistingDownloadTargetIsRefusedBeforeTheWaitBegins() throws Exception {
    VideoId id = api.job().queued().completed().create();
    Path file = Files.writeString(dir.resolve("mine.mp4"), "precious");

    int code = cli.run("wait", id.value(), "--download", file.toString());

    assertThat(code).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("already exists; choose another --download FILE");
    assertThat(api.retrievals(id)).isZero();
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void waitThenDownloadSavesTheWholeVideo(Dialect dialect) throws Exception {
    try (FakeVideoApi other = FakeVideoApi.builder().apiKey(KEY).dialect(dialect).build()) {
      CliHarness harness = harness(other);
      VideoId id = other.job().queued().processing(60).completed().contentBytes(200_000).create();
      Path file = dir.resolve("video.mp4");

      int code = harness.runIn(other.time(), "wait", id.value(), "--download", file.toString());

      assertThat(code).isZero();
      assertThat(Files.readAllBytes(file)).isEqualTo(other.content(id));
      assertThat(harness.out()).contains("saved " + file + " (195.3 KiB, sha256 ");
      assertThat(harness.out() + harness.err()).doesNotContain(KEY);
    }
  }
}
