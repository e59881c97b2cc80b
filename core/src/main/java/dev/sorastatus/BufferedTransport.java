package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Exchanges whose bodies are read into memory, bounded in time and size: what the status protocol runs
 * over. {@link TransportRunner} is the one implementation over an {@link dev.sorastatus.spi.HttpTransport};
 * tests script it.
 */
interface BufferedTransport {

  /**
   * Sends {@code request} on the calling thread and reads the whole response, within its timeout.
   *
   * @throws IOException if nothing usable came back; an interrupt is an {@link java.io.InterruptedIOException}
   *     with the thread's flag set
   */
  TransportResponse execute(TransportRequest request) throws IOException;

  /**
   * Sends {@code request} without blocking the caller; cancelling the future abandons the exchange.
   *
   * @return the response, or a failure with the {@link IOException} {@link #execute} would throw
   */
  CompletableFuture<TransportResponse> executeAsync(TransportRequest request);
}
