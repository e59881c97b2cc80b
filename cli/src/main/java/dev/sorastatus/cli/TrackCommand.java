package dev.sorastatus.cli;

import dev.sorastatus.VideoId;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.jdbc.JdbcTrackerStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sora-status track <id>...}: adds jobs to the store, for {@code jobs --watch} or any tracker to read. */
@Command(name = "track", description = "Adds jobs to the job store, with tags, so that 'jobs --watch' (or any "
    + "tracker on the same store) reads them until they finish; needs no API key. A job already tracked is left "
    + "as it stands.")
final class TrackCommand implements Callable<Integer>, SoraStatusCommand.Verbose {
  private final CliContext context;

  @Mixin StoreOptions storeOptions;

  @Parameters(paramLabel = "ID", arity = "1..*", description = "The video ids, such as video_123.")
  List<String> ids;

  @Option(names = "--tag", paramLabel = "NAME=VALUE",
      description = "A label for every job given, such as --tag customer=42 (repeatable; at most 16).")
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  boolean verbose;

  TrackCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<VideoId> videoIds = new ArrayList<>();
    for (String id : ids) {
      videoIds.add(VideoId.of(id)); // all checked before any is stored
    }
    try (JdbcTrackerStore store = storeOptions.open(context)) {
      for (VideoId id : videoIds) {
        Optional<TrackedJob> before = store.find(id);
        TrackedJob job = before.orElseGet(() -> store.add(TrackedJob.pending(id, tags, context.clock.instant())));
        context.out.println(before.isPresent()
            ? "already tracked " + id.value() + " (" + JobsCommand.name(job.status()) + ")"
            : "tracking " + id.value() + (tags.isEmpty() ? "" : " " + JobsCommand.tags(tags)));
      }
    }
    context.out.flush();
    return ExitCodes.COMPLETED;
  }

  @Override
  public boolean verbose() {
    return verbose;
  }
}
