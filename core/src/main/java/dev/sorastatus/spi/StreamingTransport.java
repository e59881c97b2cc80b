package dev.sorastatus.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Streams a response into a {@link ResponseSink} without holding a thread while waiting, for downloads
 * of any size in bounded memory; for implementers, beside {@link HttpTransport}. Like it, a streaming
 * transport sends exactly the request it is given: it never retries, never follows a redirect and never
 * throws for a 4xx or 5xx status (the sink gets those too).
 *
 * <p>Every implementation must:
 * <ul>
 *   <li>bound the wait for the response's head by {@link TransportRequest#timeout()}; the body is paced by
 *       its reader, and {@link TransportRequest#maxBodyBytes()} does not apply;
 *   <li>hand the body over as it arrives, asking the network for more only once the sink returned, so
 *       that memory stays bounded whatever the body's size;
 *   <li>complete the future after the last {@link ResponseSink#onBody} call, or fail it with the
 *       {@link java.io.IOException} that ended the exchange (a body cut off before its declared length
 *       included), or with what the sink threw;
 *   <li>abandon the exchange and release its connection when the future is cancelled.
 * </ul>
 */
public interface StreamingTransport {

  /**
   * Sends {@code request} and streams the response into {@code sink}.
   *
   * @param request what to send
   * @param sink where the head and body go
   * @return a future that completes when the body ended
   */
  CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink);
}
