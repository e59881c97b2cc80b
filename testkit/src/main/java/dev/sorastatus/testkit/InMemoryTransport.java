package dev.sorastatus.testkit;

import dev.sorastatus.BoundedBody;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.ResponseSink;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.StreamingTransport;
import dev.sorastatus.spi.TransportRequest;
import dev.sorastatus.spi.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Moves requests to the {@link Responder} without a socket: what the fake's in-memory port runs on, so that
 * the protocol in core decodes exactly the bytes the HTTP mode would send, status reads and downloads alike.
 * Latency is virtual: a blocking call advances {@link VirtualTime}; an async one completes when a test
 * advances it. No thread of its own.
 */
final class InMemoryTransport implements HttpTransport, StreamingTransport {
  /** The size of the chunks a streamed body is handed over in, as a socket would. */
  private static final int CHUNK_BYTES = 16 * 1024;

  private final Responder responder;
  private final VirtualTime time;

  InMemoryTransport(Responder responder, VirtualTime time) {
    this.responder = responder;
    this.time = time;
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    FakeResponse r = answer(request);
    waitOut(r.latency, request);
    return buffered(r, request);
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    return afterLatency(request, (r, future) -> complete(future, r, request));
  }

  /**
   * Answers {@code request} and hands the answer to {@code deliver} once its virtual latency has passed (at
   * once without latency), or fails the future when the latency reaches the request's timeout.
   */
  private <T> CompletableFuture<T> afterLatency(TransportRequest request,
      BiConsumer<FakeResponse, CompletableFuture<T>> deliver) {
    FakeResponse r;
    try {
      r = answer(request);
    } catch (AssertionError e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    if (r.latency.isZero()) {
      deliver.accept(r, future);
      return future;
    }
    boolean timesOut = r.latency.compareTo(request.timeout()) >= 0;
    var scheduled = time.scheduleCompletion(timesOut ? request.timeout() : r.latency, () -> {
      if (timesOut) {
        future.completeExceptionally(timeout(request, r.latency));
      } else {
        deliver.accept(r, future);
      }
    });
    future.whenComplete((response, failure) -> {
      if (future.isCancelled()) {
        scheduled.cancel();
      }
    });
    return future;
  }

  @Override
  public StreamedResponse open(TransportRequest request) throws IOException {
    FakeResponse r = answer(request);
    waitOut(r.latency, request);
    if (r.drop) {
      throw dropped(request);
    }
    InputStream body = r.dropAfter >= 0
        ? new DroppingStream(r.body, (int) r.dropAfter)
        : new ByteArrayInputStream(r.body);
    return new StreamedResponse(r.status, withLength(r), body, () -> { });
  }

  /**
   * Streams a response to {@code sink}: the head, then the body in chunks, then the future completes; a
   * dropped connection fails it after the bytes the job lets through. Cancelling the future stops the body.
   */
  @Override
  public CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink) {
    return afterLatency(request, (r, done) -> deliver(r, request, sink, done));
  }

  private static void deliver(FakeResponse r, TransportRequest request, ResponseSink sink, CompletableFuture<Void> done) {
    try {
      if (r.drop) {
        throw dropped(request);
      }
      sink.onHead(r.status, withLength(r));
      int end = r.dropAfter >= 0 ? (int) Math.min(r.dropAfter, r.body.length) : r.body.length;
      for (int at = 0; at < end && !done.isDone(); at += CHUNK_BYTES) {
        sink.onBody(ByteBuffer.wrap(r.body, at, Math.min(CHUNK_BYTES, end - at)).asReadOnlyBuffer());
      }
      if (r.dropAfter >= 0) {
        throw new SocketException("Connection reset: FakeVideoApi dropped the download after " + end + " of "
            + r.body.length + " bytes");
      }
      done.complete(null);
    } catch (IOException | RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private FakeResponse answer(TransportRequest request) {
    URI uri = request.uri();
    FakeResponse r = responder.handle(new FakeRequest(request.method(), uri.getRawPath(), uri.getRawQuery(),
        asLists(request)));
    if (r.violation != null) {
      throw new AssertionError(r.violation);
    }
    return r;
  }

  private void complete(CompletableFuture<TransportResponse> future, FakeResponse r, TransportRequest request) {
    try {
      future.complete(buffered(r, request));
    } catch (IOException e) {
      future.completeExceptionally(e);
    }
  }

  private static TransportResponse buffered(FakeResponse r, TransportRequest request) throws IOException {
    if (r.drop) {
      throw dropped(request);
    }
    if (r.dropAfter >= 0) {
      throw new EOFException("connection closed after " + r.dropAfter + " of " + r.body.length
          + " body bytes (FakeVideoApi dropped it)");
    }
    BoundedBody body = new BoundedBody(request.maxBodyBytes(), r.body.length);
    body.append(r.body, 0, r.body.length);
    return body.toResponse(r.status, withLength(r));
  }

  private void waitOut(Duration latency, TransportRequest request) throws IOException {
    if (latency.isZero()) {
      return;
    }
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the fake's answer");
    }
    if (latency.compareTo(request.timeout()) >= 0) {
      time.advance(request.timeout());
      throw timeout(request, latency);
    }
    time.advance(latency); // not a sleep: the user's recorded sleeps stay theirs
  }

  private static HttpTimeoutException timeout(TransportRequest request, Duration latency) {
    return new HttpTimeoutException("request timed out after " + request.timeout() + " (the fake's latency was "
        + latency + ")");
  }

  private static SocketException dropped(TransportRequest request) {
    return new SocketException("Connection reset: FakeVideoApi dropped the connection to " + request.uri().getPath()
        + " without an answer");
  }

  private static Map<String, List<String>> asLists(TransportRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    return headers;
  }

  private static Map<String, List<String>> withLength(FakeResponse r) {
    Map<String, List<String>> headers = new LinkedHashMap<>(r.headers);
    headers.put("Content-Length", List.of(String.valueOf(r.body.length)));
    return headers;
  }

  /** A body that ends in a reset after {@code limit} bytes, as a dropped download does. */
  private static final class DroppingStream extends InputStream {
    private final byte[] bytes;
    private final int limit;
    private int position;

    DroppingStream(byte[] bytes, int limit) {
      this.bytes = bytes;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      if (position >= limit) {
        throw connectionReset();
      }
      return bytes[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (position >= limit) {
        throw connectionReset();
      }
      int n = Math.min(len, limit - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }

    private IOException connectionReset() {
      return new SocketException("Connection reset: FakeVideoApi dropped the download after " + limit + " of "
          + bytes.length + " bytes");
    }
  }
}
