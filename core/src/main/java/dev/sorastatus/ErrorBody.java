package dev.sorastatus;

import java.util.Optional;

/**
 * The code and message read from an error body, in whichever shape the server sent them.
 *
 * @param code the error code, or null
 * @param message the error message, or null
 */
record ErrorBody(String code, String message) {
  /** A body with neither, such as plain text or HTML. */
  public static final ErrorBody NONE = new ErrorBody(null, null);

  /**
   * Returns the code.
   *
   * @return the code, if the body had a non-blank one
   */
  public Optional<String> codeOptional() {
    return Optional.ofNullable(code);
  }

  /**
   * Returns the message.
   *
   * @return the message, if the body had a non-blank one
   */
  public Optional<String> messageOptional() {
    return Optional.ofNullable(message);
  }
}
