package dev.sorastatus;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link VideoContentPort} that answers each request with the next scripted step, over one file of
 * deterministic bytes, and records what it was asked. Steps run on the calling thread.
 */
final class DownloadScript implements VideoContentPort {
  static final String ETAG = "\"etag-1\"";

  private final byte[] file;
  private final Deque<Step> steps = new ArrayDeque<>();
  private final List<ContentRequest> requests = new ArrayList<>();
  private final List<CompletableFuture<Void>> hanging = new ArrayList<>();
  private String contentType = "video/mp4";

  DownloadScript(byte[] file) {
    this.file = file;
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8));
    }
    return b;
  }

  /** A step: answers one request. */
  interface Step {
    CompletableFuture<Void> answer(ContentRequest request, ContentSink sink);
  }

  DownloadScript contentType(String type) {
    this.contentType = type;
    return this;
  }

  synchronized DownloadScript then(Step step) {
    steps.add(step);
    return this;
  }

  /** The whole file with a declared length, whatever range was asked. */
  DownloadScript whole() {
    return then((r, sink) -> {
      sink.head(new ContentHead(0, OptionalLong.of(file.length), OptionalLong.of(file.length), type(), Optional.of(ETAG)));
      send(sink, 0, file.length);
      return CompletableFuture.completedFuture(null);
    });
  }

  /** The rest of the file from the requested offset (206 semantics), or all of it. */
  DownloadScript range() {
    return then((r, sink) -> {
      long from = r.offset();
      sink.head(new ContentHead(from, OptionalLong.of(file.length - from), OptionalLong.of(file.length), type(),
          Optional.of(ETAG)));
      send(sink, (int) from, file.length);
      return CompletableFuture.completedFuture(null);
    });
  }

  /** From the requested offset, {@code n} bytes, then the connection resets. */
  DownloadScript dropAfter(int n) {
    return then((r, sink) -> {
      int from = (int) r.offset();
      sink.head(new ContentHead(from, OptionalLong.of(file.length - from), OptionalLong.of(file.length), type(),
          Optional.of(ETAG)));
      send(sink, from, from + n);
      return CompletableFuture.failedFuture(new SoraTransportException("GET content failed: connection reset",
          new SocketException("Connection reset")));
    });
  }

  /** The head and {@code n} bytes, then nothing more, ever. */
  DownloadScript hangAfter(int n) {
    return then((r, sink) -> {
      int from = (int) r.offset();
      sink.head(new ContentHead(from, OptionalLong.of(file.length - from), OptionalLong.of(file.length), type(),
          Optional.of(ETAG)));
      send(sink, from, from + n);
      CompletableFuture<Void> never = new CompletableFuture<>();
      synchronized (this) {
        hanging.add(never);
      }
      return never;
    });
  }

  /** Fails before any head with {@code failure}. */
  DownloadScript fail(RuntimeException failure) {
    return then((r, sink) -> CompletableFuture.failedFuture(failure));
  }

  /** Declares the whole length but ends cleanly after {@code n} bytes. */
  DownloadScript shortBody(int n) {
    return then((r, sink) -> {
      sink.head(new ContentHead(0, OptionalLong.of(file.length), OptionalLong.of(file.length), type(), Optional.empty()));
      send(sink, 0, n);
      return CompletableFuture.completedFuture(null);
    });
  }

  /** A head without a length, then the whole file. */
  DownloadScript undeclared() {
    return then((r, sink) -> {
      sink.head(new ContentHead(0, OptionalLong.empty(), OptionalLong.empty(), type(), Optional.empty()));
      send(sink, 0, file.length);
      return CompletableFuture.completedFuture(null);
    });
  }

  private Optional<String> type() {
    return Optional.ofNullable(contentType);
  }

  private static final int CHUNK = 1000;

  private void send(ContentSink sink, int from, int to) {
    for (int i = from; i < to; i += CHUNK) {
      ByteBuffer chunk = ByteBuffer.wrap(file, i, Math.min(CHUNK, to - i)).slice();
      sink.write(chunk);
      if (chunk.hasRemaining()) {
        throw new AssertionError("the sink left bytes unread");
      }
    }
  }

  @Override
  public CompletableFuture<Void> stream(ContentRequest request, ContentSink sink) {
    Step step;
    synchronized (this) {
      requests.add(request);
      step = steps.poll();
    }
    if (step == null) {
      return CompletableFuture.failedFuture(new AssertionError("unscripted request " + request));
    }
    try {
      return step.answer(request, sink);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // what a port does with what its sink threw
    }
  }

  synchronized List<ContentRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized List<CompletableFuture<Void>> hanging() {
    return List.copyOf(hanging);
  }

  static IOException reset() {
    return new SocketException("Connection reset");
  }
}
