package dev.sorastatus.cli;

import dev.sorastatus.VideoExpiredException;
import dev.sorastatus.VideoFailedException;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoWaitTimeoutException;

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
      if (t instanceof VideoNotFoundException) {
        return NOT_FOUND;
      }
      if (t instanceof VideoWaitTimeoutException) {
        return TIMED_OUT;
      }
      if (t instanceof VideoFailedException) {
        return FAILED;
      }
      if (t instanceof VideoExpiredException) {
        return EXPIRED;
      }
    }
    return OTHER_ERROR;
  }
}
