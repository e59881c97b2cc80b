package dev.sorastatus.cli;

import dev.sorastatus.SoraClient;
import dev.sorastatus.Video;
import dev.sorastatus.tracker.JobStatus;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.TrackerQuery;
import dev.sorastatus.tracker.TrackerStore;
import dev.sorastatus.tracker.VideoTracker;
import dev.sorastatus.tracker.jdbc.JdbcTrackerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sora-status jobs}: where every tracked job stands, or, with {@code --watch}, works them to the end. */
@Command(name = "jobs", description = {
    "Lists the tracked jobs in the store, oldest first: id, status, progress, reads, age and tags.",
    "With --watch, reads every unfinished job (within the request budget) until all are finished, printing each "
        + "outcome: a live table on a terminal, one line per change elsewhere. It exits 0 when every job in the "
        + "store completed, else 2 if any failed, else 3 if any timed out, else 4 if any was not found, else 5 "
        + "if a video expired; 130 when stopped by Ctrl-C (nothing is lost: the jobs stay in the store)."})
final class JobsCommand implements Callable<Integer>, SoraStatusCommand.Verbose {
  private static final Duration TICK = Duration.ofSeconds(1);

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin StoreOptions storeOptions;

  @Mixin ConnectionOptions connection;

  @Option(names = "--status", paramLabel = "S",
      description = "Only jobs in this status, any case: ${COMPLETION-CANDIDATES}.")
  JobStatus status;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Option(names = "--watch", description = "Read the unfinished jobs until every one is finished (needs the API "
      + "key); a live table on a terminal, one line per change elsewhere.")
  boolean watch;

  @Option(names = "--requests-per-second", paramLabel = "N", defaultValue = "50",
      description = "With --watch: the read budget, shared with any other tracker on the store (default: "
          + "${DEFAULT-VALUE}).")
  double requestsPerSecond;

  JobsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (watch && (json || status != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--watch shows every job as it goes: it takes neither --json nor --status");
    }
    if (!(requestsPerSecond > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--requests-per-second': " + requestsPerSecond + " must be more than 0");
    }
    try (JdbcTrackerStore store = storeOptions.open(context)) {
      if (watch) {
        return watch(store);
      }
      TrackerQuery query = TrackerQuery.all().withLimit(TrackerQuery.MAX_LIMIT);
      List<TrackedJob> jobs = store.list(status == null ? query : query.withStatus(status));
      if (json) {
        context.out.println(json(jobs));
      } else if (jobs.isEmpty()) {
        context.out.println(status == null ? "no tracked jobs" : "no " + name(status) + " jobs");
      } else {
        table(jobs, context.clock.instant()).forEach(context.out::println);
      }
      context.out.flush();
      return ExitCodes.COMPLETED;
    }
  }

  private int watch(TrackerStore store) throws Exception {
    JobsView view = new JobsView(context, store);
    CompletableFuture<Void> done = new CompletableFuture<>();
    try (SoraClient client = CliClients.create(connection.config(context))) {
      VideoTracker.Builder builder = VideoTracker.builder(client, store, view::outcome)
          .clock(context.clock).scheduler(context.scheduler).requestsPerSecond(requestsPerSecond);
      context.trackerExecutor.ifPresent(builder::executor);
      try (VideoTracker tracker = builder.build()) {
        Runnable tick = new Runnable() {
          @Override
          public void run() {
            if (done.isDone()) {
              return;
            }
            try {
              view.refresh();
              if (allHandled(store)) {
                done.complete(null);
              } else {
                context.scheduler.schedule(TICK, this);
              }
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          }
        };
        tracker.start();
        context.scheduler.schedule(Duration.ZERO, tick);
        Foreground.await(done, view::end);
      }
    }
    view.summary();
    return exitCode(store.counts());
  }

  /** Returns whether every job is finished and its outcome printed (handled only once its handler returned). */
  private static boolean allHandled(TrackerStore store) {
    return store.counts().keySet().stream().allMatch(JobStatus::isFinished)
        && store.list(TrackerQuery.all().withUnhandledOnly().withLimit(1)).isEmpty();
  }

  /** Returns the exit code for the store's jobs as they ended: the lowest code among the jobs that did not complete. */
  static int exitCode(Map<JobStatus, Long> counts) {
    if (counts.containsKey(JobStatus.FAILED)) {
      return ExitCodes.FAILED;
    }
    if (counts.containsKey(JobStatus.TIMED_OUT)) {
      return ExitCodes.TIMED_OUT;
    }
    if (counts.containsKey(JobStatus.NOT_FOUND)) {
      return ExitCodes.NOT_FOUND;
    }
    return counts.containsKey(JobStatus.EXPIRED) ? ExitCodes.EXPIRED : ExitCodes.COMPLETED;
  }

  /** Returns the jobs as aligned lines under a header. */
  static List<String> table(List<TrackedJob> jobs, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATUS", "PROGRESS", "READS", "AGE", "TAGS"});
    for (TrackedJob job : jobs) {
      rows.add(new String[] {
          job.id().value(),
          name(job.status()),
          job.lastVideo().map(v -> v.progress() + "%").orElse("-"),
          Integer.toString(job.reads()),
          Durations.format(Duration.between(job.trackedAt(), now).isNegative()
              ? Duration.ZERO : Duration.between(job.trackedAt(), now)),
          job.tags().isEmpty() ? "-" : tags(job.tags())});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row[i]));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  static String json(List<TrackedJob> jobs) {
    return VideoOutput.indented(w -> {
      w.beginArray();
      for (TrackedJob job : jobs) {
        w.beginObject();
        w.name("id").value(job.id().value());
        w.name("status").value(name(job.status()));
        w.name("finished").value(job.status().isFinished());
        w.name("handled").value(job.handled());
        w.name("reads").value(job.reads());
        w.name("tracked_at").value(job.trackedAt().toString());
        w.name("tags").beginObject();
        for (Map.Entry<String, String> tag : job.tags().entrySet()) {
          w.name(tag.getKey()).value(tag.getValue());
        }
        w.endObject();
        if (job.lastVideo().isPresent()) {
          w.name("video");
          VideoOutput.write(w, job.lastVideo().get());
        }
        w.endObject();
      }
      w.endArray();
    });
  }

  static String name(JobStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  static String tags(Map<String, String> tags) {
    return tags.entrySet().stream().sorted(Map.Entry.comparingByKey()) // stores need not keep the order given
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /** Returns what a finished job's last read says, such as the error of a failed one. */
  static String detail(Video video) {
    return video.error().map(e -> e.code().map(c -> c + ": ").orElse("") + e.message())
        .or(() -> video.downloadUrl().map(Object::toString))
        .orElse("");
  }

  @Override
  public boolean verbose() {
    return connection.verbose;
  }
}
