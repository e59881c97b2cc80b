package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.FakeVideoApi;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code track} and {@code jobs} on an H2 file in a temporary directory, against the fake's HTTP mode in virtual time. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JobsCommandTest {
  @TempDir Path dir;
  private FakeVideoApi api;
  private CliHarness cli;
  private String store;

  @BeforeEach
  void setUp() {
    api = FakeVideoApi.builder().apiKey(WaitCommandTest.KEY).build();
    cli = WaitCommandTest.harness(api);
    store = dir.resolve("jobs").toString();
  }

  @AfterEach
  void tearDown() {
    assertThat(cli.out() + cli.err()).doesNotContain(WaitCommandTest.KEY);
    api.close();
  }

  @Test
  void trackedJobsAreListedWithTheirStatusAndTags() {
    assertThat(cli.runIn(api.time(), "track", "video_a", "video_b", "--tag", "customer=42", "--tag", "batch=7",
        "--store", store)).isZero();
    assertThat(cli.out()).contains("tracking video_a batch=7,customer=42").contains("tracking video_b");

    assertThat(cli.run("jobs", "--store", store)).isZero();

    assertThat(cli.out())
        .containsPattern("ID +STATUS +PROGRESS +READS +AGE +TAGS")
        .containsPattern("video_a +pending +- +0 +0s +batch=7,customer=42")
        .containsPattern("video_b +pending");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void trackingAJobTwiceLeavesItAsItStands() {
    cli.runIn(api.time(), "track", "video_a", "--tag", "n=1", "--store", store);

    assertThat(cli.runIn(api.time(), "track", "video_a", "--tag", "n=2", "--store", store)).isZero();

    assertThat(cli.out()).contains("already tracked video_a (pending)");
    cli.run("jobs", "--store", store, "--json");
    assertThat(cli.out()).contains("\"n\": \"1\"").doesNotContain("\"n\": \"2\"");
  }

  @Test
  void theDefaultStoreIsAnH2FileInTheWorkingDirectory() {
    cli.workingDirectory = dir;

    assertThat(cli.run("track", "video_a")).isZero();

    assertThat(dir.resolve("sora-jobs.mv.db")).isRegularFile();
    assertThat(cli.run("jobs", "--status", "pending")).isZero();
    assertThat(cli.out()).containsPattern("video_a +pending");
  }

  @Test
  void watchReadsEveryJobUntilAllAreFinishedThenExitsZero() {
    VideoId first = api.job().queued().processing(40).completed().create();
    VideoId second = api.job().queued().completed().create();
    cli.runIn(api.time(), "track", first.value(), second.value(), "--store", store);

    int code = cli.runIn(api.time(), "jobs", "--watch", "--store", store);

    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out())
        .containsPattern(first.value() + " queued 0%")
        .containsPattern(first.value() + " processing 40%")
        .containsPattern(first.value() + " completed")
        .containsPattern(second.value() + " completed")
        .contains("2 finished now; in the store: 2 completed")
        .doesNotContain("\u001b");
    assertThat(cli.out().split(first.value() + " completed", -1)).hasSize(2); // each outcome printed once
    cli.run("jobs", "--store", store, "--status", "completed", "--json");
    assertThat(cli.out()).contains("\"handled\": true").contains("\"reads\": 3");
  }

  @Test
  void watchExitsTwoWhenAJobFailedAndPrintsItsError() {
    VideoId ok = api.job().queued().completed().create();
    VideoId bad = api.job().queued().failed("moderation_blocked", "the prompt was blocked").create();
    cli.runIn(api.time(), "track", ok.value(), bad.value(), "--store", store);

    int code = cli.runIn(api.time(), "jobs", "--watch", "--store", store);

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(cli.out()).contains(bad.value() + " failed moderation_blocked: the prompt was blocked");
  }

  @Test
  void onATerminalTheWatchRedrawsATableAndTheCursorComesBack() {
    VideoId id = api.job().queued().processing(50).completed().create();
    cli.runIn(api.time(), "track", id.value(), "--store", store);
    cli.terminal = true;

    assertThat(cli.runIn(api.time(), "jobs", "--watch", "--store", store)).isZero();

    String out = cli.out();
    assertThat(out).contains("\u001b[?25l").contains("\u001b[3F\u001b[J").contains("0 of 1 finished");
    assertThat(out).containsPattern(id.value() + " +processing +50%");
    assertThat(out.lastIndexOf("\u001b[?25h")).isGreaterThan(out.lastIndexOf("\u001b[?25l"));
  }

  @Test
  void anEmptyStoreIsWatchedToItsEndAtOnce() {
    assertThat(cli.runIn(api.time(), "jobs", "--watch", "--store", store)).isZero();
    assertThat(cli.out()).contains("0 finished now");
  }

  @Test
  void watchTakesNoJsonOrStatus() {
    assertThat(cli.run("jobs", "--watch", "--json", "--store", store)).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("--watch shows every job as it goes");
  }

  @Test
  void aStoreUrlOfAnotherDatabaseIsRefusedByName() {
    assertThat(cli.run("jobs", "--store", "jdbc:mysql://127.0.0.1/app")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("an H2 file or a jdbc:postgresql: URL, not jdbc:mysql: URLs");
  }

  @Test
  void aPostgresStoreThatCannotBeReachedIsOneError() {
    // port 1 on loopback: refused at once, so the driver (shipped in the jar) fails without waiting
    assertThat(cli.run("jobs", "--store", "jdbc:postgresql://127.0.0.1:1/app?connectTimeout=2"))
        .isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err().strip().lines()).hasSize(1).first().asString().startsWith("error: ");
  }

  @Test
  void watchNeedsTheKeyAndSaysSo() {
    cli.env.remove("SORA_API_KEY");
    cli.runIn(api.time(), "track", "video_a", "--store", store); // tracking needs no key

    assertThat(cli.run("jobs", "--watch", "--store", store)).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("SORA_API_KEY");
  }
}
