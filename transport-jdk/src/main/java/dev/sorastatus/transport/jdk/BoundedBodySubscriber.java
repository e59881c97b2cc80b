package dev.sorastatus.transport.jdk;

import dev.sorastatus.BoundedBody;
import dev.sorastatus.spi.TransportResponse;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a body up to the request's limit; past it, cancels the subscription (which closes the
 * connection) and completes with a truncated response instead of reading on.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<TransportResponse> {
  private final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
  private final BoundedBody body;
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private volatile Flow.Subscription subscription;

  BoundedBodySubscriber(HttpResponse.ResponseInfo info, long limit) {
    this.statusCode = info.statusCode();
    this.headers = info.headers().map();
    this.body = new BoundedBody(limit, info.headers().firstValueAsLong("content-length").orElse(-1));
  }

  static HttpResponse.BodyHandler<TransportResponse> handler(long limit) {
    return info -> new BoundedBodySubscriber(info, limit);
  }

  @Override
  public CompletionStage<TransportResponse> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    if (body.truncated()) {
      s.cancel(); // Content-Length already says too long: read nothing
      result.complete(body.toResponse(statusCode, headers));
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (!body.append(buffer)) {
        subscription.cancel();
        result.complete(body.toResponse(statusCode, headers));
        return;
      }
    }
  }

  /** Stops reading and fails the body with {@code timeout}: the exchange outlived its deadline. */
  void expire(HttpTimeoutException timeout) {
    if (result.completeExceptionally(timeout)) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel(); // closes the connection
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(body.toResponse(statusCode, headers));
  }
}
