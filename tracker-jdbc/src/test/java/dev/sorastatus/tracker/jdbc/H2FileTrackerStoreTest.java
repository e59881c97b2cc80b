package dev.sorastatus.tracker.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.VideoId;
import dev.sorastatus.tracker.JobStatus;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.TrackerStore;
import dev.sorastatus.tracker.TrackerStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file store passes the store contract, keeps jobs across reopening and upgrades its schema once. */
class H2FileTrackerStoreTest extends TrackerStoreContract {
  @TempDir
  Path dir;

  @Override
  protected TrackerStore createStore() {
    return JdbcTrackerStore.h2File(dir.resolve("tracker"));
  }

  @Override
  protected void closeStore() {
    ((JdbcTrackerStore) store).close();
  }

  @Test
  void jobsOutliveTheStoreThatWroteThem() {
    store.add(TrackedJob.pending(VideoId.of("video_1"), Map.of("k", "v"), T0));
    ((JdbcTrackerStore) store).close();
    try (JdbcTrackerStore again = JdbcTrackerStore.h2File(dir.resolve("tracker"))) {
      assertThat(again.find(VideoId.of("video_1"))).hasValueSatisfying(j -> {
        assertThat(j.tags()).isEqualTo(Map.of("k", "v"));
        assertThat(j.trackedAt()).isEqualTo(T0);
      });
      assertThat(again.counts()).isEqualTo(Map.of(JobStatus.PENDING, 1L));
    }
    store = JdbcTrackerStore.h2File(dir.resolve("tracker"));
  }

  @Test
  void theSchemaVersionIsRecordedOnceAndReopeningAppliesNothing() throws Exception {
    ((JdbcTrackerStore) store).close();
    JdbcTrackerStore.h2File(dir.resolve("tracker")).close();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("tracker").toAbsolutePath());
    try (Connection c = h2.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, script FROM sora_tracker_schema")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getInt(1)).isEqualTo(1);
      assertThat(r.getString(2)).isEqualTo("V1__tracker_tables.sql");
      assertThat(r.next()).isFalse();
    }
    store = JdbcTrackerStore.h2File(dir.resolve("tracker"));
  }

  @Test
  void aDatabaseOtherThanPostgresqlOrH2IsRefusedByName() {
    assertThatThrownBy(() -> Dialect.of(FakeMetaData.named("MySQL")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MySQL");
    assertThatThrownBy(() -> JdbcTrackerStore.create(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("dataSource == null");
  }
}
