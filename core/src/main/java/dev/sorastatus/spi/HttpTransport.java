package dev.sorastatus.spi;

/**
 * Moves bytes for the protocol written once in core; for implementers. A transport only starts
 * {@linkplain Exchange exchanges}: core bounds each one by its timeout, limits the body it reads, maps
 * interrupts, runs asynchronous calls and downloads on its own bounded worker threads, and cancels an
 * exchange when any of those says so. A transport never retries, never follows a redirect, never parses
 * JSON and never throws for a 4xx or 5xx status.
 *
 * <p>Hand one to {@code SoraClient.over(config, transport)}, or register a {@link TransportProvider} so
 * that {@code SoraClient.create(config)} finds it.
 */
public interface HttpTransport extends AutoCloseable {

  /**
   * Prepares one exchange of {@code request}; nothing is sent until {@link Exchange#send()}.
   *
   * @param request what to send
   * @return the exchange, to be sent once
   * @throws IllegalStateException if this transport was closed
   */
  Exchange exchange(TransportRequest request);

  /**
   * Releases what this transport created (an HTTP client it made, its connections and threads); a client
   * the caller handed in is left open. Idempotent. Called by the client built over it, once, after which
   * no exchange is started; exchanges still in flight have been {@linkplain Exchange#cancel() cancelled}.
   */
  @Override
  void close();
}
