package dev.sorastatus;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The request could not be completed: connection refused or reset, a name that does not resolve, a
 * timeout, an interrupt, or a call whose retries ran out of time. Two facts say which: {@link #isTimeout()}
 * for any timeout, and {@link #deadline()}, present when the call's {@linkplain RetryPolicy#deadline()
 * deadline} passed across its attempts. The cause is the transport's {@link IOException}, or, when the
 * deadline passed, the last attempt's failure (earlier ones are {@linkplain #getSuppressed() suppressed}).
 */
public final class SoraTransportException extends SoraException {
  private static final long serialVersionUID = 1L;

  /** The call's deadline that passed, or null when one exchange failed. */
  private final Duration deadline;
  /** How many attempts the call made. */
  private final int attempts;

  /**
   * Creates the error for one failed exchange.
   *
   * @param message what failed, starting with the request
   * @param cause the transport's failure
   * @throws NullPointerException if {@code cause} is null
   */
  public SoraTransportException(String message, IOException cause) {
    super(message, Objects.requireNonNull(cause, "cause == null"));
    this.deadline = null;
    this.attempts = 1;
  }

  /**
   * Creates the error for a call that ran out of time across its attempts: the deadline would pass before
   * the next attempt could start, or passed during one.
   *
   * @param message what ran out of time, starting with the request
   * @param deadline the deadline that passed
   * @param attempts how many attempts were made, at least one
   * @param lastFailure the last attempt's failure
   * @throws NullPointerException if {@code deadline} or {@code lastFailure} is null
   * @throws IllegalArgumentException if {@code attempts} is below 1
   */
  public SoraTransportException(String message, Duration deadline, int attempts, SoraException lastFailure) {
    super(message, Objects.requireNonNull(lastFailure, "lastFailure == null"));
    this.deadline = Objects.requireNonNull(deadline, "deadline == null");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
    this.attempts = attempts;
  }

  /**
   * Returns whether this failure was a timeout: connect, read or the whole request, or the call's deadline.
   *
   * @return true for a timeout
   */
  public boolean isTimeout() {
    Throwable c = getCause();
    return deadline != null || c instanceof SocketTimeoutException || c instanceof HttpTimeoutException;
  }

  /**
   * Returns the call's deadline, when it is what ended the call.
   *
   * @return the deadline that passed, or empty when a single exchange failed
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * Returns how many attempts the call made before it failed.
   *
   * @return at least one
   */
  public int attempts() {
    return attempts;
  }
}
