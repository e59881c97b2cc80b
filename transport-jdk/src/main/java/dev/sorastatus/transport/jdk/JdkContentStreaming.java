package dev.sorastatus.transport.jdk;

import dev.sorastatus.spi.ResponseSink;
import dev.sorastatus.spi.StreamingTransport;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams response bodies over {@link HttpClient} for downloads: a body subscriber that hands each chunk to
 * the sink and only then asks for the next, so that at most one chunk is held whatever the body's size. The
 * request timeout bounds the wait for the head (the JDK stops counting once the headers arrived).
 */
final class JdkContentStreaming implements StreamingTransport {
  private final HttpClient client;

  JdkContentStreaming(HttpClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink) {
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
        .method(request.method(), HttpRequest.BodyPublishers.noBody())
        .timeout(request.timeout());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    AtomicReference<SinkSubscriber> subscriber = new AtomicReference<>();
    CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(b.build(), info -> {
      SinkSubscriber s = new SinkSubscriber(info, sink);
      subscriber.set(s);
      return s;
    });
    CompletableFuture<Void> result = new CompletableFuture<>();
    sent.whenComplete((response, failure) -> {
      if (failure == null) {
        result.complete(null);
      } else {
        result.completeExceptionally(unwrap(failure));
      }
    });
    result.whenComplete((ignored, failure) -> {
      if (failure instanceof CancellationException) {
        SinkSubscriber s = subscriber.get();
        if (s != null) {
          s.cancel(); // closes the connection of an HTTP/1.1 body in flight
        }
        sent.cancel(true);
      }
    });
    return result;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Feeds the sink one chunk list at a time; a sink failure cancels the subscription and fails the body. */
  private static final class SinkSubscriber implements HttpResponse.BodySubscriber<Void> {
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private final HttpResponse.ResponseInfo info;
    private final ResponseSink sink;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    SinkSubscriber(HttpResponse.ResponseInfo info, ResponseSink sink) {
      this.info = info;
      this.sink = sink;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
        return;
      }
      try {
        sink.onHead(info.statusCode(), info.headers().map());
      } catch (IOException | RuntimeException e) {
        s.cancel();
        body.completeExceptionally(e);
        return;
      }
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone() || cancelled) {
        return;
      }
      try {
        for (ByteBuffer buffer : buffers) {
          sink.onBody(buffer);
        }
      } catch (IOException | RuntimeException e) {
        subscription.cancel();
        body.completeExceptionally(e);
        return;
      }
      subscription.request(1); // the next chunk only once this one is written: bounded memory
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(null);
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      body.cancel(false);
    }
  }
}
