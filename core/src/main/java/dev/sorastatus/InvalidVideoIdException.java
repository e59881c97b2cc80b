package dev.sorastatus;

/**
 * Thrown when a string cannot be a video id; the id is rejected before any request is sent, so a bad id
 * can never change the request path.
 */
public final class InvalidVideoIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidVideoIdException(String message) {
    super(message);
  }
}
