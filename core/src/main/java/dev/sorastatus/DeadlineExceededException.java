package dev.sorastatus;

import java.time.Duration;
import java.util.Objects;

/**
 * A call ran out of time across its attempts: the {@linkplain RetryPolicy#deadline() deadline} would pass
 * before the next attempt could start, or passed during one. The cause is the last failure; earlier
 * failures are {@linkplain #getSuppressed() suppressed}.
 */
public final class DeadlineExceededException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** How many attempts were made before the deadline passed. */
  private final int attempts;
  /** The per-call deadline that passed. */
  private final Duration deadline;

  /**
   * Creates the error.
   *
   * @param message what ran out of time, starting with the request
   * @param deadline the deadline that was exceeded
   * @param attempts how many attempts were made, at least one
   * @param lastFailure the last attempt's failure
   * @throws NullPointerException if {@code deadline} or {@code lastFailure} is null
   * @throws IllegalArgumentException if {@code attempts} is below 1
   */
  public DeadlineExceededException(String message, Duration deadline, int attempts, SoraException lastFailure) {
    super(message, Objects.requireNonNull(lastFailure, "lastFailure == null"));
    this.deadline = Objects.requireNonNull(deadline, "deadline == null");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
    this.attempts = attempts;
  }

  /**
   * Returns how many attempts the call made before it ran out of time.
   *
   * @return one or more
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Returns the deadline that was exceeded.
   *
   * @return the per-call deadline
   */
  public Duration deadline() {
    return deadline;
  }

  /**
   * Returns the last attempt's failure.
   *
   * @return the cause
   */
  @Override
  public synchronized SoraException getCause() {
    return (SoraException) super.getCause();
  }
}
