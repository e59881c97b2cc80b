package dev.sorastatus;

import dev.sorastatus.spi.Exchange;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a transport's exchanges, with everything a transport does not do written once: the deadline over the
 * whole exchange (headers and body), the body size limit, interrupt mapping, the worker threads that run
 * blocking exchanges for async calls and downloads, and cancelling every exchange in flight on close. Each
 * of those ends in {@link Exchange#cancel()}, so that an abandoned connection is dropped, never pooled.
 */
final class TransportRunner implements BufferedTransport, StreamingTransport {
  /** Bytes a download reads from the body at a time. */
  static final int CHUNK_BYTES = 64 * 1024;
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final HttpTransport transport;
  private final long maxBodyBytes;
  private final WorkerPool workers;
  private final String closedMessage;
  private final Set<Exchange> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Creates a runner.
   *
   * @param closedMessage what calls abandoned by {@link #close()} or started after it say
   */
  TransportRunner(SoraConfig config, HttpTransport transport, String closedMessage) {
    this.transport = transport;
    this.maxBodyBytes = config.maxResponseBytes();
    this.closedMessage = closedMessage;
    // the pool's threads outlive a client nobody closed by up to their keep-alive: what they hold must not
    // reach the transport (and through it, say, the testkit's fake and all its jobs)
    this.workers = new WorkerPool("sora-status-" + CLIENTS.incrementAndGet() + "-", config.maxConcurrentRequests(),
        () -> closedFailure(closedMessage));
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    Exchange exchange = open(request);
    try {
      return buffered(exchange, request);
    } finally {
      live.remove(exchange);
    }
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Exchange exchange;
    try {
      exchange = open(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return run(exchange, () -> buffered(exchange, request));
  }

  @Override
  public CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink) {
    Exchange exchange;
    try {
      exchange = open(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return run(exchange, () -> {
      streamed(exchange, request, sink);
      return null;
    });
  }

  /**
   * Runs an exchange for an async call or a download: on a worker, or here when it cannot block; either way it
   * stops being tracked once it ended.
   */
  private <T> CompletableFuture<T> run(Exchange exchange, WorkerPool.BlockingCall<T> call) {
    if (!exchange.mayBlock()) {
      return runHere(exchange, call);
    }
    CompletableFuture<T> result = workers.submit(call, exchange::cancel);
    result.whenComplete((r, failure) -> live.remove(exchange));
    return result;
  }

  /**
   * Runs an exchange that cannot block on this thread, as a worker would have: the caller's interrupt flag
   * does not reach it (and is kept), and the future completes once the flag is back, so that an async call
   * means the same whichever thread ran it.
   */
  private <T> CompletableFuture<T> runHere(Exchange exchange, WorkerPool.BlockingCall<T> call) {
    boolean interrupted = Thread.interrupted();
    T value = null;
    Throwable failure = null;
    try {
      value = call.call();
    } catch (Throwable t) {
      failure = t;
    } finally {
      live.remove(exchange);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return failure == null ? CompletableFuture.completedFuture(value) : CompletableFuture.failedFuture(failure);
  }

  /** Reads one response into memory, the whole exchange bounded by the request's timeout. */
  private TransportResponse buffered(Exchange exchange, TransportRequest request) throws IOException {
    ExchangeDeadlines.Deadline deadline = ExchangeDeadlines.shared().arm(request.timeout(), exchange::cancel);
    try {
      checkNotInterrupted(request);
      try (StreamedResponse response = exchange.send()) {
        BoundedBody body = new BoundedBody(maxBodyBytes, declaredLength(response));
        if (!body.truncated()) {
          body.readFrom(response.body());
        }
        if (body.truncated()) {
          exchange.cancel(); // past the limit: drop the connection rather than read on
        }
        return body.toResponse(response);
      }
    } catch (IOException e) {
      exchange.cancel();
      throw failure(e, request, deadline.expired(), " took longer than " + request.timeout().toMillis()
          + " ms (headers and body)");
    } catch (RuntimeException | Error e) {
      exchange.cancel();
      closedCheck(e);
      throw e;
    } finally {
      deadline.disarm();
    }
  }

  /** Streams one response into {@code sink} on a worker: the timeout bounds the head, the sink paces the body. */
  private void streamed(Exchange exchange, TransportRequest request, ResponseSink sink) throws IOException {
    ExchangeDeadlines.Deadline deadline = ExchangeDeadlines.shared().arm(request.timeout(), exchange::cancel);
    StreamedResponse response;
    try {
      response = exchange.send();
    } catch (IOException e) {
      exchange.cancel();
      throw failure(e, request, deadline.expired(), " sent no headers within " + request.timeout().toMillis() + " ms");
    } catch (RuntimeException | Error e) {
      exchange.cancel();
      closedCheck(e);
      throw e;
    } finally {
      deadline.disarm();
    }
    try (response) {
      sink.onHead(response.statusCode(), response.headers());
      InputStream in = response.body();
      byte[] chunk = new byte[CHUNK_BYTES];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        if (n > 0) {
          sink.onBody(ByteBuffer.wrap(chunk, 0, n));
        }
      }
    } catch (IOException e) {
      exchange.cancel();
      throw failure(e, request, false, "");
    } catch (RuntimeException | Error e) {
      exchange.cancel();
      closedCheck(e);
      throw e;
    }
  }

  /** Starts tracking an exchange of {@code request}, so that {@link #close()} can cancel it. */
  private Exchange open(TransportRequest request) {
    if (closed) {
      throw closedFailure();
    }
    Exchange exchange = transport.exchange(request);
    live.add(exchange);
    if (closed) { // close() may have swept the set just before the add
      exchange.cancel();
      live.remove(exchange);
      throw closedFailure();
    }
    return exchange;
  }

  /**
   * Returns what an exchange's I/O failure means to the protocol: a closed client, a timeout, an interrupt
   * (with the flag left set), or itself.
   */
  private IOException failure(IOException e, TransportRequest request, boolean expired, String timeoutWhy) {
    closedCheck(e);
    if (expired) {
      return (IOException) new SocketTimeoutException(request.method() + " " + request.uri() + timeoutWhy).initCause(e);
    }
    if (Thread.currentThread().isInterrupted() && e.getClass() != InterruptedIOException.class) {
      return (IOException) interrupted(request).initCause(e);
    }
    return e;
  }

  /** Throws the closed client's failure, when that is why {@code e} happened. */
  private void closedCheck(Throwable e) {
    if (closed) {
      SoraTransportException c = closedFailure();
      c.addSuppressed(e);
      throw c;
    }
  }

  private static void checkNotInterrupted(TransportRequest request) throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(request); // nothing sent; the flag stays set
    }
  }

  private static InterruptedIOException interrupted(TransportRequest request) {
    return new InterruptedIOException("interrupted while waiting for " + request.method() + " " + request.uri());
  }

  private static long declaredLength(StreamedResponse response) {
    try {
      return response.header("content-length").map(v -> Long.parseLong(v.trim())).filter(n -> n >= 0).orElse(-1L);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private SoraTransportException closedFailure() {
    return closedFailure(closedMessage);
  }

  private static SoraTransportException closedFailure(String closedMessage) {
    return new SoraTransportException(closedMessage, new IOException(closedMessage));
  }

  /**
   * Stops starting exchanges, cancels those in flight and ends the worker threads; calls queued or in
   * flight fail with a {@link SoraTransportException} saying the client was closed. The transport is the
   * caller's to close, after this.
   */
  void close() {
    closed = true;
    workers.close();
    for (Exchange e : live) {
      e.cancel();
    }
  }

  /** Returns the worker threads alive now, for tests. */
  java.util.List<Thread> threads() {
    return workers.threads();
  }
}
