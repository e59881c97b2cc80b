package dev.sorastatus.tracker;

import dev.sorastatus.SoraException;

/**
 * Says that a {@link TrackerStore} could not read or write, such as a database that is down; the cause is
 * kept. Thrown by store adapters so that callers catch one type whatever the engine.
 */
public final class TrackerStoreException extends SoraException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, starting with the fact; never a secret
   * @param cause the engine's error
   */
  public TrackerStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
