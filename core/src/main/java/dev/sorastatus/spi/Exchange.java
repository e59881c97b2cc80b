package dev.sorastatus.spi;

import java.io.IOException;

/**
 * One HTTP exchange, sent once; for implementers. {@link #send()} blocks on the calling thread; core calls
 * {@link #cancel()} from another thread when the exchange's deadline passes, its body grew past the size
 * limit, its caller was interrupted or cancelled, or the client was closed.
 */
public interface Exchange {

  /**
   * Sends the request and returns once the response's status and headers arrived, with the body still on
   * the wire. The headers must come within {@link TransportRequest#timeout()}.
   *
   * @return the response; the caller closes it
   * @throws IOException if no response head came: connection refused or reset, {@link
   *     java.net.SocketTimeoutException} or {@link java.net.http.HttpTimeoutException} when the timeout
   *     passed, or any {@code IOException} once {@link #cancel()} was called
   */
  StreamedResponse send() throws IOException;

  /**
   * Abandons the exchange, from any thread, at any time, any number of times: a pending or later
   * {@link #send()}, and any later read of the body, fail with an {@link IOException}, and the connection
   * is closed, never returned to a pool. Never blocks.
   */
  void cancel();

  /**
   * Returns whether {@link #send()}, or reading its body, may wait for I/O or for time to pass. For an
   * asynchronous call or a download, core runs an exchange that may on one of the client's worker threads, so
   * that no caller's thread is held; one that may not (its whole response is in memory already: an in-memory
   * fake, a cache) it runs on the calling thread and hands back a completed future, which saves a thread
   * hand-off per call and starts no worker. A blocking call runs on its caller's thread either way. The
   * default, {@code true}, is the only right answer for a transport that talks to a network.
   *
   * @return false only if the response and its body are already there
   */
  default boolean mayBlock() {
    return true;
  }
}
