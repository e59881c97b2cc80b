package dev.sorastatus.cli;

import dev.sorastatus.VideoContentExpiredException;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoNotReadyException;
import dev.sorastatus.VideoStatus;
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

  private ExitCodes() {}

  static int of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CancellationException || t instanceof InterruptedException) {
        return INTERRUPTED;
      }
      if (t instanceof VideoContentExpiredException) {
        return EXPIRED;
      }
      if (t instanceof VideoNotReadyException && ((VideoNotReadyException) t).status() == VideoStatus.FAILED) {
        return FAILED; // asked to download a job that failed
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
