package dev.sorastatus.tracker.jdbc;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.tracker.JobStatus;
import dev.sorastatus.tracker.TrackedJob;
import dev.sorastatus.tracker.TrackerQuery;
import dev.sorastatus.tracker.TrackerStore;
import dev.sorastatus.tracker.TrackerStoreException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Keeps tracked jobs in a database over the application's {@link DataSource}: PostgreSQL for several
 * processes sharing the work, H2 in a file ({@link #h2File(Path)}) for one process with no server. It
 * creates or upgrades its tables itself ({@code sora_tracker_schema} records the version), uses plain JDBC
 * and takes a connection from the source for each operation, so a pool of the application's serves it.
 *
 * <pre>{@code
 * TrackerStore store = JdbcTrackerStore.create(dataSource);   // PostgreSQL or H2, from the metadata
 * VideoTracker tracker = VideoTracker.builder(client, store, handler).build();
 * }</pre>
 *
 * <p><b>Leases.</b> A claim selects due jobs {@code FOR UPDATE SKIP LOCKED} (on PostgreSQL and on H2, which
 * has it since 2.0) and writes a lease (owner and expiry) in the same transaction, so that two workers never
 * claim one job and a dead worker's jobs become claimable once its leases expire. An H2 file is opened by one
 * process at a time; several processes share work through PostgreSQL.
 *
 * <p>The store holds ids, tags and what reads showed, never an API key. Thread-safe.
 */
public final class JdbcTrackerStore implements TrackerStore, AutoCloseable {
  /** The finished statuses as an SQL list, from {@link JobStatus#isFinished()}, for statements that skip them. */
  private static final String FINISHED = Arrays.stream(JobStatus.values()).filter(JobStatus::isFinished)
      .map(st -> "'" + st.name() + "'").collect(Collectors.joining(", ", "(", ")"));
  private static final String COLUMNS = "video_id, status, tracked_at, due_at, read_count, failures, delivery_id, "
      + "deliveries, handled, video_status, video_progress, video_error_code, video_error_message, video_created_at, "
      + "video_completed_at, video_expires_at, video_download_url";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Connection keeper;
  private final String description;

  private JdbcTrackerStore(DataSource dataSource, Connection keeper, String description) {
    this.dataSource = dataSource;
    this.keeper = keeper;
    this.description = description;
    try (Connection c = dataSource.getConnection()) {
      this.dialect = Dialect.of(c.getMetaData());
      Migrations.apply(c);
    } catch (SQLException e) {
      throw new TrackerStoreException("the tracker's tables could not be created or upgraded: " + e.getMessage(), e);
    }
  }

  /**
   * Returns a store over {@code dataSource}, creating or upgrading its tables first.
   *
   * @param dataSource the application's source of connections to PostgreSQL or H2; never closed by the store
   * @return the store
   * @throws NullPointerException if {@code dataSource} is null
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
   * @throws TrackerStoreException if the database cannot be reached or its tables not made
   */
  public static JdbcTrackerStore create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    return new JdbcTrackerStore(dataSource, null, "JdbcTrackerStore[" + dataSource.getClass().getSimpleName() + "]");
  }

  /**
   * Returns a store in the H2 database file {@code file} (H2 adds {@code .mv.db}), creating it if needed:
   * the embedded default for one process. H2 ({@code com.h2database:h2}) must be on the class path; the
   * database stays open until {@link #close()}.
   *
   * @param file the database's path without H2's suffix, such as {@code ./sora-tracker}
   * @return the store
   * @throws NullPointerException if {@code file} is null
   * @throws IllegalStateException if H2 is not on the class path
   * @throws TrackerStoreException if the file cannot be opened, for example while another process has it open
   */
  public static JdbcTrackerStore h2File(Path file) {
    Objects.requireNonNull(file, "file == null");
    DataSource h2 = H2Files.dataSource(file.toAbsolutePath());
    Connection keeper;
    try {
      keeper = h2.getConnection();
    } catch (SQLException e) {
      throw new TrackerStoreException("the H2 file " + file + " could not be opened: " + e.getMessage(), e);
    }
    try {
      return new JdbcTrackerStore(h2, keeper, "JdbcTrackerStore[h2:" + file + "]");
    } catch (RuntimeException e) {
      try {
        keeper.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Closes the H2 file of {@link #h2File(Path)}; a store over the application's source has nothing to close. */
  @Override
  public void close() {
    if (keeper != null) {
      try {
        keeper.close();
      } catch (SQLException e) {
        throw new TrackerStoreException("the H2 file could not be closed: " + e.getMessage(), e);
      }
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new TrackerStoreException("the tracker's store could not " + what + ": " + e.getMessage(), e);
    }
  }

  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public TrackedJob add(TrackedJob job) {
    Objects.requireNonNull(job, "job == null");
    try {
      return inTransaction("add " + job.id(), c -> {
        Optional<TrackedJob> existing = find(c, job.id());
        if (existing.isPresent()) {
          return existing.get();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sora_tracker_job (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          p.setString(1, job.id().value());
          bindState(p, 2, job);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO sora_tracker_tag (video_id, name, tag_value) VALUES (?, ?, ?)")) {
          for (Map.Entry<String, String> tag : job.tags().entrySet()) {
            p.setString(1, job.id().value());
            p.setString(2, tag.getKey());
            p.setString(3, tag.getValue());
            p.addBatch();
          }
          if (!job.tags().isEmpty()) {
            p.executeBatch();
          }
        }
        return job;
      });
    } catch (TrackerStoreException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return find(job.id()).orElseThrow(() -> e); // another process tracked it at the same moment
      }
      throw e;
    }
  }

  /** Binds status through the last video's columns (16 values) from {@code first}. */
  private static void bindState(PreparedStatement p, int first, TrackedJob job) throws SQLException {
    int i = first;
    p.setString(i++, job.status().name());
    p.setObject(i++, time(job.trackedAt()));
    p.setObject(i++, time(job.dueAt()));
    p.setInt(i++, job.reads());
    p.setInt(i++, job.failures());
    p.setString(i++, job.deliveryId().orElse(null));
    p.setInt(i++, job.deliveries());
    p.setBoolean(i++, job.handled());
    Optional<Video> v = job.lastVideo();
    p.setString(i++, v.map(Video::rawStatus).orElse(null));
    if (v.isPresent()) {
      p.setInt(i++, v.get().progress());
    } else {
      p.setNull(i++, Types.INTEGER);
    }
    p.setString(i++, v.flatMap(Video::error).flatMap(VideoError::code).orElse(null));
    p.setString(i++, v.flatMap(Video::error).map(VideoError::message).orElse(null));
    p.setObject(i++, v.flatMap(Video::createdAt).map(JdbcTrackerStore::time).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
    p.setObject(i++, v.flatMap(Video::completedAt).map(JdbcTrackerStore::time).orElse(null),
        Types.TIMESTAMP_WITH_TIMEZONE);
    p.setObject(i++, v.flatMap(Video::expiresAt).map(JdbcTrackerStore::time).orElse(null),
        Types.TIMESTAMP_WITH_TIMEZONE);
    p.setString(i, v.flatMap(Video::downloadUrl).map(URI::toString).orElse(null));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  @Override
  public boolean remove(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return inTransaction("remove " + id, c -> update(c, "DELETE FROM sora_tracker_job WHERE video_id = ?",
        id.value()) == 1);
  }

  @Override
  public boolean wake(VideoId id, Instant now) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(now, "now == null");
    return inTransaction("wake " + id, c -> update(c, "UPDATE sora_tracker_job SET due_at = CASE WHEN due_at > ? "
        + "THEN ? ELSE due_at END WHERE video_id = ? AND status NOT IN " + FINISHED, time(now), time(now),
        id.value()) == 1);
  }

  @Override
  public Optional<TrackedJob> find(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return inTransaction("read " + id, c -> find(c, id));
  }

  private Optional<TrackedJob> find(Connection c, VideoId id) throws SQLException {
    List<TrackedJob> jobs = load(c, List.of(id.value()));
    return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
  }

  @Override
  public List<TrackedJob> claimDue(Instant now, int limit, String workerId, Instant leaseUntil) {
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(workerId, "workerId == null");
    Objects.requireNonNull(leaseUntil, "leaseUntil == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    return inTransaction("claim due jobs", c -> {
      List<String> candidates = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT video_id FROM sora_tracker_job WHERE handled = FALSE "
          + "AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at LIMIT ? "
          + "FOR UPDATE SKIP LOCKED")) {
        p.setObject(1, time(now));
        p.setObject(2, time(now));
        p.setInt(3, limit);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            candidates.add(r.getString(1));
          }
        }
      }
      List<String> claimed = new ArrayList<>();
      for (String id : candidates) {
        if (update(c, "UPDATE sora_tracker_job SET lease_owner = ?, lease_until = ? WHERE video_id = ? "
            + "AND handled = FALSE AND (lease_until IS NULL OR lease_until < ?)", workerId, time(leaseUntil), id,
            time(now)) == 1) {
          claimed.add(id);
        }
      }
      List<TrackedJob> jobs = new ArrayList<>(load(c, claimed));
      jobs.sort(Comparator.comparing(TrackedJob::dueAt));
      return jobs;
    });
  }

  @Override
  public boolean recordRead(TrackedJob job, String workerId) {
    return save(job, workerId, null);
  }

  @Override
  public boolean finish(TrackedJob job, String workerId, Instant leaseUntil) {
    return save(job, workerId, Objects.requireNonNull(leaseUntil, "leaseUntil == null"));
  }

  /** Saves {@code job}, releasing its lease or, for a finished job, extending it to {@code leaseUntil}. */
  private boolean save(TrackedJob job, String workerId, Instant leaseUntil) {
    boolean finished = leaseUntil != null;
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(workerId, "workerId == null");
    return inTransaction("save " + job.id(), c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE sora_tracker_job SET status = ?, tracked_at = ?, "
          + "due_at = ?, read_count = ?, failures = ?, delivery_id = ?, deliveries = ?, handled = ?, video_status = ?, "
          + "video_progress = ?, video_error_code = ?, video_error_message = ?, video_created_at = ?, "
          + "video_completed_at = ?, video_expires_at = ?, video_download_url = ?"
          + (finished ? ", lease_until = ?" : ", lease_owner = NULL, lease_until = NULL")
          + " WHERE video_id = ? AND lease_owner = ?")) {
        bindState(p, 1, job);
        int i = 17;
        if (finished) {
          p.setObject(i++, time(leaseUntil));
        }
        p.setString(i++, job.id().value());
        p.setString(i, workerId);
        return p.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean deliveryFailed(String deliveryId, String workerId, Instant retryAt) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    Objects.requireNonNull(workerId, "workerId == null");
    Objects.requireNonNull(retryAt, "retryAt == null");
    return endDelivery("save a failed delivery", "due_at = ?", " AND lease_owner = ?", time(retryAt), deliveryId,
        workerId);
  }

  @Override
  public boolean markHandled(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    return endDelivery("mark a delivery handled", "handled = TRUE", "", deliveryId);
  }

  /** Counts a delivery of an unhandled outcome and releases its lease, with {@code set} and {@code where} added. */
  private boolean endDelivery(String what, String set, String where, Object... args) {
    return inTransaction(what, c -> update(c, "UPDATE sora_tracker_job SET deliveries = deliveries + 1, " + set
        + ", lease_owner = NULL, lease_until = NULL WHERE delivery_id = ? AND handled = FALSE" + where, args) == 1);
  }

  /** Runs one statement with {@code args} and returns how many rows it changed. */
  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      return p.executeUpdate();
    }
  }

  @Override
  public int heartbeat(String workerId, Instant now, Instant aliveSince) {
    Objects.requireNonNull(workerId, "workerId == null");
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(aliveSince, "aliveSince == null");
    return inTransaction("record a heartbeat", c -> {
      if (update(c, "UPDATE sora_tracker_worker SET last_seen = ? WHERE worker_id = ?", time(now), workerId) == 0) {
        update(c, "INSERT INTO sora_tracker_worker (worker_id, last_seen) VALUES (?, ?)", workerId, time(now));
      }
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM sora_tracker_worker WHERE last_seen >= ?")) {
        p.setObject(1, time(aliveSince));
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return Math.max(1, r.getInt(1));
        }
      }
    });
  }

  @Override
  public void leave(String workerId) {
    Objects.requireNonNull(workerId, "workerId == null");
    inTransaction("release a worker's leases", c -> {
      update(c, "UPDATE sora_tracker_job SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", workerId);
      return update(c, "DELETE FROM sora_tracker_worker WHERE worker_id = ?", workerId);
    });
  }

  @Override
  public List<TrackedJob> list(TrackerQuery query) {
    Objects.requireNonNull(query, "query == null");
    StringBuilder sql = new StringBuilder("SELECT j.video_id FROM sora_tracker_job j WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    query.status().ifPresent(s -> {
      sql.append(" AND j.status = ?");
      args.add(s.name());
    });
    query.tags().forEach((name, value) -> {
      sql.append(" AND EXISTS (SELECT 1 FROM sora_tracker_tag t WHERE t.video_id = j.video_id AND t.name = ? "
          + "AND t.tag_value = ?)");
      args.add(name);
      args.add(value);
    });
    query.trackedBefore().ifPresent(t -> {
      sql.append(" AND j.tracked_at < ?");
      args.add(time(t));
    });
    query.trackedAfter().ifPresent(t -> {
      sql.append(" AND j.tracked_at >= ?");
      args.add(time(t));
    });
    if (query.unhandledOnly()) {
      sql.append(" AND j.delivery_id IS NOT NULL AND j.handled = FALSE");
    }
    sql.append(" ORDER BY j.tracked_at, j.video_id LIMIT ?");
    args.add(query.limit());
    return inTransaction("list jobs", c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          p.setObject(i + 1, args.get(i));
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            ids.add(r.getString(1));
          }
        }
      }
      return load(c, ids); // in the order of ids
    });
  }

  @Override
  public Map<JobStatus, Long> counts() {
    return inTransaction("count jobs", c -> {
      Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT status, COUNT(*) FROM sora_tracker_job GROUP BY status")) {
        while (r.next()) {
          counts.put(JobStatus.valueOf(r.getString(1)), r.getLong(2));
        }
      }
      return Map.copyOf(counts);
    });
  }

  /** Reads the jobs {@code ids} with their tags, in the order given; ids not tracked are left out. */
  private static List<TrackedJob> load(Connection c, List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String marks = ids.stream().map(i -> "?").collect(Collectors.joining(", ", "(", ")"));
    Map<String, Map<String, String>> tags = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT video_id, name, tag_value FROM sora_tracker_tag WHERE video_id IN " + marks)) {
      for (int i = 0; i < ids.size(); i++) {
        p.setString(i + 1, ids.get(i));
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          tags.computeIfAbsent(r.getString(1), k -> new HashMap<>()).put(r.getString(2), r.getString(3));
        }
      }
    }
    Map<String, TrackedJob> byId = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM sora_tracker_job WHERE video_id IN " + marks)) {
      for (int i = 0; i < ids.size(); i++) {
        p.setString(i + 1, ids.get(i));
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String id = r.getString("video_id");
          byId.put(id, row(r, tags.getOrDefault(id, Map.of())));
        }
      }
    }
    List<TrackedJob> jobs = new ArrayList<>();
    for (String id : ids) {
      TrackedJob job = byId.get(id);
      if (job != null) {
        jobs.add(job);
      }
    }
    return Collections.unmodifiableList(jobs);
  }

  private static TrackedJob row(ResultSet r, Map<String, String> tags) throws SQLException {
    VideoId id = VideoId.of(r.getString("video_id"));
    String raw = r.getString("video_status");
    Optional<Video> video = Optional.empty();
    if (raw != null) {
      Video.Builder b = Video.builder(id, VideoStatus.fromRaw(raw)).rawStatus(raw).progress(r.getInt("video_progress"));
      String message = r.getString("video_error_message");
      if (message != null) {
        b.error(VideoError.of(r.getString("video_error_code"), message));
      }
      Optional.ofNullable(instant(r, "video_created_at")).ifPresent(b::createdAt);
      Optional.ofNullable(instant(r, "video_completed_at")).ifPresent(b::completedAt);
      Optional.ofNullable(instant(r, "video_expires_at")).ifPresent(b::expiresAt);
      Optional.ofNullable(r.getString("video_download_url")).ifPresent(b::downloadUrl);
      video = Optional.of(b.build());
    }
    return new TrackedJob(id, tags, JobStatus.valueOf(r.getString("status")), instant(r, "tracked_at"),
        instant(r, "due_at"), r.getInt("read_count"), r.getInt("failures"), video,
        Optional.ofNullable(r.getString("delivery_id")), r.getInt("deliveries"), r.getBoolean("handled"));
  }

  /** Empties every table, for tests that reuse one database. */
  void clear() {
    inTransaction("clear the tables", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM sora_tracker_tag");
        s.execute("DELETE FROM sora_tracker_job");
        s.execute("DELETE FROM sora_tracker_worker");
      }
      return null;
    });
  }

  /**
   * Returns which database this store is in, never credentials.
   *
   * @return text for logs
   */
  @Override
  public String toString() {
    return description + "(" + dialect + ", schema v" + Migrations.latest() + ")";
  }
}
