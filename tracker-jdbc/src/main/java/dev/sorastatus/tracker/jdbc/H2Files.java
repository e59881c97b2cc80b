package dev.sorastatus.tracker.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;

/** Opens H2 databases in files; the only class that names H2, loaded only when {@code h2File} is called. */
final class H2Files {
  private H2Files() {}

  static DataSource dataSource(Path file) {
    try {
      Class.forName("org.h2.jdbcx.JdbcDataSource", false, H2Files.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("JdbcTrackerStore.h2File needs H2 on the class path: add "
          + "com.h2database:h2 to the application's dependencies", e);
    }
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    // Each commit reaches the file before it returns (H2 delays writes by 500 ms by default), so that a killed
    // process loses no job it said was stored or handled.
    h2.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
    return h2;
  }
}
