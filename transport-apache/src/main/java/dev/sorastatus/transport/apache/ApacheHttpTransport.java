package dev.sorastatus.transport.apache;

import dev.sorastatus.BoundedBody;
import dev.sorastatus.ExchangeDeadlines;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import dev.sorastatus.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Moves bytes over Apache HttpClient 5: the classic pooled client for blocking calls (the fastest path),
 * the async client for calls that must not hold a thread. A shared deadline aborts a classic exchange whose
 * body dribbles past the request timeout, which socket timeouts alone would not catch.
 */
final class ApacheHttpTransport implements HttpTransport {
  private final CloseableHttpClient classic;
  private final Supplier<CloseableHttpAsyncClient> async;
  private final Timeout leaseTimeout;

  /**
   * Creates the transport.
   *
   * @param leaseTimeout how long to wait for a pooled connection, or null for each request's own timeout
   */
  ApacheHttpTransport(CloseableHttpClient classic, Supplier<CloseableHttpAsyncClient> async, Duration leaseTimeout) {
    this.classic = classic;
    this.async = async;
    this.leaseTimeout = leaseTimeout == null ? null : Timeout.of(leaseTimeout);
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    HttpUriRequestBase http = toClassic(request);
    ExchangeDeadlines.Deadline deadline = ExchangeDeadlines.shared().arm(request.timeout(), http::cancel);
    ClassicHttpResponse response = null;
    try {
      response = classic.executeOpen(null, http, HttpClientContext.create());
      HttpEntity entity = response.getEntity();
      BoundedBody body = new BoundedBody(request.maxBodyBytes(), entity == null ? 0 : entity.getContentLength());
      if (entity != null && !body.truncated()) {
        body.readFrom(entity.getContent()); // not closed here: closing drains the rest of an oversized body
      }
      TransportResponse result = body.toResponse(response.getCode(), BoundedResponseConsumer.headers(response.getHeaders()));
      if (body.truncated()) {
        discard(http, response); // past the limit: drop the connection rather than read on
      } else {
        EntityUtils.consume(entity); // at end of stream: returns the connection to the pool
        response.close();
      }
      return result;
    } catch (IOException e) {
      if (response != null) {
        discard(http, response);
      }
      throw translate(e, request, deadline.expired());
    } catch (RuntimeException e) {
      if (response != null) {
        discard(http, response);
      }
      throw e;
    } finally {
      deadline.disarm();
    }
  }

  /** Aborts the exchange so that its connection is closed, never drained nor pooled. */
  private static void discard(HttpUriRequestBase http, ClassicHttpResponse response) {
    http.cancel();
    try {
      response.close();
    } catch (IOException alreadyBroken) {
      // the connection is gone either way, which is all that is wanted here
    }
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    InFlight inFlight = new InFlight();
    Future<TransportResponse> exchange = async.get().execute(
        SimpleRequestProducer.create(toSimple(request)),
        new BoundedResponseConsumer(request.maxBodyBytes(), inFlight),
        null,
        inFlight.context(),
        new FutureCallback<>() {
          @Override
          public void completed(TransportResponse response) {
            result.complete(response);
          }

          @Override
          public void failed(Exception e) {
            if (e instanceof BoundedResponseConsumer.LimitReached) {
              result.complete(((BoundedResponseConsumer.LimitReached) e).response());
            } else {
              result.completeExceptionally(e instanceof IOException
                  ? translate((IOException) e, request, false)
                  : e instanceof HttpException
                      ? new ClientProtocolException(e.getMessage(), e) // garbage on the wire, as the classic client says
                      : e);
            }
          }

          @Override
          public void cancelled() {
            result.cancel(false);
          }
        });
    inFlight.started(exchange);
    result.orTimeout(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<TransportResponse> mapped = new CompletableFuture<>();
    result.whenComplete((response, failure) -> {
      if (failure == null) {
        mapped.complete(response);
        return;
      }
      inFlight.abandon();
      mapped.completeExceptionally(failure instanceof TimeoutException ? timeout(request) : failure);
    });
    mapped.whenComplete((response, failure) -> {
      if (failure instanceof CancellationException) {
        inFlight.abandon();
      }
    });
    return mapped;
  }

  @Override
  public StreamedResponse open(TransportRequest request) throws IOException {
    HttpUriRequestBase http = toClassic(request);
    ExchangeDeadlines.Deadline deadline = ExchangeDeadlines.shared().arm(request.timeout(), http::cancel);
    ClassicHttpResponse response;
    try {
      response = classic.executeOpen(null, http, HttpClientContext.create());
    } catch (IOException e) {
      throw translate(e, request, deadline.expired());
    } finally {
      deadline.disarm(); // the timeout covers the headers only; the reader paces the body
    }
    HttpEntity entity = response.getEntity();
    InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
    return new StreamedResponse(response.getCode(), BoundedResponseConsumer.headers(response.getHeaders()),
        body, response::close);
  }

  private HttpUriRequestBase toClassic(TransportRequest request) {
    HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      http.addHeader(h.getKey(), h.getValue());
    }
    http.setConfig(requestConfig(request));
    return http;
  }

  private SimpleHttpRequest toSimple(TransportRequest request) {
    SimpleHttpRequest http = SimpleHttpRequest.create(request.method(), request.uri());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      http.addHeader(h.getKey(), h.getValue());
    }
    http.setConfig(requestConfig(request));
    return http;
  }

  private RequestConfig requestConfig(TransportRequest request) {
    Timeout timeout = Timeout.of(request.timeout());
    return RequestConfig.custom()
        .setResponseTimeout(timeout)
        .setConnectionRequestTimeout(leaseTimeout == null ? timeout : leaseTimeout)
        .setRedirectsEnabled(false)
        .build();
  }

  /** Normalises HttpClient's failures to the transport contract's kinds. */
  private static IOException translate(IOException e, TransportRequest request, boolean timedOut) {
    if (timedOut) {
      return (IOException) timeout(request).initCause(e);
    }
    if (e instanceof ConnectTimeoutException) {
      return (IOException) new SocketTimeoutException("connect timed out: " + e.getMessage()).initCause(e);
    }
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      InterruptedIOException interrupted = new InterruptedIOException(
          "interrupted while waiting for " + request.method() + " " + request.uri());
      interrupted.initCause(e);
      return interrupted;
    }
    return e;
  }

  private static SocketTimeoutException timeout(TransportRequest request) {
    return new SocketTimeoutException(request.method() + " " + request.uri() + " took longer than "
        + request.timeout().toMillis() + " ms (headers and body)");
  }
}
