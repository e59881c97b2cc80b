package dev.sorastatus;

import java.util.Locale;

/**
 * Which file of a finished job to download: the video itself, its thumbnail or its sprite sheet. The
 * content endpoint takes it as {@code ?variant=video|thumbnail|spritesheet}.
 */
public enum Variant {
  /** The MP4 video. */
  VIDEO,
  /** A still image of the video, usually WebP or JPEG. */
  THUMBNAIL,
  /** A grid of frames, for scrubbing previews. */
  SPRITESHEET;

  /**
   * Returns the name the content endpoint expects, such as {@code thumbnail}.
   *
   * @return the lower-case wire name
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
