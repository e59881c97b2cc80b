package dev.sorastatus;

/**
 * The root of every error this library throws about a request, so that one {@code catch} covers them all.
 * Messages start with the fact and never contain the API key.
 */
public class SoraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an error.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public SoraException(String message, Throwable cause) {
    super(message, cause);
  }
}
