package dev.sorastatus.tracker;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Selects tracked jobs for {@link VideoTracker#list}: the dashboard's question "which jobs stand where".
 * Every condition given must hold; results come oldest tracked first, at most {@link #limit()} of them.
 * Start from {@link #all()} and narrow it with the {@code with...} methods.
 *
 * @param status only jobs with this status
 * @param tags only jobs carrying every one of these tags (name and value)
 * @param trackedBefore only jobs tracked strictly before this instant (older ones)
 * @param trackedAfter only jobs tracked at or after this instant (newer ones)
 * @param unhandledOnly only finished jobs whose outcome was not handled yet
 * @param limit the most jobs returned, 1 to {@value #MAX_LIMIT}
 */
public record TrackerQuery(Optional<JobStatus> status, Map<String, String> tags, Optional<Instant> trackedBefore,
    Optional<Instant> trackedAfter, boolean unhandledOnly, int limit) {

  /** The most jobs one query returns, so that a listing never loads the whole store. */
  public static final int MAX_LIMIT = 10_000;

  /** How many jobs {@link #all()} returns. */
  public static final int DEFAULT_LIMIT = 100;

  /**
   * Checks and copies the components.
   *
   * @param status only jobs with this status
   * @param tags only jobs carrying every one of these tags (name and value)
   * @param trackedBefore only jobs tracked strictly before this instant (older ones)
   * @param trackedAfter only jobs tracked at or after this instant (newer ones)
   * @param unhandledOnly only finished jobs whose outcome was not handled yet
   * @param limit the most jobs returned, 1 to {@value #MAX_LIMIT}
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code limit} is out of range or a tag is invalid
   */
  public TrackerQuery {
    Objects.requireNonNull(status, "status == null");
    tags = Tags.check(tags);
    Objects.requireNonNull(trackedBefore, "trackedBefore == null");
    Objects.requireNonNull(trackedAfter, "trackedAfter == null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + " but was " + limit);
    }
  }

  /**
   * Returns the query for any job, at most {@value #DEFAULT_LIMIT} of them.
   *
   * @return the widest query
   */
  public static TrackerQuery all() {
    return new TrackerQuery(Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), false, DEFAULT_LIMIT);
  }

  /**
   * Returns this query narrowed to jobs with {@code status}.
   *
   * @param status the status
   * @return a new query
   * @throws NullPointerException if {@code status} is null
   */
  public TrackerQuery withStatus(JobStatus status) {
    return new TrackerQuery(Optional.of(Objects.requireNonNull(status, "status == null")), tags, trackedBefore,
        trackedAfter, unhandledOnly, limit);
  }

  /**
   * Returns this query narrowed to jobs tagged {@code name=value}.
   *
   * @param name the tag's name
   * @param value the tag's value
   * @return a new query
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the tag is invalid
   */
  public TrackerQuery withTag(String name, String value) {
    Map<String, String> more = new HashMap<>(tags);
    more.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
    return new TrackerQuery(status, more, trackedBefore, trackedAfter, unhandledOnly, limit);
  }

  /**
   * Returns this query narrowed to jobs tracked before {@code instant}.
   *
   * @param instant the bound, exclusive
   * @return a new query
   * @throws NullPointerException if {@code instant} is null
   */
  public TrackerQuery withTrackedBefore(Instant instant) {
    return new TrackerQuery(status, tags, Optional.of(Objects.requireNonNull(instant, "instant == null")),
        trackedAfter, unhandledOnly, limit);
  }

  /**
   * Returns this query narrowed to jobs tracked at or after {@code instant}.
   *
   * @param instant the bound, inclusive
   * @return a new query
   * @throws NullPointerException if {@code instant} is null
   */
  public TrackerQuery withTrackedAfter(Instant instant) {
    return new TrackerQuery(status, tags, trackedBefore,
        Optional.of(Objects.requireNonNull(instant, "instant == null")), unhandledOnly, limit);
  }

  /**
   * Returns this query narrowed to finished jobs whose outcome is not handled yet.
   *
   * @return a new query
   */
  public TrackerQuery withUnhandledOnly() {
    return new TrackerQuery(status, tags, trackedBefore, trackedAfter, true, limit);
  }

  /**
   * Returns this query returning at most {@code limit} jobs.
   *
   * @param limit 1 to {@value #MAX_LIMIT}
   * @return a new query
   * @throws IllegalArgumentException if {@code limit} is out of range
   */
  public TrackerQuery withLimit(int limit) {
    return new TrackerQuery(status, tags, trackedBefore, trackedAfter, unhandledOnly, limit);
  }

  /**
   * Returns whether {@code job} meets every condition of this query except the limit; stores that filter in
   * memory use it.
   *
   * @param job a tracked job
   * @return true if it is selected
   * @throws NullPointerException if {@code job} is null
   */
  public boolean matches(TrackedJob job) {
    Objects.requireNonNull(job, "job == null");
    return status.map(s -> s == job.status()).orElse(true)
        && job.tags().entrySet().containsAll(tags.entrySet())
        && trackedBefore.map(job.trackedAt()::isBefore).orElse(true)
        && trackedAfter.map(a -> !job.trackedAt().isBefore(a)).orElse(true)
        && (!unhandledOnly || (job.status().isFinished() && !job.handled()));
  }
}
