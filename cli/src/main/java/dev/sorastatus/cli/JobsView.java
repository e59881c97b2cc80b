package dev.sorastatus.cli;

import dev.sorastatus.VideoId;
import dev.sorastatus.tracker.JobStatus;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.TrackedOutcome;
import dev.sorastatus.tracker.TrackerQuery;
import dev.sorastatus.tracker.TrackerStore;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shows {@code jobs --watch} as it goes: on a terminal a table of every job redrawn in place below the outcomes
 * printed so far; elsewhere one plain line per change of a job and per outcome, with no control characters.
 */
final class JobsView {
  private static final String HIDE_CURSOR = "\u001b[?25l";
  private static final String SHOW_CURSOR = "\u001b[?25h";

  private final CliContext context;
  private final PrintWriter out;
  private final TrackerStore store;
  private final Map<VideoId, String> lastShown = new HashMap<>();
  private int tableLines;
  private boolean cursorHidden;
  private int outcomes;

  JobsView(CliContext context, TrackerStore store) {
    this.context = context;
    this.out = context.out;
    this.store = store;
  }

  /** Shows what changed since the last call: the redrawn table, or a line for each job that changed. */
  synchronized void refresh() {
    List<TrackedJob> jobs = store.list(TrackerQuery.all().withLimit(TrackerQuery.MAX_LIMIT));
    if (context.terminal) {
      clearTable();
      if (!cursorHidden) {
        out.print(HIDE_CURSOR);
        cursorHidden = true;
      }
      List<String> lines = JobsCommand.table(jobs, context.clock.instant());
      lines.add(summaryLine(jobs));
      lines.forEach(out::println);
      tableLines = lines.size();
    } else {
      for (TrackedJob job : jobs) {
        if (job.status().isFinished()) {
          continue; // the outcome's own line tells it
        }
        String shown = job.status() + job.lastVideo().map(v -> " " + v.progress() + "%").orElse("");
        if (!shown.equals(lastShown.put(job.id(), shown))) {
          out.println(timestamp() + " " + job.id().value() + " " + JobsCommand.name(job.status())
              + job.lastVideo().map(v -> " " + v.progress() + "%").orElse(""));
        }
      }
    }
    out.flush();
  }

  /** Prints one outcome as the tracker delivers it, above the table on a terminal. */
  synchronized void outcome(TrackedOutcome outcome) {
    clearTable();
    String detail = outcome.video().map(JobsCommand::detail).filter(d -> !d.isEmpty()).map(d -> " " + d).orElse("");
    out.println(timestamp() + " " + outcome.videoId().value() + " " + JobsCommand.name(outcome.status()) + detail);
    out.flush();
    outcomes++;
  }

  /** Shows the cursor again; safe to call more than once and from a shutdown hook. */
  synchronized void end() {
    if (cursorHidden) {
      out.print(SHOW_CURSOR);
      cursorHidden = false;
    }
    out.flush();
  }

  /** Prints how the jobs ended, in counts. */
  synchronized void summary() {
    Map<JobStatus, Long> counts = store.counts();
    out.println(outcomes + " finished now; in the store: " + counts.entrySet().stream()
        .map(e -> e.getValue() + " " + JobsCommand.name(e.getKey())).collect(Collectors.joining(", ")));
    out.flush();
  }

  private void clearTable() {
    if (tableLines > 0) {
      out.print("\u001b[" + tableLines + "F\u001b[J"); // up to the table's first line, then clear below
      tableLines = 0;
    }
  }

  private static String summaryLine(List<TrackedJob> jobs) {
    long finished = jobs.stream().filter(j -> j.status().isFinished()).count();
    return finished + " of " + jobs.size() + " finished";
  }

  private String timestamp() {
    return context.clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
