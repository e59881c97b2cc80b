package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Streams a response into a {@link ResponseSink} in bounded memory, for downloads: the request timeout
 * bounds the wait for the head, the sink's pace the body. Cancelling the future abandons the exchange and
 * drops its connection. {@link TransportRunner} is the one implementation; tests script it.
 */
interface StreamingTransport {

  /**
   * Sends {@code request} and streams the response into {@code sink}.
   *
   * @return a future that completes when the body ended, or fails with the {@link java.io.IOException} that
   *     ended the exchange or what the sink threw
   */
  CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink);
}
