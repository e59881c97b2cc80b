package dev.sorastatus.tracker;

import dev.sorastatus.VideoId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The store of {@link TrackerStore#inMemory()}: one lock over a map, leases beside each job. */
final class InMemoryTrackerStore implements TrackerStore {
  private final Map<VideoId, Entry> jobs = new LinkedHashMap<>();
  private final Map<String, Instant> workers = new HashMap<>();

  private static final class Entry {
    TrackedJob job;
    String leaseOwner;
    Instant leaseUntil;

    Entry(TrackedJob job) {
      this.job = job;
    }
  }

  @Override
  public synchronized TrackedJob add(TrackedJob job) {
    Objects.requireNonNull(job, "job == null");
    return jobs.computeIfAbsent(job.id(), k -> new Entry(job)).job;
  }

  @Override
  public synchronized boolean remove(VideoId id) {
    return jobs.remove(Objects.requireNonNull(id, "id == null")) != null;
  }

  @Override
  public synchronized boolean wake(VideoId id, Instant now) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(now, "now == null");
    Entry e = jobs.get(id);
    if (e == null || e.job.status().isFinished()) {
      return false;
    }
    if (e.job.dueAt().isAfter(now)) {
      TrackedJob j = e.job;
      e.job = new TrackedJob(j.id(), j.tags(), j.status(), j.trackedAt(), now, j.reads(), j.failures(),
          j.lastVideo(), j.deliveryId(), j.deliveries(), j.handled());
    }
    return true;
  }

  @Override
  public synchronized Optional<TrackedJob> find(VideoId id) {
    Entry e = jobs.get(Objects.requireNonNull(id, "id == null"));
    return e == null ? Optional.empty() : Optional.of(e.job);
  }

  @Override
  public synchronized List<TrackedJob> claimDue(Instant now, int limit, String workerId, Instant leaseUntil) {
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(workerId, "workerId == null");
    Objects.requireNonNull(leaseUntil, "leaseUntil == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    List<Entry> due = new ArrayList<>();
    for (Entry e : jobs.values()) {
      if (!e.job.handled() && !e.job.dueAt().isAfter(now) && (e.leaseUntil == null || e.leaseUntil.isBefore(now))) {
        due.add(e);
      }
    }
    due.sort(Comparator.comparing((Entry e) -> e.job.dueAt()));
    List<TrackedJob> claimed = new ArrayList<>();
    for (Entry e : due.subList(0, Math.min(limit, due.size()))) {
      e.leaseOwner = workerId;
      e.leaseUntil = leaseUntil;
      claimed.add(e.job);
    }
    return claimed;
  }

  @Override
  public synchronized boolean recordRead(TrackedJob job, String workerId) {
    return save(job, workerId, null);
  }

  @Override
  public synchronized boolean finish(TrackedJob job, String workerId, Instant leaseUntil) {
    return save(job, workerId, Objects.requireNonNull(leaseUntil, "leaseUntil == null"));
  }

  /** Saves {@code job}, releasing its lease or, for a finished job, extending it to {@code leaseUntil}. */
  private boolean save(TrackedJob job, String workerId, Instant leaseUntil) {
    boolean keepLease = leaseUntil != null;
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(workerId, "workerId == null");
    Entry e = jobs.get(job.id());
    if (e == null || !workerId.equals(e.leaseOwner)) {
      return false;
    }
    e.job = job;
    if (keepLease) {
      e.leaseUntil = leaseUntil;
    } else {
      release(e);
    }
    return true;
  }

  @Override
  public synchronized boolean deliveryFailed(String deliveryId, String workerId, Instant retryAt) {
    Objects.requireNonNull(workerId, "workerId == null");
    Objects.requireNonNull(retryAt, "retryAt == null");
    Entry e = byDelivery(deliveryId);
    if (e == null || !workerId.equals(e.leaseOwner)) {
      return false;
    }
    TrackedJob j = e.job;
    e.job = new TrackedJob(j.id(), j.tags(), j.status(), j.trackedAt(), retryAt, j.reads(), j.failures(),
        j.lastVideo(), j.deliveryId(), j.deliveries() + 1, false);
    release(e);
    return true;
  }

  @Override
  public synchronized boolean markHandled(String deliveryId) {
    Entry e = byDelivery(deliveryId);
    if (e == null) {
      return false;
    }
    TrackedJob j = e.job;
    e.job = new TrackedJob(j.id(), j.tags(), j.status(), j.trackedAt(), j.dueAt(), j.reads(), j.failures(),
        j.lastVideo(), j.deliveryId(), j.deliveries() + 1, true);
    release(e);
    return true;
  }

  private Entry byDelivery(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    int colon = deliveryId.lastIndexOf(':');
    if (colon <= 0 || !dev.sorastatus.VideoId.isValid(deliveryId.substring(0, colon))) {
      return null;
    }
    Entry e = jobs.get(VideoId.of(deliveryId.substring(0, colon)));
    return e != null && !e.job.handled() && e.job.deliveryId().filter(deliveryId::equals).isPresent() ? e : null;
  }

  private static void release(Entry e) {
    e.leaseOwner = null;
    e.leaseUntil = null;
  }

  @Override
  public synchronized int heartbeat(String workerId, Instant now, Instant aliveSince) {
    Objects.requireNonNull(workerId, "workerId == null");
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(aliveSince, "aliveSince == null");
    workers.put(workerId, now);
    return (int) Math.max(1, workers.values().stream().filter(t -> !t.isBefore(aliveSince)).count());
  }

  @Override
  public synchronized void leave(String workerId) {
    Objects.requireNonNull(workerId, "workerId == null");
    workers.remove(workerId);
    for (Entry e : jobs.values()) {
      if (workerId.equals(e.leaseOwner)) {
        release(e);
      }
    }
  }

  @Override
  public synchronized List<TrackedJob> list(TrackerQuery query) {
    Objects.requireNonNull(query, "query == null");
    return jobs.values().stream().map(e -> e.job).filter(query::matches)
        .sorted(Comparator.comparing(TrackedJob::trackedAt)).limit(query.limit()).toList();
  }

  @Override
  public synchronized Map<JobStatus, Long> counts() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    jobs.values().forEach(e -> counts.merge(e.job.status(), 1L, Long::sum));
    return Map.copyOf(counts);
  }

  @Override
  public synchronized String toString() {
    return "TrackerStore.inMemory()[" + jobs.size() + " jobs]";
  }
}
