package dev.sorastatus.transport.jdk;

import dev.sorastatus.spi.ResponseSink;
import dev.sorastatus.spi.StreamingTransport;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams response bodies over {@link HttpClient} for downloads: a body subscriber that hands each chunk to
 * the sink and only then asks for the next, so that at most one chunk is held whatever the body's size. A
 * worker thread waits for the head with the blocking {@link HttpClient#send} (never {@code sendAsync}, which
 * starts a thread per call on two CPUs or fewer) and is free again once the headers arrived: the subscriber
 * reports its body as ready at once, and the chunks then flow on the client's own threads. The request
 * timeout bounds the wait for the head, from the moment of the call.
 */
final class JdkContentStreaming implements StreamingTransport {
  private final JdkHttpTransport transport;
  private final WorkerPool workers;

  JdkContentStreaming(JdkHttpTransport transport, WorkerPool workers) {
    this.transport = transport;
    this.workers = workers;
  }

  @Override
  public CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    AtomicReference<SinkSubscriber> subscriber = new AtomicReference<>();
    HttpResponse.BodyHandler<Void> handler = info -> {
      SinkSubscriber s = new SinkSubscriber(info, sink, result);
      subscriber.set(s);
      return s;
    };
    CompletableFuture<HttpResponse<Void>> head = workers.submit(() -> transport.send(request, handler),
        request.timeout(), () -> JdkHttpTransport.noHeaders(request));
    head.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(unwrap(failure));
      }
    });
    result.whenComplete((ignored, failure) -> {
      if (failure != null) { // cancelled, or failed before the body ended: stop feeding the sink
        SinkSubscriber s = subscriber.get();
        if (s != null) {
          s.cancel(); // closes the connection of an HTTP/1.1 body in flight
        }
        head.cancel(true);
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

  /**
   * Feeds the sink one chunk list at a time and ends {@code result} with the body; a sink failure cancels the
   * subscription and fails it. Its own body is ready as soon as it exists, so that {@code send} returns with
   * the head.
   */
  private static final class SinkSubscriber implements HttpResponse.BodySubscriber<Void> {
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);
    private final CompletableFuture<Void> body;
    private final HttpResponse.ResponseInfo info;
    private final ResponseSink sink;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    SinkSubscriber(HttpResponse.ResponseInfo info, ResponseSink sink, CompletableFuture<Void> body) {
      this.info = info;
      this.sink = sink;
      this.body = body;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return READY;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled || body.isDone()) {
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
    }
  }
}
