package dev.sorastatus.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The deterministic bytes the content endpoint serves: pseudo-random bytes from the seed and the job's id
 * behind the first bytes of a real file of the type, so that a sniffer or a test sees an MP4, a WebP or a
 * JPEG.
 */
final class Payloads {
  static final int THUMBNAIL_BYTES = 2 * 1024;
  static final int SPRITESHEET_BYTES = 8 * 1024;

  private Payloads() {}

  /** Returns the content type of {@code variant}. */
  static String contentType(String variant) {
    switch (variant) {
      case "thumbnail": return "image/webp";
      case "spritesheet": return "image/jpeg";
      default: return "video/mp4";
    }
  }

  static byte[] create(long seed, String id, String variant, int videoBytes) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(Seeds.mix(seed) ^ id.hashCode()) ^ variant.hashCode());
    switch (variant) {
      case "thumbnail": return webp(random);
      case "spritesheet": return jpeg(random);
      default: return mp4(random, videoBytes);
    }
  }

  /**
   * Returns a copy of the committed real file of {@code variant}: {@code media/demo.mp4},
   * {@code media/thumbnail.webp} or {@code media/spritesheet.jpg}, made by {@code media/make-media.sh}.
   */
  static byte[] real(String variant) {
    String name;
    switch (variant) {
      case "thumbnail": name = "media/thumbnail.webp"; break;
      case "spritesheet": name = "media/spritesheet.jpg"; break;
      default: name = "media/demo.mp4"; break;
    }
    try (InputStream in = Payloads.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the testkit jar lacks its " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the testkit's " + name, e);
    }
  }

  private static byte[] mp4(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    ByteBuffer b = ByteBuffer.allocate(40);
    b.putInt(32).put(ascii("ftypisom")).putInt(0x200).put(ascii("isomiso2avc1mp41"));
    b.putInt(Math.max(0, size - 32)).put(ascii("mdat"));
    System.arraycopy(b.array(), 0, bytes, 0, Math.min(size, 40));
    return bytes;
  }

  private static byte[] webp(SplittableRandom random) {
    byte[] bytes = new byte[THUMBNAIL_BYTES];
    random.nextBytes(bytes);
    ByteBuffer b = ByteBuffer.allocate(20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(THUMBNAIL_BYTES - 8).put(ascii("WEBPVP8 ")).putInt(THUMBNAIL_BYTES - 20);
    System.arraycopy(b.array(), 0, bytes, 0, 20);
    return bytes;
  }

  private static byte[] jpeg(SplittableRandom random) {
    byte[] bytes = new byte[SPRITESHEET_BYTES];
    random.nextBytes(bytes);
    byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1,
        0, 0};
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[SPRITESHEET_BYTES - 2] = (byte) 0xFF;
    bytes[SPRITESHEET_BYTES - 1] = (byte) 0xD9;
    return bytes;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
