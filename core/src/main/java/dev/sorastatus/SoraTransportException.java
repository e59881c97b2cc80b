package dev.sorastatus;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;

/**
 * The request could not be sent or its answer not read: connection refused or reset, a name that does not
 * resolve, a timeout, or an interrupt. The cause is the transport's {@link IOException}.
 */
public final class SoraTransportException extends SoraException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what failed, starting with the request
   * @param cause the transport's failure
   */
  public SoraTransportException(String message, IOException cause) {
    super(message, Objects.requireNonNull(cause, "cause == null"));
  }

  /**
   * Returns whether this failure was a timeout (connect, read or the whole request).
   *
   * @return true for a timeout
   */
  public boolean isTimeout() {
    Throwable c = getCause();
    return c instanceof SocketTimeoutException || c instanceof HttpTimeoutException;
  }

  /**
   * Returns the transport's failure.
   *
   * @return the cause
   */
  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
