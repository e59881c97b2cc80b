package dev.sorastatus.transport.apache;

import dev.sorastatus.spi.ResponseSink;
import dev.sorastatus.spi.StreamingTransport;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * Streams response bodies over the async HttpClient for downloads: a response consumer that writes each
 * chunk through the sink on the I/O thread before the reactor reads on, so that memory stays bounded and no
 * thread waits per download. The request timeout is the exchange's socket timeout: it bounds the wait for
 * the head and any silence of the body.
 */
final class ApacheContentStreaming implements StreamingTransport {
  private final Supplier<CloseableHttpAsyncClient> async;

  ApacheContentStreaming(Supplier<CloseableHttpAsyncClient> async) {
    this.async = async;
  }

  @Override
  public CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink) {
    SimpleHttpRequest http = SimpleHttpRequest.create(request.method(), request.uri());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      http.addHeader(h.getKey(), h.getValue());
    }
    Timeout timeout = Timeout.of(request.timeout());
    http.setConfig(RequestConfig.custom()
        .setResponseTimeout(timeout)
        .setConnectionRequestTimeout(timeout)
        .setRedirectsEnabled(false)
        .build());
    CompletableFuture<Void> result = new CompletableFuture<>();
    InFlight inFlight = new InFlight();
    Future<Void> exchange = async.get().execute(
        SimpleRequestProducer.create(http),
        new SinkConsumer(sink, inFlight),
        null,
        inFlight.context(),
        new FutureCallback<>() {
          @Override
          public void completed(Void ignored) {
            result.complete(null);
          }

          @Override
          public void failed(Exception e) {
            result.completeExceptionally(e instanceof ConnectTimeoutException
                ? new SocketTimeoutException("connect timed out: " + e.getMessage()) : e);
          }

          @Override
          public void cancelled() {
            result.cancel(false);
          }
        });
    inFlight.started(exchange);
    result.whenComplete((ignored, failure) -> {
      if (failure instanceof CancellationException) {
        inFlight.abandon(); // drops the connection of a body in flight
      }
    });
    return result;
  }

  /** Hands the head and each chunk to the sink, synchronously, on the I/O thread. */
  private static final class SinkConsumer implements AsyncResponseConsumer<Void> {
    private final ResponseSink sink;
    private final InFlight inFlight;
    private FutureCallback<Void> resultCallback;

    SinkConsumer(ResponseSink sink, InFlight inFlight) {
      this.sink = sink;
      this.inFlight = inFlight;
    }

    @Override
    public void consumeResponse(
        HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<Void> callback)
        throws IOException {
      inFlight.refuseIfAbandoned();
      this.resultCallback = callback;
      try {
        sink.onHead(response.getCode(), BoundedResponseConsumer.headers(response.getHeaders()));
      } catch (RuntimeException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (entity == null) {
        callback.completed(null);
      }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
      // 1xx responses carry nothing the protocol uses
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
      // consume() writes each chunk through before returning, so what the reactor reads is never piled up
      capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
      inFlight.refuseIfAbandoned();
      try {
        sink.onBody(src);
      } catch (RuntimeException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
      resultCallback.completed(null);
    }

    @Override
    public void failed(Exception cause) {
      // the exchange's callback reports the failure
    }

    @Override
    public void releaseResources() {
      // nothing held: the sink owns its file
    }
  }
}
