package dev.sorastatus.testkit;

import dev.sorastatus.spi.Exchange;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Moves requests to the {@link Responder} without a socket: what the fake's in-memory client runs on, so that
 * the protocol in core decodes exactly the bytes the HTTP mode would send, status reads and downloads alike.
 * The fake answers when the exchange is made, on the caller's thread, as a server would have by then; an
 * answer without latency is sent there too (it {@linkplain Exchange#mayBlock() cannot block}), so an async
 * call or a download costs no thread. Latency is virtual: an exchange sent on the thread that made it (a
 * blocking call) advances {@link VirtualTime}; one with latency that an async call or a download makes runs
 * on a client's worker thread and waits until a test advances time past it.
 */
final class InMemoryTransport implements HttpTransport {
  private final Responder responder;
  private final VirtualTime time;

  InMemoryTransport(Responder responder, VirtualTime time) {
    this.responder = responder;
    this.time = time;
  }

  @Override
  public Exchange exchange(TransportRequest request) {
    return new InMemoryExchange(request);
  }

  @Override
  public void close() {
    // nothing to release: the fake outlives its clients
  }

  /** One exchange; cancelling it ends a wait for virtual time and fails the body's later reads. */
  private final class InMemoryExchange implements Exchange {
    private final TransportRequest request;
    private final Thread maker = Thread.currentThread();
    private final CountDownLatch answered = new CountDownLatch(1);
    private final FakeResponse response;
    private final AssertionError violation;
    private final VirtualTime.Scheduled due;
    private final boolean timesOut;
    private volatile boolean cancelled;

    InMemoryExchange(TransportRequest request) {
      this.request = request;
      FakeResponse r = null;
      AssertionError v = null;
      try {
        r = answer(request);
      } catch (AssertionError e) {
        v = e;
      }
      this.response = r;
      this.violation = v;
      this.timesOut = r != null && r.latency.compareTo(request.timeout()) >= 0;
      // scheduled now, so that virtual time that passes before a worker sends it counts too
      this.due = r == null || r.latency.isZero() ? null
          : time.scheduleCompletion(timesOut ? request.timeout() : r.latency, answered::countDown);
    }

    @Override
    public StreamedResponse send() throws IOException {
      if (violation != null) {
        throw violation;
      }
      FakeResponse r = response;
      if (due != null) {
        if (Thread.currentThread() == maker) {
          due.cancel();
          waitOut(r.latency);
        } else {
          awaitVirtually(r.latency);
        }
      }
      checkNotCancelled();
      if (r.drop) {
        throw dropped(request);
      }
      InputStream body = r.dropAfter >= 0
          ? new DroppingStream(r.body, (int) r.dropAfter, isStatusRead(request))
          : new ByteArrayInputStream(r.body);
      return new StreamedResponse(r.status, withLength(r), new CancellableStream(body), () -> { });
    }

    /** Only an answer with latency waits (for virtual time); any other is already here. */
    @Override
    public boolean mayBlock() {
      return due != null;
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (due != null) {
        due.cancel();
      }
      answered.countDown();
    }

    /** Blocks until virtual time reached the answer's latency, or the request's timeout first. */
    private void awaitVirtually(Duration latency) throws IOException {
      try {
        answered.await();
      } catch (InterruptedException e) {
        due.cancel();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the fake's answer");
      }
      checkNotCancelled();
      if (timesOut) {
        throw timeout(request, latency);
      }
    }

    private void waitOut(Duration latency) throws IOException {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the fake's answer");
      }
      if (timesOut) {
        time.advanceWithin(request.timeout());
        throw timeout(request, latency);
      }
      time.advanceWithin(latency); // not a sleep: the user's recorded sleeps stay theirs
    }

    private void checkNotCancelled() throws IOException {
      if (cancelled) {
        throw new IOException(request.method() + " " + request.uri() + " was cancelled");
      }
    }

    /** A body whose reads fail once the exchange was cancelled, as a dropped connection's would. */
    private final class CancellableStream extends java.io.FilterInputStream {
      CancellableStream(InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        checkNotCancelled();
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        checkNotCancelled();
        return super.read(b, off, len);
      }
    }
  }

  /** Returns whether {@code request} reads a job's status, whose dropped body reads as cut short. */
  private static boolean isStatusRead(TransportRequest request) {
    return STATUS_PATH.matcher(request.uri().getRawPath()).matches();
  }

  private static final java.util.regex.Pattern STATUS_PATH = java.util.regex.Pattern.compile(".*/videos/[^/]+");

  private FakeResponse answer(TransportRequest request) {
    URI uri = request.uri();
    FakeResponse r = responder.handle(new FakeRequest(request.method(), uri.getRawPath(), uri.getRawQuery(),
        asLists(request)));
    if (r.violation != null) {
      throw new AssertionError(r.violation);
    }
    return r;
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

  /**
   * A body that ends after {@code limit} bytes: in a reset, as a dropped download does, or, for a status
   * read, as a body closed short of its length.
   */
  private static final class DroppingStream extends InputStream {
    private final byte[] bytes;
    private final int limit;
    private final boolean statusRead;
    private int position;

    DroppingStream(byte[] bytes, int limit, boolean statusRead) {
      this.bytes = bytes;
      this.limit = limit;
      this.statusRead = statusRead;
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
      if (statusRead) {
        return new EOFException("connection closed after " + limit + " of " + bytes.length
            + " body bytes (FakeVideoApi dropped it)");
      }
      return new SocketException("Connection reset: FakeVideoApi dropped the download after " + limit + " of "
          + bytes.length + " bytes");
    }
  }
}
