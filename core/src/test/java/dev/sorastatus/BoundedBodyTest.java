package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedBodyTest {

  /** A stream of {@code size} bytes that counts how many were pulled and hands out at most {@code chunk} a read. */
  static final class CountingStream extends InputStream {
    private final long size;
    private final int chunk;
    long pulled;
    boolean closed;

    CountingStream(long size, int chunk) {
      this.size = size;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      if (pulled >= size) {
        return -1;
      }
      return (int) (pulled++ % 251);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pulled >= size) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, chunk), size - pulled);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) (pulled++ % 251);
      }
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static byte[] pattern(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100, 8192, 8193, 20_000})
  void bodyOfExactlyTheLimitIsNotTruncated(int limit) throws IOException {
    BoundedBody body = new BoundedBody(limit, -1).readFrom(new ByteArrayInputStream(pattern(limit)));

    TransportResponse r = body.toResponse(200, Map.of());
    assertThat(body.truncated()).isFalse();
    assertThat(r.truncated()).isFalse();
    assertThat(r.body()).isEqualTo(pattern(limit));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100, 8192, 8193, 20_000})
  void bodyOfOneByteOverTheLimitIsTruncated(int limit) throws IOException {
    BoundedBody body = new BoundedBody(limit, -1).readFrom(new ByteArrayInputStream(pattern(limit + 1)));

    TransportResponse r = body.toResponse(200, Map.of());
    assertThat(body.truncated()).isTrue();
    assertThat(r.truncated()).isTrue();
    assertThat(r.body().length).isLessThanOrEqualTo(limit);
  }

  @Test
  void declaredLengthOverTheLimitIsTruncatedBeforeReading() throws IOException {
    BoundedBody body = new BoundedBody(1024, 1025);
    CountingStream in = new CountingStream(1025, 8192);

    assertThat(body.truncated()).isTrue();
    body.readFrom(in);

    assertThat(in.pulled).isZero();
    assertThat(body.toResponse(200, Map.of()).truncated()).isTrue();
  }

  @Test
  void declaredLengthOfExactlyTheLimitIsRead() throws IOException {
    BoundedBody body = new BoundedBody(1024, 1024).readFrom(new ByteArrayInputStream(pattern(1024)));

    assertThat(body.truncated()).isFalse();
    assertThat(body.toResponse(200, Map.of()).body()).isEqualTo(pattern(1024));
  }

  @Test
  void declaredLengthThatUnderstatesTheBodyStillKeepsItAll() throws IOException {
    BoundedBody body = new BoundedBody(100_000, 10).readFrom(new ByteArrayInputStream(pattern(50_000)));

    assertThat(body.truncated()).isFalse();
    assertThat(body.toResponse(200, Map.of()).body()).isEqualTo(pattern(50_000));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100, 8192})
  void readFromStopsJustPastTheLimit(int chunk) throws IOException {
    CountingStream in = new CountingStream(10L * 1024 * 1024, chunk);

    BoundedBody body = new BoundedBody(1000, -1).readFrom(in);

    assertThat(body.truncated()).isTrue();
    assertThat(in.pulled).isEqualTo(1001);
    assertThat(in.closed).as("readFrom leaves closing to the caller").isFalse();
  }

  @Test
  void readFromOfAnEmptyStreamIsAnEmptyBody() throws IOException {
    TransportResponse r = new BoundedBody(10, -1).readFrom(InputStream.nullInputStream()).toResponse(204, Map.of());

    assertThat(r.body()).isEmpty();
    assertThat(r.truncated()).isFalse();
    assertThat(r.statusCode()).isEqualTo(204);
  }

  @Test
  void appendKeepsBytesUpToTheLimitAndSaysWhenToStop() {
    BoundedBody body = new BoundedBody(10, -1);

    assertThat(body.append(new byte[] {1, 2, 3, 4}, 0, 4)).isTrue();
    assertThat(body.append(ByteBuffer.wrap(new byte[] {5, 6, 7, 8, 9, 10}))).isTrue();
    assertThat(body.truncated()).isFalse();
    ByteBuffer extra = ByteBuffer.wrap(new byte[] {11});
    assertThat(body.append(extra)).isFalse();

    assertThat(extra.remaining()).as("the buffer is consumed").isZero();
    assertThat(body.truncated()).isTrue();
    assertThat(body.append(new byte[] {12}, 0, 1)).isFalse();
    assertThat(body.toResponse(200, Map.of()).body()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void appendHonoursOffsetAndLength() {
    BoundedBody body = new BoundedBody(100, -1);

    body.append(new byte[] {9, 9, 1, 2, 3, 9}, 2, 3);

    assertThat(body.toResponse(200, Map.of()).body()).containsExactly(1, 2, 3);
  }

  @Test
  void toResponseCarriesStatusAndHeaders() {
    BoundedBody body = new BoundedBody(100, 2);
    body.append(new byte[] {'{', '}'}, 0, 2);

    TransportResponse r = body.toResponse(503, Map.of("Retry-After", List.of("5")));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.header("retry-after")).contains("5");
    assertThat(r.body()).containsExactly('{', '}');
  }

  @Test
  void responseBodyIsACopyOfExactlyTheBytesRead() {
    BoundedBody body = new BoundedBody(1000, -1);
    body.append(pattern(3), 0, 3);

    byte[] first = body.toResponse(200, Map.of()).body();

    assertThat(first).hasSize(3);
    assertThat(Arrays.equals(first, pattern(3))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void limitMustBePositive(long limit) {
    assertThatThrownBy(() -> new BoundedBody(limit, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be > 0 but was " + limit);
  }

  @Test
  void hugeLimitDoesNotAllocateItUpFront() throws IOException {
    BoundedBody body = new BoundedBody(Long.MAX_VALUE, -1).readFrom(new ByteArrayInputStream(pattern(3)));

    assertThat(body.toResponse(200, Map.of()).body()).isEqualTo(pattern(3));
  }
}
