package dev.sorastatus;

import java.util.Objects;
import java.util.function.Function;

/**
 * Reads the configuration from environment variables, for {@link SoraConfig#fromEnvironment}: {@code
 * SORA_BASE_URL} and {@code SORA_API_KEY}, falling back to {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY}.
 */
final class SoraEnvironment {
  /** The variable read first for the base URL. */
  static final String BASE_URL = "SORA_BASE_URL";
  /** The variable read first for the API key. */
  static final String API_KEY = "SORA_API_KEY";
  /** The fallback variable for the base URL. */
  static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
  /** The fallback variable for the API key. */
  static final String OPENAI_API_KEY = "OPENAI_API_KEY";

  private SoraEnvironment() {}

  /**
   * Returns a configuration builder holding the base URL and key found in {@code getenv}; other settings
   * keep their defaults and may still be changed.
   *
   * @param getenv looks a variable up, returning null when it is unset (such as {@code System::getenv})
   * @return the builder
   * @throws NullPointerException if {@code getenv} is null
   * @throws IllegalStateException if no base URL or no key is set; the message names the variables
   * @throws IllegalArgumentException if a value is set but invalid (the key is never quoted)
   */
  static SoraConfig.Builder read(Function<String, String> getenv) {
    Objects.requireNonNull(getenv, "getenv == null");
    String baseUrl = first(getenv, BASE_URL, OPENAI_BASE_URL);
    String key = first(getenv, API_KEY, OPENAI_API_KEY);
    if (key == null) {
      throw new IllegalStateException("No API key: set " + API_KEY + " (or " + OPENAI_API_KEY + ")");
    }
    if (baseUrl == null) {
      throw new IllegalStateException("No base URL: set " + BASE_URL + " (or " + OPENAI_BASE_URL
          + ") to your gateway's API root, such as https://gateway.example.com/v1");
    }
    try {
      return SoraConfig.builder().baseUrl(baseUrl).apiKey(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid environment: " + e.getMessage(), e);
    }
  }

  private static String first(Function<String, String> getenv, String name, String fallback) {
    String value = getenv.apply(name);
    if (value == null || value.isBlank()) {
      value = getenv.apply(fallback);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }
}
