package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} on any subcommand prints that command's help alone and exits 0, as a newcomer expects. */
class HelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"get", "list", "wait", "download", "demo"})
  void helpOnASubcommandIsHelpAloneAndExitsZero(String subcommand) {
    CliHarness cli = new CliHarness();

    int code = cli.run(subcommand, "--help");

    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("Usage: sora-status " + subcommand).contains("--help");
    assertThat(cli.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wait", "download", "get"})
  void missingIdWithoutHelpIsStillAUsageError(String subcommand) {
    CliHarness cli = new CliHarness();
    cli.env.put("SORA_API_KEY", "sk-test-help");

    int code = cli.run(subcommand);

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).contains("Missing required parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"get", "wait", "download"})
  void aRejectedIdSaysWhatIsAllowedInFull(String subcommand) {
    CliHarness cli = new CliHarness();
    cli.env.put("SORA_API_KEY", "sk-test-help");
    cli.env.put("SORA_BASE_URL", "http://127.0.0.1:9/v1");

    int code = cli.run(subcommand, "video/../x");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).contains("only A-Z, a-z, 0-9, '.', '_', ':' and '-' are allowed");
  }
}
