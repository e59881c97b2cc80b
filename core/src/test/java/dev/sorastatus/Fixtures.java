package dev.sorastatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the JSON fixtures under {@code src/test/resources/fixtures}. */
public final class Fixtures {
  private Fixtures() {}

  /** Returns the bytes of {@code fixtures/<name>}. */
  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code json} as UTF-8 bytes. */
  public static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
