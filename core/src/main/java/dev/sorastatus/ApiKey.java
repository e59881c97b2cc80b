package dev.sorastatus;

import java.util.Objects;

/**
 * An API key that does not leak: {@link #toString()} masks it, and it is not a record so that no generated
 * method prints it. Only the code that builds the {@code Authorization} header calls {@link #reveal()}.
 */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Returns a key for {@code value}.
   *
   * @param value the secret, such as {@code sk-...}
   * @return the key
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or holds white space or control characters
   *     (which would break or forge the header); the message never quotes the key
   */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "apiKey == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("apiKey is blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            "apiKey holds a space, control or non-ASCII character at index " + i);
      }
    }
    return new ApiKey(value);
  }

  /**
   * Returns the secret itself, for the {@code Authorization} header only. Never log it.
   *
   * @return the key
   */
  public String reveal() {
    return value;
  }

  /**
   * Returns a masked form that shows at most the first three characters, such as {@code sk-***}.
   *
   * @return the masked key
   */
  public String masked() {
    return (value.length() > 8 ? value.substring(0, 3) : "") + "***";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey && ((ApiKey) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Returns {@code ApiKey[sk-***]}: never the key. */
  @Override
  public String toString() {
    return "ApiKey[" + masked() + "]";
  }
}
