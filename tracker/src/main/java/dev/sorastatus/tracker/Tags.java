package dev.sorastatus.tracker;

import java.util.Map;
import java.util.Objects;

/** The rules for tags, written once for tracking and querying, so that every store can hold what is given. */
final class Tags {
  static final int MAX_TAGS = 16;
  static final int MAX_NAME = 64;
  static final int MAX_VALUE = 256;

  private Tags() {}

  static Map<String, String> check(Map<String, String> tags) {
    Objects.requireNonNull(tags, "tags == null");
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException("at most " + MAX_TAGS + " tags are allowed but " + tags.size()
          + " were given");
    }
    tags.forEach((name, value) -> {
      if (name == null || value == null) {
        throw new IllegalArgumentException("a tag's name and value must not be null");
      }
      if (name.isBlank() || name.length() > MAX_NAME) {
        throw new IllegalArgumentException("a tag's name must be 1.." + MAX_NAME + " characters, not blank, but was \""
            + (name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "..." : name) + "\"");
      }
      if (value.length() > MAX_VALUE) {
        throw new IllegalArgumentException("the value of tag \"" + name + "\" must be at most " + MAX_VALUE
            + " characters but was " + value.length());
      }
    });
    return Map.copyOf(tags);
  }
}
