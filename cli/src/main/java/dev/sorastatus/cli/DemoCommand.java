package dev.sorastatus.cli;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Variant;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.VirtualTime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sora-status demo}: the whole flow on this machine, with no account and no network. The testkit's fake
 * serves a scripted job over HTTP on loopback, and the real JDK transport, poller and downloader run against it.
 */
@Command(name = "demo", description = "Shows the whole flow with no account and no network: starts a fake Sora API "
    + "on 127.0.0.1 with a scripted job (queued, processing in steps, completed), waits for it with the real "
    + "JDK transport and poller, and downloads the video, in about ten seconds.")
final class DemoCommand implements Callable<Integer>, SoraStatusCommand.Verbose {
  private static final int[] PROGRESS = {8, 21, 37, 52, 68, 83, 95};

  private final CliContext context;

  @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "openai", converter = DialectConverter.class,
      description = "How the fake speaks: openai (in_progress, download from /content), gateway (processing, "
          + "meta_data.url, milliseconds) or new-api (IN_PROGRESS, SUCCESS, inside a {code, data} envelope) "
          + "(default: ${DEFAULT-VALUE}).")
  Dialect dialect;

  @Option(names = "--fail", description = "Script a job that fails, to show that path (exit code 2).")
  boolean fail;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "sora-demo.mp4",
      description = "Where to save the video (default: ${DEFAULT-VALUE}, replaced if it exists).")
  Path output;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.class,
      description = "Time between polls (default: ${DEFAULT-VALUE}); the job moves one step per poll.")
  Duration interval;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  boolean verbose;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    // the fake's clock follows the command's, so that the job's created_at, completed_at and expiry are when
    // they really happened: eight seconds of polling show as eight seconds between created and completed
    VirtualTime fakeTime = context.clock instanceof VirtualTime
        ? (VirtualTime) context.clock : VirtualTime.startingAt(context.clock.instant());
    ClockFollower follower = new ClockFollower(fakeTime, context.clock);
    try (follower; FakeVideoApi api = FakeVideoApi.builder().dialect(dialect).time(fakeTime).build()) {
      URI baseUrl = api.baseUrl();
      FakeVideoApi.JobBuilder job = api.job().prompt("A calico cat plays a grand piano on a moonlit stage").queued();
      for (int p : PROGRESS) {
        job.processing(p);
      }
      VideoId id = fail
          ? job.failed("moderation_blocked", "The demo job was scripted to fail (--fail).").create()
          : job.completed().realMedia().create(); // a real H.264 clip: the saved file plays
      context.out.println("Fake Sora API on " + baseUrl + " (" + name(dialect) + " dialect): no account, no network.");
      context.out.println("Created " + id + "; waiting for it with the real JDK transport, polling every "
          + Durations.format(interval) + ".");
      context.out.flush();
      SoraConfig config = context.apply(
          SoraConfig.builder().baseUrl(baseUrl).apiKey(FakeVideoApi.DEFAULT_API_KEY)).build();
      try (SoraClient port = CliClients.create(config)) {
        Video done = WaitCommand.awaitShowingProgress(context, port, id, Duration.ofMinutes(10), interval);
        Downloads.fetch(context, port, done, output, Variant.VIDEO, true);
        context.out.println("Done. With a real key: sora-status wait <id> --download video.mp4 (see --help).");
        context.out.flush();
        return ExitCodes.COMPLETED;
      }
    }
  }

  @Override
  public boolean verbose() {
    return verbose;
  }

  /**
   * Moves a virtual clock along with a real one, every few milliseconds on a daemon thread, for a fake that
   * should stamp real times; nothing to do when the two are one clock (the command's tests).
   */
  static final class ClockFollower implements AutoCloseable {
    private final Thread thread;

    ClockFollower(VirtualTime time, Clock clock) {
      if (time == clock) {
        thread = null;
        return;
      }
      thread = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            if (now.isAfter(time.instant())) {
              time.advanceTo(now);
            }
            Thread.sleep(20);
          }
        } catch (InterruptedException stopped) {
          Thread.currentThread().interrupt();
        }
      }, "sora-status-demo-clock");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  private static String name(Dialect dialect) {
    return dialect.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Reads {@code openai}, {@code gateway} or {@code new-api}. */
  static final class DialectConverter implements CommandLine.ITypeConverter<Dialect> {
    @Override
    public Dialect convert(String value) {
      for (Dialect d : Dialect.values()) {
        if (name(d).equals(value.toLowerCase(Locale.ROOT).replace('_', '-'))) {
          return d;
        }
      }
      throw new CommandLine.TypeConversionException("expected openai, gateway or new-api but was '" + value + "'");
    }
  }
}
