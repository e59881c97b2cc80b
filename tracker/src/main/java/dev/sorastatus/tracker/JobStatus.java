package dev.sorastatus.tracker;

/**
 * Says where a tracked job stands, as the tracker last saw it: the API's status while the job runs, and how
 * the tracking ended once it is finished. One enum for both, so that a dashboard counts every job in one
 * table ({@link VideoTracker#counts()}).
 */
public enum JobStatus {
  /** Tracked and not read yet. */
  PENDING(false),
  /** Read, and queued at the API. */
  QUEUED(false),
  /** Read, and being generated. */
  PROCESSING(false),
  /** Read, with a status word this library does not know; it is read again. */
  UNKNOWN(false),
  /** Finished: the video is ready to download. */
  COMPLETED(true),
  /** Finished: the API reports that generation failed. */
  FAILED(true),
  /** Finished: the video completed but its download has already expired. */
  EXPIRED(true),
  /** Finished: the API does not know the job (never existed, deleted or expired). */
  NOT_FOUND(true),
  /** Finished: the job did not finish within the tracker's timeout. */
  TIMED_OUT(true);

  private final boolean finished;

  JobStatus(boolean finished) {
    this.finished = finished;
  }

  /**
   * Returns whether tracking has ended with this status, so that an outcome is delivered.
   *
   * @return true for the outcome statuses
   */
  public boolean isFinished() {
    return finished;
  }
}
