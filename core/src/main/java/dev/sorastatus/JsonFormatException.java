package dev.sorastatus;

/** A body that is not the JSON expected; turned into the public malformed-response error by the caller. */
final class JsonFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JsonFormatException(String message) {
    super(message);
  }

  JsonFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
