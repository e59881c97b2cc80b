package dev.sorastatus;

import dev.sorastatus.spi.StreamedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Collects a response body up to {@link SoraConfig#maxResponseBytes()} and remembers whether there was
 * more, written once for every transport. Not thread-safe: one exchange feeds it at a time.
 */
final class BoundedBody {
  private final long limit;
  private byte[] bytes;
  private int size;
  private boolean truncated;

  /**
   * Creates an empty body.
   *
   * @param limit the most bytes to keep
   * @param expectedLength the declared {@code Content-Length}, or -1 when unknown; used to size the buffer
   */
  BoundedBody(long limit, long expectedLength) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0 but was " + limit);
    }
    this.limit = Math.min(limit, Integer.MAX_VALUE - 16);
    long initial = expectedLength >= 0 ? Math.min(expectedLength, this.limit) : Math.min(8192, this.limit);
    this.bytes = new byte[(int) Math.max(initial, 16)];
    if (expectedLength > this.limit) {
      truncated = true; // known too long before a byte is read
    }
  }

  /**
   * Returns whether the body is known to be longer than the limit; reading should stop.
   *
   * @return true once the limit was passed
   */
  boolean truncated() {
    return truncated;
  }

  /**
   * Appends {@code buffer}'s remaining bytes, keeping at most the limit.
   *
   * @param buffer the bytes; its position is moved to its limit
   * @return false once the limit has been passed, meaning the caller should stop reading
   */
  boolean append(ByteBuffer buffer) {
    int n = buffer.remaining();
    if (truncated) {
      buffer.position(buffer.limit());
      return false;
    }
    if (size + (long) n > limit) {
      truncated = true;
      buffer.position(buffer.limit());
      return false;
    }
    ensure(size + n);
    buffer.get(bytes, size, n);
    size += n;
    return true;
  }

  /**
   * Appends {@code length} bytes of {@code source} from {@code offset}.
   *
   * @param source the bytes
   * @param offset where to start
   * @param length how many
   * @return false once the limit has been passed, meaning the caller should stop reading
   */
  boolean append(byte[] source, int offset, int length) {
    return append(ByteBuffer.wrap(source, offset, length));
  }

  /**
   * Reads {@code in} until its end or just past the limit, without closing it.
   *
   * @param in the body stream
   * @return this body
   * @throws IOException if reading fails
   */
  BoundedBody readFrom(InputStream in) throws IOException {
    // reads straight into the presized array: no chunk buffer, and no copy when Content-Length was right
    while (!truncated) {
      int room = (int) Math.min(bytes.length, limit) - size;
      if (room > 0) {
        int n = in.read(bytes, size, room);
        if (n < 0) {
          break;
        }
        size += n;
        continue;
      }
      int next = in.read(); // full, or at the limit: is there more?
      if (next < 0) {
        break;
      }
      if (size >= limit) {
        truncated = true;
        break;
      }
      ensure(size + 1);
      bytes[size++] = (byte) next;
    }
    return this;
  }

  /**
   * Returns the response made of {@code statusCode}, {@code headers} and the bytes collected.
   *
   * @param statusCode the HTTP status
   * @param headers the headers
   * @return the response, marked truncated when the limit was passed
   */
  TransportResponse toResponse(int statusCode, Map<String, List<String>> headers) {
    return new TransportResponse(statusCode, headers, bytes(), truncated);
  }

  /** Returns the response made of {@code head}'s status and headers and the bytes collected. */
  TransportResponse toResponse(StreamedResponse head) {
    return new TransportResponse(head, bytes(), truncated);
  }

  private byte[] bytes() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(capacity, (long) bytes.length * 2)));
    }
  }
}
