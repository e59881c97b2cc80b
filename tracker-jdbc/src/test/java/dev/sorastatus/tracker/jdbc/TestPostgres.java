package dev.sorastatus.tracker.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (zonky's embedded binary) for one test class: started before its first test, stopped
 * after its last even when tests fail; tuned for throwaway data (no waiting for the disk on each commit).
 * Register it as a static field with {@code @RegisterExtension}.
 */
final class TestPostgres implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedPostgres postgres;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off").start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }
}
