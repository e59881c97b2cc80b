package dev.sorastatus.cli;

import dev.sorastatus.SoraConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code sora-status} command: holds the subcommands, the help text and the error policy. */
@Command(
    name = "sora-status",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // every subcommand takes --help (help alone, exit 0) and --version
    versionProvider = SoraStatusCommand.Version.class,
    description = "Checks, waits for, downloads and tracks Sora-style video jobs (GET /v1/videos/{id}) on OpenAI's API "
        + "shape or any compatible gateway.",
    subcommands = {GetCommand.class, ListCommand.class, WaitCommand.class, DownloadCommand.class, TrackCommand.class,
        JobsCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the job completed (get: the job was read and has not failed; list, track, jobs: done; jobs --watch: "
            + "every tracked job completed)",
        "2:the job failed (jobs --watch: any job failed; else 3, 4, 5 as below)",
        "3:timed out waiting",
        "4:the job was not found",
        "5:the video expired",
        "1:any other error (bad arguments, no key, network, server)",
        "130:stopped by Ctrl-C (no partial file is left)"},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  SORA_BASE_URL   the API root, like https://gateway.example.com/v1",
        "                  (else OPENAI_BASE_URL)",
        "  SORA_API_KEY    the API key (else OPENAI_API_KEY); never printed",
        "",
        "Try it with no account and no network: sora-status demo"})
final class SoraStatusCommand {
  final CliContext context;

  SoraStatusCommand(CliContext context) {
    this.context = context;
  }

  /** Runs {@code args} and returns the exit code; errors are one line, with a stack trace only when verbose. */
  static int run(CliContext context, String... args) {
    CommandLine cli = new CommandLine(new SoraStatusCommand(context), new Factory(context));
    setInvalidInputCode(cli); // picocli's default of 2 would read as "the job failed"
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(context.out);
    cli.setErr(context.err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      Object command = commandLine.getCommand();
      boolean verbose = command instanceof Verbose && ((Verbose) command).verbose();
      int code = ExitCodes.of(e);
      context.err.println(code == ExitCodes.INTERRUPTED
          ? "stopped"
          : "error: " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
      if (verbose) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        context.err.print(trace);
      }
      context.err.flush();
      return code;
    });
    return cli.execute(args);
  }

  private static void setInvalidInputCode(CommandLine cli) {
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.OTHER_ERROR);
    cli.getSubcommands().values().forEach(SoraStatusCommand::setInvalidInputCode);
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }

  /** A command that knows whether it was asked to be verbose. */
  interface Verbose {
    boolean verbose();
  }

  /** Gives each subcommand the shared context. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliContext context;

    Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(CliContext.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }

  /** Reports the library's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {SoraConfig.builder().baseUrl("https://localhost/v1").apiKey("unused").build().userAgent()};
    }
  }
}
