package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} on any subcommand prints that command's help alone and exits 0, as a newcomer expects. */
class HelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"get", "list", "wait", "download", "track", "jobs", "demo"})
  void helpOnASubcommandIsHelpAloneAndExitsZero(String subcommand) {
    CliHarness cli = new CliHarness();

    int code = cli.run(subcommand, "--help");

    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("Usage: sora-status " + subcommand).contains("--help");
    assertThat(cli.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wait", "download", "get", "track"})
  void missingIdWithoutHelpIsStillAUsageError(String subcommand) {
    CliHarness cli = new CliHarness();
    cli.env.put("SORA_API_KEY", "sk-test-help");

    int code = cli.run(subcommand);

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).contains("Missing required parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"get", "wait", "download", "track"})
  void aRejectedIdSaysWhatIsAllowedInFull(String subcommand) {
    CliHarness cli = new CliHarness();
    cli.env.put("SORA_API_KEY", "sk-test-help");
    cli.env.put("SORA_BASE_URL", "http://127.0.0.1:9/v1");

    int code = cli.run(subcommand, "video/../x");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).contains("only A-Z, a-z, 0-9, '.', '_', ':' and '-' are allowed");
  }

  @Test
  void theHelpOfJobsSaysWhatTheWatchExitsWith() {
    CliHarness cli = new CliHarness();

    assertThat(cli.run("jobs", "--help")).isZero();

    assertThat(cli.out().replaceAll("\\s+", " "))
        .contains("exits 0 when every job in the store completed, else 2 if any failed, else 3 if any timed out");
  }
}
