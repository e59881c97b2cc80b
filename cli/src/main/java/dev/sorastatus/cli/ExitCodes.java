package dev.sorastatus.cli;

import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoWaitException;
import java.util.concurrent.CancellationException;

/** The exit codes scripts can rely on, and which error means which. */
final class ExitCodes {
  static final int COMPLETED = 0;
  static final int OTHER_ERROR = 1;
  static final int FAILED = 2;
  static final int TIMED_OUT = 3;
  static final int NOT_FOUND = 4;
  static final int EXPIRED = 5;
  /** What a shell reports for a process stopped by Ctrl-C (128 + SIGINT). */
  static final int INTERRUPTED = 130;

  /** How the downloader's NOT_READY message says the job failed rather than is still running. */
  private static final String FAILED_JOB = "failed, so it has no content to download";

  private ExitCodes() {}

  static int of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CancellationException || t instanceof InterruptedException) {
        return INTERRUPTED;
      }
      if (t instanceof VideoDownloadException) {
        VideoDownloadException e = (VideoDownloadException) t;
        if (e.reason() == VideoDownloadException.Reason.EXPIRED) {
          return EXPIRED;
        }
        if (e.reason() == VideoDownloadException.Reason.NOT_READY && e.getMessage().contains(FAILED_JOB)) {
          return FAILED; // asked to download a job that failed
        }
      }
      if (t instanceof VideoNotFoundException) {
        return NOT_FOUND;
      }
      if (t instanceof VideoWaitException) {
        switch (((VideoWaitException) t).kind()) {
          case TIMED_OUT: return TIMED_OUT;
          case FAILED: return FAILED;
          case EXPIRED: return EXPIRED;
          case NOT_FOUND: return NOT_FOUND;
          default: break; // an error that ended the wait: its cause is looked at next
        }
      }
    }
    return OTHER_ERROR;
  }
}
