package dev.sorastatus.tracker.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Creates or upgrades the store's tables: applies, in order and each in its own transaction, the shipped
 * {@code V<n>__*.sql} scripts above the version recorded in {@code sora_tracker_schema}.
 */
final class Migrations {
  /** Every script, in order; a new version is appended here and never edited once released. */
  static final List<String> SCRIPTS = List.of("V1__tracker_tables.sql");

  private Migrations() {}

  static int latest() {
    return SCRIPTS.size();
  }

  static void apply(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    try {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS sora_tracker_schema (version INTEGER NOT NULL PRIMARY KEY, "
            + "script VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      }
      c.setAutoCommit(false);
      for (int version = current(c) + 1; version <= latest(); version++) {
        try {
          applyOne(c, version);
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          if (current(c) < version) { // not another process that upgraded at the same moment
            throw e;
          }
        }
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }

  static int current(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM sora_tracker_schema")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static void applyOne(Connection c, int version) throws SQLException {
    String script = SCRIPTS.get(version - 1);
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO sora_tracker_schema (version, script, applied_at) VALUES (?, ?, ?)")) {
      // The version row first: a second process upgrading at once fails here and waits for none of the DDL.
      p.setInt(1, version);
      p.setString(2, script);
      p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      p.executeUpdate();
    }
    try (Statement s = c.createStatement()) {
      for (String sql : statements(read(script))) {
        s.execute(sql);
      }
    }
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("the migration script " + script + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits a script at semicolons that end lines, leaving out comment lines. */
  static List<String> statements(String script) {
    StringBuilder kept = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        kept.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(kept.toString().split(";\\s*\n")).map(String::strip).filter(s -> !s.isEmpty())
        .toList();
  }
}
