package dev.sorastatus.transport.jdk;

import dev.sorastatus.spi.ExchangeDeadlines;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import dev.sorastatus.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves bytes over {@link HttpClient}. On Java 17 the client's own request timeout stops counting once the
 * headers arrive, so the whole exchange, body included, is bounded here: a blocking call by the shared
 * {@link ExchangeDeadlines}, an async one with {@code orTimeout}.
 */
final class JdkHttpTransport implements HttpTransport {
  private final HttpClient client;

  JdkHttpTransport(HttpClient client) {
    this.client = client;
  }

  /**
   * Sends with {@link HttpClient#send}, which on Java 17 runs the exchange inline and completes it without
   * the hop to {@code CompletableFuture}'s default executor that {@code sendAsync} adds (a new thread per
   * call on two CPUs or fewer). The request's timeout bounds the headers; a shared deadline, the body.
   */
  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    TimedBody body = new TimedBody(request);
    ExchangeDeadlines.Deadline deadline = ExchangeDeadlines.shared().arm(request.timeout(), body);
    try {
      return client.send(toJdk(request), body).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + request.method() + " " + request.uri());
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
        s.expire(timeout());
      }
      return s;
    }

    @Override
    public void run() {
      expired = true;
      BoundedBodySubscriber s = subscriber;
      if (s != null) {
        s.expire(timeout()); // before the headers, the request's own timeout fires
      }
    }

    private HttpTimeoutException timeout() {
      return new HttpTimeoutException(request.method() + " " + request.uri() + " took longer than "
          + request.timeout().toMillis() + " ms (headers and body)");
    }
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    CompletableFuture<HttpResponse<TransportResponse>> sent =
        client.sendAsync(toJdk(request), BoundedBodySubscriber.handler(request.maxBodyBytes()));
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    sent.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(unwrap(failure));
      } else {
        result.complete(response.body());
      }
    });
    result.orTimeout(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<TransportResponse> mapped = new CompletableFuture<>();
    result.whenComplete((response, failure) -> {
      if (failure == null) {
        mapped.complete(response);
        return;
      }
      sent.cancel(true); // timed out or failed: abandon the exchange and its connection
      Throwable cause = unwrap(failure);
      mapped.completeExceptionally(cause instanceof TimeoutException
          ? new HttpTimeoutException(request.method() + " " + request.uri() + " took longer than "
              + request.timeout().toMillis() + " ms (headers and body)")
          : cause);
    });
    mapped.whenComplete((response, failure) -> {
      if (failure instanceof CancellationException) {
        sent.cancel(true);
      }
    });
    return mapped;
  }

  @Override
  public StreamedResponse open(TransportRequest request) throws IOException {
    CompletableFuture<HttpResponse<InputStream>> sent =
        client.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> response;
    try {
      response = sent.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + request.method() + " " + request.uri());
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw new HttpTimeoutException(request.method() + " " + request.uri() + " sent no headers within "
          + request.timeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
    InputStream body = response.body();
    return new StreamedResponse(response.statusCode(), response.headers().map(), body, body::close);
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

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static IOException rethrow(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof IOException) {
      return (IOException) cause;
    }
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new IOException(cause);
  }
}
