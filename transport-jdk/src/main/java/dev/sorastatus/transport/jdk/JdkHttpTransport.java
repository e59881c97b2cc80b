package dev.sorastatus.transport.jdk;

import dev.sorastatus.ExchangeDeadlines;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import dev.sorastatus.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Moves bytes over {@link HttpClient}, with the blocking {@link HttpClient#send} only: before Java 25 the
 * public {@code sendAsync} completes every exchange through {@code CompletableFuture}'s default executor,
 * which starts a new thread per task on two CPUs or fewer. An async exchange is a blocking send on one of
 * the adapter's {@link WorkerPool} threads instead, so it holds one of a bounded set of threads while in
 * flight and none while queued. The client's own request timeout stops counting once the headers arrive,
 * so the whole exchange, body included, is bounded here by the shared {@link ExchangeDeadlines}.
 */
final class JdkHttpTransport implements HttpTransport {
  private final WorkerPool workers;
  private volatile HttpClient client; // null once the adapter closed, so that it no longer holds the client

  JdkHttpTransport(HttpClient client, WorkerPool workers) {
    this.client = client;
    this.workers = workers;
  }

  /** Drops the client; calls after this fail with an {@link IllegalStateException}. */
  void close() {
    client = null;
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      throw new IllegalStateException("JdkVideoStatusAdapter is closed");
    }
    return c;
  }

  /**
   * Sends on the calling thread; the request's timeout bounds the headers, a shared deadline the body,
   * which it expires without interrupting the caller.
   */
  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    TimedBody body = new TimedBody(request);
    ExchangeDeadlines.Deadline deadline = ExchangeDeadlines.shared().arm(request.timeout(), body);
    try {
      return send(request, body).body();
    } finally {
      deadline.disarm();
    }
  }

  /** One blocking exchange's body handler, which its deadline can expire at any point. */
  private static final class TimedBody implements HttpResponse.BodyHandler<TransportResponse>, Runnable {
    private final TransportRequest request;
    private volatile BoundedBodySubscriber subscriber;
    private volatile boolean expired;

    TimedBody(TransportRequest request) {
      this.request = request;
    }

    @Override
    public HttpResponse.BodySubscriber<TransportResponse> apply(HttpResponse.ResponseInfo info) {
      BoundedBodySubscriber s = new BoundedBodySubscriber(info, request.maxBodyBytes());
      subscriber = s;
      if (expired) {
        s.expire(timeout(request));
      }
      return s;
    }

    @Override
    public void run() {
      expired = true;
      BoundedBodySubscriber s = subscriber;
      if (s != null) {
        s.expire(timeout(request)); // before the headers, the request's own timeout fires
      }
    }
  }

  /**
   * Sends on a worker thread, bounded by the request's timeout from the moment of this call, time spent
   * queued included; when it passes, or the future is cancelled, the worker is interrupted, which makes
   * {@code send} cancel the exchange and drop its connection.
   */
  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    return workers.submit(() -> send(request, BoundedBodySubscriber.handler(request.maxBodyBytes())).body(),
        request.timeout(), () -> timeout(request));
  }

  /**
   * Sends {@code request} with the blocking {@link HttpClient#send} on the calling thread, for this class and
   * the download streaming alike; an interrupt becomes an {@link InterruptedIOException} with the flag set.
   *
   * @throws IllegalStateException if the adapter was closed
   */
  <T> HttpResponse<T> send(TransportRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      return client().send(toJdk(request), handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(request);
    }
  }

  /** Sends on the calling thread and returns once the headers arrived, within the request's timeout. */
  @Override
  public StreamedResponse open(TransportRequest request) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw e;
    } catch (HttpTimeoutException e) {
      HttpTimeoutException headless = noHeaders(request);
      headless.initCause(e);
      throw headless;
    }
    InputStream body = response.body();
    return new StreamedResponse(response.statusCode(), response.headers().map(), body, body::close);
  }

  private static HttpTimeoutException timeout(TransportRequest request) {
    return new HttpTimeoutException(request.method() + " " + request.uri() + " took longer than "
        + request.timeout().toMillis() + " ms (headers and body)");
  }

  /** Returns the timeout of a request whose headers did not arrive in time, for this class and the streaming. */
  static HttpTimeoutException noHeaders(TransportRequest request) {
    return new HttpTimeoutException(request.method() + " " + request.uri() + " sent no headers within "
        + request.timeout().toMillis() + " ms");
  }

  private static InterruptedIOException interrupted(TransportRequest request) {
    return new InterruptedIOException("interrupted while waiting for " + request.method() + " " + request.uri());
  }

  private static HttpRequest toJdk(TransportRequest request) {
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
        .method(request.method(), HttpRequest.BodyPublishers.noBody())
        .timeout(request.timeout());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    return b.build();
  }
}
