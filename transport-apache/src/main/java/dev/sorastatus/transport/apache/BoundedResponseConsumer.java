package dev.sorastatus.transport.apache;

import dev.sorastatus.BoundedBody;
import dev.sorastatus.spi.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Collects an async response body up to the request's limit. Past the limit it fails the exchange with
 * {@link LimitReached}, so that HttpClient drops the connection instead of reading on, while the exception
 * carries the truncated response to the caller. Once its exchange is {@linkplain InFlight#abandon()
 * abandoned} it refuses the head and every chunk.
 */
final class BoundedResponseConsumer implements AsyncResponseConsumer<TransportResponse> {
  private final long limit;
  private final InFlight inFlight;
  private BoundedBody body;
  private int statusCode;
  private Map<String, List<String>> headers;
  private FutureCallback<TransportResponse> resultCallback;

  BoundedResponseConsumer(long limit, InFlight inFlight) {
    this.limit = limit;
    this.inFlight = inFlight;
  }

  @Override
  public void consumeResponse(
      HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<TransportResponse> callback)
      throws IOException {
    inFlight.refuseIfAbandoned();
    this.statusCode = response.getCode();
    this.headers = headers(response.getHeaders());
    this.resultCallback = callback;
    this.body = new BoundedBody(limit, entity == null ? 0 : entity.getContentLength());
    if (entity == null) {
      callback.completed(body.toResponse(statusCode, headers));
    } else if (body.truncated()) {
      throw new LimitReached(body.toResponse(statusCode, headers));
    }
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {
    // 1xx responses carry nothing the protocol uses
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    capacityChannel.update(Integer.MAX_VALUE);
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    inFlight.refuseIfAbandoned();
    if (!body.append(src)) {
      throw new LimitReached(body.toResponse(statusCode, headers));
    }
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    resultCallback.completed(body.toResponse(statusCode, headers));
  }

  @Override
  public void failed(Exception cause) {
    // the exchange's callback reports the failure
  }

  @Override
  public void releaseResources() {
    body = null;
  }

  static Map<String, List<String>> headers(Header[] all) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Header h : all) {
      map.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
    }
    return map;
  }

  /** Stops an exchange whose body passed the limit; carries the truncated response. */
  static final class LimitReached extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient TransportResponse response;

    LimitReached(TransportResponse response) {
      super("response body passed the size limit", null);
      this.response = response;
    }

    TransportResponse response() {
      return response;
    }
  }
}
