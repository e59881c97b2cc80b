package dev.sorastatus.spi;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Moves bytes for the protocol written once in core; for implementers. A transport sends exactly
 * the request it is given and returns exactly what came back: it never parses JSON, never throws for a 4xx
 * or 5xx status, never retries and never follows a redirect.
 *
 * <p>Every implementation must:
 * <ul>
 *   <li>enforce {@link TransportRequest#timeout()} over the whole exchange, headers and body, throwing
 *       {@link java.net.SocketTimeoutException} or {@link java.net.http.HttpTimeoutException} when it passes;
 *   <li>read at most {@link TransportRequest#maxBodyBytes()} of a body, and past that stop, discard the
 *       connection and mark the response {@linkplain TransportResponse#truncated() truncated};
 *   <li>drain or close every body on every path, so that pooled connections are never leaked.
 * </ul>
 */
public interface HttpTransport {

  /**
   * Sends {@code request} and returns the whole response, blocking.
   *
   * @param request what to send
   * @return the status, headers and (bounded) body
   * @throws IOException if nothing usable came back: connection refused or reset, a timeout, or an interrupt
   *     (as {@link java.io.InterruptedIOException}, with the thread's interrupt flag set)
   */
  TransportResponse execute(TransportRequest request) throws IOException;

  /**
   * Sends {@code request} without blocking the caller or holding a thread while waiting.
   *
   * @param request what to send
   * @return a future of the response, failing with an {@link IOException} as {@link #execute} throws it;
   *     cancelling it abandons the exchange
   */
  CompletableFuture<TransportResponse> executeAsync(TransportRequest request);

  /**
   * Sends {@code request} and returns as soon as the headers arrived, with the body as a stream, for
   * downloads too large to hold. {@link TransportRequest#maxBodyBytes()} does not apply; the timeout
   * covers only the wait for the headers.
   *
   * @param request what to send
   * @return the open response; the caller must close it
   * @throws IOException as {@link #execute} does
   */
  StreamedResponse open(TransportRequest request) throws IOException;
}
