package dev.sorastatus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Receives a streamed response: its status and headers once, then its body in order, one call at a time.
 * Throwing from either method abandons the exchange and fails its future with exactly that exception.
 */
interface ResponseSink {

  /** Receives the status and headers (normalised), before any {@link #onBody}. */
  void onHead(int statusCode, Map<String, List<String>> headers) throws IOException;

  /** Receives the next bytes of the body; consume them all, and do not keep the buffer. */
  void onBody(ByteBuffer chunk) throws IOException;
}
