package dev.sorastatus;

/**
 * The id of a video job, such as {@code video_123}. Validated at construction so that it is always safe
 * to place in a URL path: 1 to 256 characters from {@code [A-Za-z0-9._:-]}, and never {@code .} or
 * {@code ..} alone.
 *
 * <pre>{@code
 * VideoId id = VideoId.of("video_123");
 * }</pre>
 *
 * @param value the id as the API spells it
 */
public record VideoId(String value) {
  /** The longest id accepted. */
  public static final int MAX_LENGTH = 256;

  /**
   * Validates {@code value}.
   *
   * @param value the id as the API spells it
   * @throws InvalidVideoIdException if {@code value} is null, blank, too long, {@code .} or {@code ..},
   *     or holds a character outside {@code [A-Za-z0-9._:-]}
   */
  public VideoId {
    if (value == null) {
      throw new InvalidVideoIdException("video id == null");
    }
    if (value.isEmpty()) {
      throw new InvalidVideoIdException("video id is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidVideoIdException(
          "video id is " + value.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new InvalidVideoIdException("video id '" + value + "' is a path segment, not an id");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isAllowed(c)) {
        throw new InvalidVideoIdException(
            "video id has a character that is not allowed: " + describe(c) + " at index " + i
                + "; only A-Z, a-z, 0-9, '.', '_', ':' and '-' are allowed");
      }
    }
  }

  /**
   * Returns the id for {@code value}.
   *
   * @param value the id, such as {@code video_123}
   * @return the validated id
   * @throws InvalidVideoIdException if {@code value} is not a valid id
   */
  public static VideoId of(String value) {
    return new VideoId(value);
  }

  /**
   * Returns whether {@code value} would be accepted by {@link #of(String)}, without throwing.
   *
   * @param value any string, or null
   * @return true when {@code value} is a valid id
   */
  public static boolean isValid(String value) {
    try {
      new VideoId(value);
      return true;
    } catch (InvalidVideoIdException e) {
      return false;
    }
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == ':' || c == '-';
  }

  private static String describe(char c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + c + "'";
    }
    String code = String.format("U+%04X", (int) c);
    if (c == ' ') {
      return "' ' (" + code + ", space)";
    }
    if (Character.isWhitespace(c) || Character.isISOControl(c)) {
      return code + " (control or whitespace)";
    }
    return code + " ('" + c + "', not ASCII)";
  }

  /** Returns the id itself, so that ids read naturally in messages. */
  @Override
  public String toString() {
    return value;
  }
}
