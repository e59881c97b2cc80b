package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The deadline of a wait passed before the job finished. {@link #lastSeen()} tells how far it got; the job
 * itself may still finish later.
 */
public final class VideoWaitTimeoutException extends VideoWaitException {
  private static final long serialVersionUID = 1L;

  /** How long the wait was allowed to take. */
  private final Duration timeout;

  /**
   * Creates the error.
   *
   * @param videoId the job that was waited for
   * @param timeout the deadline that passed, measured from the start of the wait
   * @param lastSeen the last video read during the wait, if any
   * @throws NullPointerException if an argument is null
   */
  public VideoWaitTimeoutException(VideoId videoId, Duration timeout, Optional<Video> lastSeen) {
    super(videoId, "video " + videoId + " did not finish within " + Objects.requireNonNull(timeout, "timeout == null")
        + "; " + describe(lastSeen), lastSeen, null);
    this.timeout = timeout;
  }

  /**
   * Returns the deadline that passed.
   *
   * @return the wait's timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
