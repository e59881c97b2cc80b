package dev.sorastatus.cli;

import dev.sorastatus.SoraClient;
import dev.sorastatus.Video;
import dev.sorastatus.VideoListQuery;
import dev.sorastatus.VideoPage;
import dev.sorastatus.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sora-status list}: where each of the key's jobs stands, newest first. */
@Command(name = "list", description = "Lists the key's jobs, newest first: id, status, progress, age and expiry.")
final class ListCommand implements Callable<Integer>, SoraStatusCommand.Verbose {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(names = "--limit", paramLabel = "N",
      description = "Print at most N jobs (default: all); pages are read only as far as needed.")
  Integer limit;

  @Option(names = "--status", paramLabel = "S",
      description = "Only jobs in this status, any case: ${COMPLETION-CANDIDATES}.")
  VideoStatus status;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  ListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (limit != null && limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--limit': " + limit + " must be 1 or more");
    }
    // without a filter, a page need be no larger than what is printed
    int pageSize = limit != null && status == null ? Math.min(limit, VideoListQuery.MAX_LIMIT) : VideoListQuery.MAX_LIMIT;
    List<Video> shown = new ArrayList<>();
    try (SoraClient port = CliClients.create(connection.config(context))) {
      Iterator<VideoPage> pages = port.listPages(VideoListQuery.defaults().withLimit(pageSize));
      while (pages.hasNext() && (limit == null || shown.size() < limit)) {
        for (Video video : pages.next().videos()) {
          if ((status == null || video.status() == status) && (limit == null || shown.size() < limit)) {
            shown.add(video);
          }
        }
      }
    }
    if (json) {
      context.out.println(VideoOutput.json(shown));
    } else {
      table(shown, context.clock.instant());
    }
    context.out.flush();
    return ExitCodes.COMPLETED;
  }

  private void table(List<Video> videos, Instant now) {
    if (videos.isEmpty()) {
      context.out.println(status == null ? "no jobs" : "no " + name(status) + " jobs");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATUS", "PROGRESS", "AGE", "EXPIRES"});
    for (Video v : videos) {
      rows.add(new String[] {
          v.id().value(),
          name(v.status()) + (v.rawStatus().equalsIgnoreCase(v.status().name()) ? "" : " (" + v.rawStatus() + ")"),
          v.progress() + "%",
          v.createdAt().map(t -> Durations.format(Duration.between(t, now))).orElse("-"),
          v.expiresAt().map(t -> v.isExpired(now) ? "expired" : "in " + Durations.format(Duration.between(now, t)))
              .orElse("-")});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row[i]));
      }
      context.out.println(line.toString().stripTrailing());
    }
  }

  private static String name(VideoStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean verbose() {
    return connection.verbose;
  }
}
