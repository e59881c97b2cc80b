package dev.sorastatus.cli;

import dev.sorastatus.tracker.jdbc.JdbcTrackerStore;
import java.nio.file.Path;
import java.util.Locale;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/** Where {@code track} and {@code jobs} keep the tracked jobs: an H2 file, or a PostgreSQL database. */
final class StoreOptions {
  /** The H2 file in the working directory when no {@code --store} is given (H2 adds {@code .mv.db}). */
  static final String DEFAULT_FILE = "sora-jobs";

  private static final String POSTGRES = "jdbc:postgresql:";

  @Option(names = "--store", paramLabel = "PATH|URL",
      description = "The job store: an H2 file (default: ./" + DEFAULT_FILE + ", kept as " + DEFAULT_FILE
          + ".mv.db), or a PostgreSQL URL such as jdbc:postgresql://db:5432/app?user=u&password=p.")
  String store;

  /** Opens the store these options name; the caller closes it. */
  JdbcTrackerStore open(CliContext context) {
    String where = store == null || store.isBlank() ? DEFAULT_FILE : store;
    if (where.toLowerCase(Locale.ROOT).startsWith(POSTGRES)) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(where);
      return JdbcTrackerStore.create(postgres);
    }
    if (where.startsWith("jdbc:")) {
      int scheme = where.indexOf(':', "jdbc:".length());
      throw new IllegalArgumentException("--store takes an H2 file or a jdbc:postgresql: URL, not "
          + (scheme < 0 ? where : where.substring(0, scheme + 1)) + " URLs"); // the rest may hold a password
    }
    return JdbcTrackerStore.h2File(context.workingDirectory.resolve(where).toAbsolutePath());
  }
}
