package dev.sorastatus;

import java.time.Duration;
import java.util.Optional;

/**
 * Is told what happens during one wait of a {@link VideoPoller}: each change of status or progress (not
 * each request), each retry, and the end. Every method does nothing by default, so implement only what you
 * need. {@link #checkpoint(WaitState)} hands over the wait's state after each read, for saving and resuming.
 *
 * <p>Calls for one wait are made one at a time and in order, on whichever thread moved the wait on (the
 * scheduler's, or the transport's), so keep them short. An exception thrown by a listener is logged and
 * otherwise ignored: it never breaks the wait.
 *
 * <pre>{@code
 * PollListener listener = new PollListener() {
 *   @Override public void statusChanged(Video video) { log.info("{} is {}", video.id(), video.status()); }
 *   @Override public void finished(VideoId id, WaitOutcome.Kind outcome, Optional<Video> lastSeen) {
 *     log.info("{} finished: {}", id, outcome);
 *   }
 * };
 * }</pre>
 */
public interface PollListener {

  /**
   * Receives a video whose status differs from the one last reported; the first read always counts. A
   * read that goes back from {@code processing} to {@code queued} is not reported.
   *
   * @param video the video just read
   */
  default void statusChanged(Video video) {}

  /**
   * Receives a video whose progress is higher than any reported before; a progress that goes backwards is
   * tolerated and not reported.
   *
   * @param video the video just read
   */
  default void progressChanged(Video video) {}

  /**
   * Receives a transient error that the wait will retry.
   *
   * @param id the job being waited for
   * @param cause the error: a {@link SoraApiException} (rate limited or a server error), a {@link
   *     SoraTransportException} or a {@link MalformedResponseException}
   * @param delay how long until the next request
   * @param retriesInARow how many transient errors in a row this wait has now seen, 1 or more
   */
  default void retryScheduled(VideoId id, SoraException cause, Duration delay, int retriesInARow) {}

  /**
   * Receives where the wait stands after a read that did not end it (a good read or a retried error),
   * for saving: an application that stores {@link WaitState#toJson()} here can resume the wait in another
   * process with {@link VideoPoller#resumeOutcomeAsync(WaitState, PollOptions)}, on the same deadline and
   * backoff. Called after the read's other events, before the next read is sent.
   *
   * @param state the wait's state, its {@link WaitState#nextReadAt()} the time planned for the next read
   */
  default void checkpoint(WaitState state) {}

  /**
   * Receives the end of the wait; called exactly once, just before the poller completes the wait's
   * future, or just after the caller cancelled it.
   *
   * @param id the job that was waited for
   * @param outcome how the wait ended
   * @param lastSeen the last video read, if any
   */
  default void finished(VideoId id, WaitOutcome.Kind outcome, Optional<Video> lastSeen) {}
}
