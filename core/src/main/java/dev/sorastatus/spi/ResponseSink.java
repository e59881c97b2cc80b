package dev.sorastatus.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Receives a response a {@link StreamingTransport} streams: its status and headers once, then its body in
 * order; for implementers. Calls come one at a time. Throwing from either method makes the transport
 * abandon the exchange and fail its future with exactly that exception.
 */
public interface ResponseSink {

  /**
   * Receives the status and headers; called once, before any {@link #onBody}.
   *
   * @param statusCode the HTTP status
   * @param headers the headers as the library reports them
   * @throws IOException to abandon the exchange
   */
  void onHead(int statusCode, Map<String, List<String>> headers) throws IOException;

  /**
   * Receives the next bytes of the body.
   *
   * @param chunk the bytes between position and limit; consume them all, and do not keep the buffer
   * @throws IOException to abandon the exchange
   */
  void onBody(ByteBuffer chunk) throws IOException;
}
