package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a response said about the bytes that follow it, before the first of them: where they start in the
 * file, how many there are, what type they are. A {@link VideoContentPort} hands it to its
 * {@link ContentSink} first.
 *
 * <pre>{@code
 * ContentHead head = new ContentHead(0, OptionalLong.of(4096), OptionalLong.of(4096),
 *     Optional.of("video/mp4"), Optional.of("\"v1\""));
 * }</pre>
 *
 * @param offset where in the file the body starts: 0 for the whole file, or the requested offset when the
 *     server resumed a transfer
 * @param length how many bytes the body holds ({@code Content-Length}), when declared
 * @param totalLength how large the whole file is, when known ({@code Content-Range}, or
 *     {@code Content-Length} of a whole-file answer)
 * @param contentType the media type as sent, such as {@code video/mp4}
 * @param entityTag the server's strong entity tag ({@code ETag}), usable to resume safely
 */
record ContentHead(
    long offset, OptionalLong length, OptionalLong totalLength, Optional<String> contentType,
    Optional<String> entityTag) {

  /**
   * Checks the components.
   *
   * @param offset where in the file the body starts: 0 for the whole file, or the requested offset when the server resumed a transfer
   * @param length how many bytes the body holds ({@code Content-Length}), when declared
   * @param totalLength how large the whole file is, when known ({@code Content-Range}, or {@code Content-Length} of a whole-file answer)
   * @param contentType the media type as sent, such as {@code video/mp4}
   * @param entityTag the server's strong entity tag ({@code ETag}), usable to resume safely
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a number is negative, or the body would end past the file's end
   */
  public ContentHead {
    Objects.requireNonNull(length, "length == null");
    Objects.requireNonNull(totalLength, "totalLength == null");
    Objects.requireNonNull(contentType, "contentType == null");
    Objects.requireNonNull(entityTag, "entityTag == null");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0 but was " + offset);
    }
    if (length.isPresent() && length.getAsLong() < 0) {
      throw new IllegalArgumentException("length must be >= 0 but was " + length.getAsLong());
    }
    if (totalLength.isPresent() && totalLength.getAsLong() < 0) {
      throw new IllegalArgumentException("totalLength must be >= 0 but was " + totalLength.getAsLong());
    }
    if (length.isPresent() && totalLength.isPresent() && offset + length.getAsLong() > totalLength.getAsLong()) {
      throw new IllegalArgumentException("a body of " + length.getAsLong() + " bytes from byte " + offset
          + " ends past the file's " + totalLength.getAsLong() + " bytes");
    }
  }

  /**
   * Returns the head of a whole file of {@code length} bytes, or of unknown length.
   *
   * @param length the file's size, if known
   * @param contentType the media type, if sent
   * @return the head, starting at byte 0
   * @throws NullPointerException if an argument is null
   */
  public static ContentHead whole(OptionalLong length, Optional<String> contentType) {
    return new ContentHead(0, length, length, contentType, Optional.empty());
  }

  /**
   * Returns where the body ends in the file (exclusive), when its length is known.
   *
   * @return {@code offset + length}, if the length was declared
   */
  public OptionalLong end() {
    return length.isPresent() ? OptionalLong.of(offset + length.getAsLong()) : OptionalLong.empty();
  }
}
