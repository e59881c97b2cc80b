package dev.sorastatus.tracker;

import dev.sorastatus.VideoId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that records the size of each claim and passes everything on. */
final class CountingStore implements TrackerStore {
  private final TrackerStore store;
  private final List<Integer> claims;

  CountingStore(TrackerStore store, List<Integer> claims) {
    this.store = store;
    this.claims = claims;
  }

  @Override
  public List<TrackedJob> claimDue(Instant now, int limit, String workerId, Instant leaseUntil) {
    List<TrackedJob> claimed = store.claimDue(now, limit, workerId, leaseUntil);
    if (!claimed.isEmpty()) {
      claims.add(claimed.size());
    }
    return claimed;
  }

  @Override
  public TrackedJob add(TrackedJob job) {
    return store.add(job);
  }

  @Override
  public boolean remove(VideoId id) {
    return store.remove(id);
  }

  @Override
  public boolean wake(VideoId id, java.time.Instant now) {
    return store.wake(id, now);
  }

  @Override
  public Optional<TrackedJob> find(VideoId id) {
    return store.find(id);
  }

  @Override
  public boolean recordRead(TrackedJob job, String workerId) {
    return store.recordRead(job, workerId);
  }

  @Override
  public boolean finish(TrackedJob job, String workerId, Instant leaseUntil) {
    return store.finish(job, workerId, leaseUntil);
  }

  @Override
  public boolean deliveryFailed(String deliveryId, String workerId, Instant retryAt) {
    return store.deliveryFailed(deliveryId, workerId, retryAt);
  }

  @Override
  public boolean markHandled(String deliveryId) {
    return store.markHandled(deliveryId);
  }

  @Override
  public int heartbeat(String workerId, Instant now, Instant aliveSince) {
    return store.heartbeat(workerId, now, aliveSince);
  }

  @Override
  public void leave(String workerId) {
    store.leave(workerId);
  }

  @Override
  public List<TrackedJob> list(TrackerQuery query) {
    return store.list(query);
  }

  @Override
  public Map<JobStatus, Long> counts() {
    return store.counts();
  }
}
