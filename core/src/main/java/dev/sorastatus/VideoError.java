package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a job failed, as the server reported it.
 *
 * @param code a machine-readable code such as {@code moderation_blocked}, when the server sent one
 * @param message the human-readable reason; never null, possibly empty
 */
public record VideoError(Optional<String> code, String message) {
  /**
   * Checks the components and treats a blank code as no code.
   *
   * @param code a machine-readable code such as {@code moderation_blocked}, when the server sent one
   * @param message the human-readable reason; never null, possibly empty
   * @throws NullPointerException if a component is null
   */
  public VideoError {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
    code = code.filter(c -> !c.isBlank());
  }

  /**
   * Returns an error with the given code and message.
   *
   * @param code the code; null or blank means none
   * @param message the message
   * @return the error
   */
  public static VideoError of(String code, String message) {
    return new VideoError(Optional.ofNullable(code), Objects.requireNonNull(message, "message == null"));
  }
}
