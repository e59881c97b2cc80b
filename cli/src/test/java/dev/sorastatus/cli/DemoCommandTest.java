package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code demo} in-process, its polls in virtual time and its HTTP real, over loopback. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DemoCommandTest {
  @TempDir Path dir;
  private final CliHarness cli = new CliHarness();

  @ParameterizedTest
  @ValueSource(strings = {"openai", "gateway", "new-api"})
  void theDemoWaitsThenLeavesTheVideoOnDisk(String dialect) throws Exception {
    Path file = dir.resolve("demo.mp4");

    int code = cli.runIn(VirtualTime.create(), "demo", "--dialect", dialect, "-o", file.toString());

    assertThat(code).isZero();
    assertThat(file).hasBinaryContent(demoVideo());
    assertThat(cli.out())
        .contains("Fake Sora API on http://127.0.0.1:")
        .contains("(" + dialect + " dialect): no account, no network.")
        .contains("queued 0%").contains("processing 52%").contains("status:       completed")
        .contains("saved " + file);
    assertThat(cli.out()).doesNotContain("sk-");
    assertThat(cli.out().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }

  @Test
  void theJobIsStampedWhenItReallyMovedNotWhenItWasCreated() throws Exception {
    VirtualTime time = VirtualTime.create();

    int code = cli.runIn(time, "demo", "--interval", "1s", "-o", dir.resolve("demo.mp4").toString());

    assertThat(code).isZero();
    Instant created = stamp("created:");
    Instant completed = stamp("completed:");
    assertThat(Duration.between(created, completed)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(created).isEqualTo(VirtualTime.DEFAULT_START);
  }

  private Instant stamp(String label) {
    return cli.out().lines().filter(l -> l.startsWith(label)).findFirst()
        .map(l -> Instant.parse(l.substring(label.length()).trim().split(" ")[0]))
        .orElseThrow(() -> new AssertionError("no " + label + " line in\n" + cli.out()));
  }

  @Test
  void withWebhookTheWaitEndsAtTheSignedEventNotAtTheNextPoll() throws Exception {
    VirtualTime time = VirtualTime.create();
    Path file = dir.resolve("demo.mp4");

    int code = cli.runIn(time, "demo", "--webhook", "-o", file.toString());

    assertThat(code).isZero();
    assertThat(cli.out())
        .contains("polling every 10s")
        .contains("Listening for signed webhooks on http://127.0.0.1:")
        // the job completed at 8 s, the next poll was due at 10 s
        .contains("Woken by a signed webhook: the wait ended after 8s, right after the event, not at the next "
            + "poll (10s).")
        .contains("status:       completed")
        .doesNotContain("whsec_");
    assertThat(file).hasBinaryContent(demoVideo());
  }

  @Test
  void withWebhookAFailedJobIsWokenAndExitsTwo() {
    int code = cli.runIn(VirtualTime.create(), "demo", "--webhook", "--fail", "-o", dir.resolve("x.mp4").toString());

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(cli.out()).contains("Woken by a signed webhook").contains("status:       failed");
  }

  @Test
  void withFailTheDemoShowsTheFailedPathAndExitsTwo() {
    Path file = dir.resolve("demo.mp4");

    int code = cli.runIn(VirtualTime.create(), "demo", "--fail", "-o", file.toString());

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(cli.out()).contains("status:       failed").contains("moderation_blocked");
    assertThat(file).doesNotExist();
  }

  @Test
  void aReplayReplacesTheEarlierDemoFile() throws Exception {
    Path file = Files.writeString(dir.resolve("demo.mp4"), "old");

    assertThat(cli.runIn(VirtualTime.create(), "demo", "-o", file.toString())).isZero();
    assertThat(file).hasBinaryContent(demoVideo());
  }

  @Test
  void anUnknownDialectIsABadArgument() {
    assertThat(cli.run("demo", "--dialect", "klingon")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("expected openai, gateway or new-api but was 'klingon'");
  }

  /** Returns the real video the demo's fake serves, as the testkit ships it. */
  static byte[] demoVideo() throws java.io.IOException {
    try (java.io.InputStream in = FakeVideoApi.class.getResourceAsStream("media/demo.mp4")) {
      assertThat(in).as("the testkit's media/demo.mp4").isNotNull();
      return in.readAllBytes();
    }
  }
}
