package dev.sorastatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one wait of a {@link VideoPoller} stands, as a value an application saves (after every read, from
 * {@link PollListener#checkpoint(WaitState)}) and hands to {@link VideoPoller#resumeOutcomeAsync(WaitState,
 * PollOptions)} in another process, so that a restart neither forgets a job in flight nor starts its timeout
 * or its backoff over. It holds no secret: the API key is never part of it (the last video's download URL is,
 * with its query, as the server sent it).
 *
 * <p>Its JSON form ({@link #toJson()}, {@link #fromJson(String)}) is stable and documented in
 * {@code docs/waiting.md}: snake_case names, {@code "version":1}, instants and durations as ISO-8601 strings,
 * the last video as a nested object of all its components. Unknown fields are ignored on read.
 *
 * <pre>{@code
 * PollOptions options = poller.defaults().toBuilder()
 *     .listener(new PollListener() {
 *       @Override public void checkpoint(WaitState state) { store.put(state.videoId(), state.toJson()); }
 *     })
 *     .build();
 * // ...in the next process:
 * WaitState saved = WaitState.fromJson(store.get(id));
 * CompletableFuture<WaitOutcome> outcome = poller.resumeOutcomeAsync(saved, options);
 * }</pre>
 *
 * @param videoId the job waited for
 * @param startedAt when the wait started
 * @param deadline when the wait times out; absolute, so a resumed wait keeps it
 * @param reads how many reads the wait has made; the poll interval grows from it
 * @param consecutiveFailures transient errors in a row since the last good read, counted toward
 *     {@link PollOptions#maxConsecutiveRetries()}
 * @param lastVideo the last video read, if any
 * @param nextReadAt when the next read is due
 */
public record WaitState(
    VideoId videoId,
    Instant startedAt,
    Instant deadline,
    int reads,
    int consecutiveFailures,
    Optional<Video> lastVideo,
    Instant nextReadAt) {

  /** The version of the JSON form that {@link #toJson()} writes and {@link #fromJson(String)} reads. */
  static final int VERSION = 1;

  /**
   * Checks the components.
   *
   * @param videoId the job waited for
   * @param startedAt when the wait started
   * @param deadline when the wait times out, not before {@code startedAt}
   * @param reads zero or more
   * @param consecutiveFailures zero or more
   * @param lastVideo the last video read, which must be of {@code videoId}
   * @param nextReadAt when the next read is due
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a count is negative, the deadline comes before the start, or the
   *     last video is another job's
   */
  public WaitState {
    Objects.requireNonNull(videoId, "videoId == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
    Objects.requireNonNull(deadline, "deadline == null");
    Objects.requireNonNull(lastVideo, "lastVideo == null");
    Objects.requireNonNull(nextReadAt, "nextReadAt == null");
    if (reads < 0) {
      throw new IllegalArgumentException("reads must be >= 0 but was " + reads);
    }
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException("consecutiveFailures must be >= 0 but was " + consecutiveFailures);
    }
    if (deadline.isBefore(startedAt)) {
      throw new IllegalArgumentException("deadline " + deadline + " is before startedAt " + startedAt);
    }
    if (lastVideo.isPresent() && !lastVideo.get().id().equals(videoId)) {
      throw new IllegalArgumentException("lastVideo is " + lastVideo.get().id() + ", not " + videoId);
    }
  }

  /**
   * Returns the stable JSON form of this state, on one line.
   *
   * @return a JSON object with {@code "version":1}
   */
  public String toJson() {
    return WaitStateJson.write(this);
  }

  /**
   * Reads a state from its JSON form, ignoring fields it does not know.
   *
   * @param json what {@link #toJson()} wrote, by this or an earlier version of the library
   * @return the state
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if {@code json} is not a JSON object, a required field is missing or
   *     invalid (the message names it), or its {@code version} is newer than this library reads
   */
  public static WaitState fromJson(String json) {
    Objects.requireNonNull(json, "json == null");
    return WaitStateJson.read(json);
  }
}
