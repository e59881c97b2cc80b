package dev.sorastatus.cli;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Variant;
import dev.sorastatus.Video;
import com.sun.net.httpserver.HttpServer;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.FakeWebhooks;
import dev.sorastatus.testkit.VirtualTime;
import dev.sorastatus.webhooks.WebhookCounts;
import dev.sorastatus.webhooks.WebhookReceiver;
import dev.sorastatus.webhooks.WebhookVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

  @Option(names = "--webhook", description = "Also listen for webhooks on 127.0.0.1: the job moves by time, the "
      + "wait polls ten times less often, and the fake posts a signed video.completed event when the job is done, "
      + "which wakes the wait at once instead of at the next poll.")
  boolean webhook;

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
      WebhookListener listener = webhook ? new WebhookListener(api, context) : null;
      try (listener) {
        context.out.println("Fake Sora API on " + baseUrl + " (" + name(dialect) + " dialect): no account, no network.");
        SoraConfig config = context.apply(
            SoraConfig.builder().baseUrl(baseUrl).apiKey(FakeVideoApi.DEFAULT_API_KEY)).build();
        try (SoraClient port = CliClients.create(config)) {
          VideoPoller poller = VideoPoller.create(port);
          if (listener != null) {
            listener.start(poller);
            context.out.println("Listening for signed webhooks on " + listener.url() + "; the fake posts one when "
                + "the job is done.");
          }
          // scripted last: a job that moves by time starts its clock here, when the wait is about to begin
          FakeVideoApi.JobBuilder job = api.job().prompt("A calico cat plays a grand piano on a moonlit stage");
          if (webhook) {
            job.advanceEvery(interval); // a job that finishes by time, so that an event has something to say
          }
          job.queued();
          for (int p : PROGRESS) {
            job.processing(p);
          }
          VideoId id = fail
              ? job.failed("moderation_blocked", "The demo job was scripted to fail (--fail).").create()
              : job.completed().realMedia().create(); // a real H.264 clip: the saved file plays
          Duration pollEvery = webhook ? interval.multipliedBy(10) : interval;
          context.out.println("Created " + id + "; waiting for it with the real JDK transport, polling every "
              + Durations.format(pollEvery) + ".");
          context.out.flush();
          Video done;
          Instant waitStarted = context.clock.instant();
          try {
            done = WaitCommand.awaitShowingProgress(context, poller, id, Duration.ofMinutes(10), pollEvery);
          } finally {
            if (listener != null) {
              listener.report(Duration.between(waitStarted, context.clock.instant()), pollEvery);
            }
          }
          Downloads.fetch(context, port, done, output, Variant.VIDEO, true);
          context.out.println("Done. With a real key: sora-status wait <id> --download video.mp4 (see --help).");
          context.out.flush();
          return ExitCodes.COMPLETED;
        }
      }
    }
  }

  /**
   * The demo's webhook endpoint: the JDK's server on 127.0.0.1 with a {@link WebhookReceiver} over the demo's
   * poller, and the fake told to post signed events to it under a secret made for this run.
   */
  static final class WebhookListener implements AutoCloseable {
    private final CliContext context;
    private final String secret;
    private final HttpServer server;
    private WebhookReceiver receiver;

    WebhookListener(FakeVideoApi api, CliContext context) throws IOException {
      this.context = context;
      byte[] key = new byte[24];
      new SecureRandom().nextBytes(key);
      this.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      api.webhooks(FakeWebhooks.builder(secret).to(url()).build()); // before the job is scripted
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
    }

    void start(VideoPoller poller) {
      receiver = WebhookReceiver.builder(poller)
          .verifier(WebhookVerifier.builder().secret(secret).clock(context.clock).build()).build();
      server.createContext("/webhooks", receiver.httpHandler());
      server.start();
    }

    /** Says whether the event woke the wait, and when the wait ended. */
    void report(Duration waited, Duration pollEvery) {
      WebhookCounts counts = receiver.counts();
      context.out.println(counts.woken() > 0
          ? "Woken by a signed webhook: the wait ended after " + Durations.format(waited) + ", right after the "
              + "event, not at the next poll (" + Durations.format(pollEvery) + ")."
          : "No webhook woke the wait (" + counts.received() + " received); polling ended it after "
              + Durations.format(waited) + ".");
    }

    @Override
    public void close() {
      server.stop(0);
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
