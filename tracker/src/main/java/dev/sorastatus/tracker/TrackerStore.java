package dev.sorastatus.tracker;

import dev.sorastatus.VideoId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps tracked jobs where they outlive a process: the port that store adapters implement (for implementers;
 * applications only pick one). {@link #inMemory()} is for tests and single runs; {@code sora-status-tracker-jdbc}
 * holds them in H2 or PostgreSQL.
 *
 * <p><b>Batches and leases.</b> A tracker never loads all jobs: it {@linkplain #claimDue claims} a batch of
 * due jobs, which leases each to that worker until a given instant, so that no two workers work on a job at
 * once; a lease that runs out (its worker died) makes the job claimable again. {@link #recordRead} and
 * {@link #deliveryFailed} release the lease; {@link #finish} keeps and extends it so that the same worker
 * delivers the outcome next; {@link #markHandled} releases it for good. A write by a worker that no longer holds the
 * lease is refused (returns false) and changes nothing. The tracker gives {@link #recordRead} unfinished jobs
 * and {@link #finish} finished ones; stores need not check it.
 *
 * <p>Implementations are thread-safe and never hold an API key: they see ids, tags and video states only.
 * {@code TrackerStoreContract} in this module's test jar is the behaviour every implementation must pass.
 */
public interface TrackerStore {

  /**
   * Returns a new store that keeps jobs in this process's memory; they are lost with it.
   *
   * @return an empty store
   */
  static TrackerStore inMemory() {
    return new InMemoryTrackerStore();
  }

  /**
   * Stores {@code job} unless its id is already tracked.
   *
   * @param job a job, usually {@link TrackedJob#pending}
   * @return the job now stored: {@code job}, or the one already tracked under its id
   * @throws NullPointerException if {@code job} is null
   */
  TrackedJob add(TrackedJob job);

  /**
   * Forgets the job {@code id}, whatever its state.
   *
   * @param id the job
   * @return true if it was tracked
   * @throws NullPointerException if {@code id} is null
   */
  boolean remove(VideoId id);

  /**
   * Makes a tracked, unfinished job due at {@code now} when it is due later, so that the next claim reads it
   * (within a second): how a webhook wakes a tracked job. A job under a worker's lease keeps its slot there.
   *
   * @param id the job
   * @param now the instant it becomes due
   * @return whether an unfinished job with that id is tracked
   * @throws NullPointerException if an argument is null
   * @throws TrackerStoreException if the store fails
   */
  boolean wake(VideoId id, Instant now);

  /**
   * Returns the job {@code id}.
   *
   * @param id the job
   * @return its stored state, if tracked
   * @throws NullPointerException if {@code id} is null
   */
  Optional<TrackedJob> find(VideoId id);

  /**
   * Leases to {@code workerId}, until {@code leaseUntil}, up to {@code limit} jobs that are due at
   * {@code now} and not handled, with no live lease; earliest due first.
   *
   * @param now the present
   * @param limit the batch size, at least 1
   * @param workerId the claiming worker
   * @param leaseUntil when the leases run out
   * @return the claimed jobs
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  List<TrackedJob> claimDue(Instant now, int limit, String workerId, Instant leaseUntil);

  /**
   * Saves the result of a read (or failed read) of an unfinished job and releases its lease.
   *
   * @param job the job's new state, not finished
   * @param workerId the worker holding the lease
   * @return false, saving nothing, if {@code workerId} does not hold the job's lease or it is no longer tracked
   * @throws NullPointerException if an argument is null
   */
  boolean recordRead(TrackedJob job, String workerId);

  /**
   * Saves that a job finished; the lease stays with {@code workerId}, extended to {@code leaseUntil}, since
   * that worker delivers the outcome next.
   *
   * @param job the job's new state, finished
   * @param workerId the worker holding the lease
   * @param leaseUntil when the lease for the delivery runs out
   * @return false, saving nothing, if {@code workerId} does not hold the job's lease or it is no longer tracked
   * @throws NullPointerException if an argument is null
   */
  boolean finish(TrackedJob job, String workerId, Instant leaseUntil);

  /**
   * Saves that the handler failed on a delivery: counts it, makes it due again at {@code retryAt} and
   * releases the lease.
   *
   * @param deliveryId the outcome's delivery id
   * @param workerId the worker holding the lease
   * @param retryAt when to deliver again
   * @return false, saving nothing, if no such outcome is leased to {@code workerId}
   * @throws NullPointerException if an argument is null
   */
  boolean deliveryFailed(String deliveryId, String workerId, Instant retryAt);

  /**
   * Saves that the handler returned for the outcome {@code deliveryId}, counts the delivery and releases
   * the lease; the job is then never claimed again.
   *
   * @param deliveryId the outcome's delivery id
   * @return false if no unhandled outcome has that id
   * @throws NullPointerException if {@code deliveryId} is null
   */
  boolean markHandled(String deliveryId);

  /**
   * Records that {@code workerId} is alive at {@code now} and returns how many workers are, counting those
   * whose last heartbeat is at or after {@code aliveSince}; the tracker divides its request budget by it.
   *
   * @param workerId the worker
   * @param now the present
   * @param aliveSince the oldest heartbeat still counted as alive
   * @return the live workers, at least 1
   * @throws NullPointerException if an argument is null
   */
  int heartbeat(String workerId, Instant now, Instant aliveSince);

  /**
   * Forgets worker {@code workerId} and releases every lease it holds, so that other workers take its
   * jobs at once; called when a tracker closes.
   *
   * @param workerId the worker
   * @throws NullPointerException if {@code workerId} is null
   */
  void leave(String workerId);

  /**
   * Returns the jobs that {@code query} selects, oldest tracked first.
   *
   * @param query the conditions and limit
   * @return at most {@code query.limit()} jobs
   * @throws NullPointerException if {@code query} is null
   */
  List<TrackedJob> list(TrackerQuery query);

  /**
   * Returns how many jobs are tracked with each status; statuses without jobs are absent.
   *
   * @return the counts
   */
  Map<JobStatus, Long> counts();
}
