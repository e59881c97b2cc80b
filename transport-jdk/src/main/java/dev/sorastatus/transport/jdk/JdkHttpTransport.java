package dev.sorastatus.transport.jdk;

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
 * headers arrive, so the whole exchange, body included, is bounded here with {@code orTimeout}.
 */
final class JdkHttpTransport implements HttpTransport {
  private final HttpClient client;

  JdkHttpTransport(HttpClient client) {
    this.client = client;
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    CompletableFuture<TransportResponse> exchange = executeAsync(request);
    try {
      return exchange.get();
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + request.method() + " " + request.uri());
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
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
