package dev.sorastatus.tracker.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * The engines the store speaks, told apart by the connection's metadata. Both claim with
 * {@code FOR UPDATE SKIP LOCKED} (H2 has it since 2.0) and run the same DDL; any other engine is refused.
 */
enum Dialect {
  /** PostgreSQL, for a fleet. */
  POSTGRESQL,
  /** H2, in a file opened by one process. */
  H2;

  static Dialect of(DatabaseMetaData meta) throws SQLException {
    String product = meta.getDatabaseProductName();
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return POSTGRESQL;
    }
    if ("H2".equalsIgnoreCase(product)) {
      return H2;
    }
    throw new IllegalArgumentException("the tracker's JDBC store supports PostgreSQL and H2, not " + product);
  }
}
