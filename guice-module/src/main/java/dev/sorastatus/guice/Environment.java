package dev.sorastatus.guice;

/**
 * Looks up an environment variable; bound by {@link SoraStatusModule} to {@link System#getenv(String)} and
 * replaceable through {@code OptionalBinder}, so that tests never touch the real environment.
 */
@FunctionalInterface
public interface Environment {

  /**
   * Returns the value of the variable {@code name}.
   *
   * @param name the variable, such as {@code SORA_API_KEY}
   * @return the value, or null when it is unset
   */
  String get(String name);
}
