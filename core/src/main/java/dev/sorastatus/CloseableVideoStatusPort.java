package dev.sorastatus;

/**
 * A {@link VideoStatusPort} that owns resources (an HTTP client, threads) and releases them on
 * {@link #close()}. What both transports' adapters are, and what {@link VideoStatusPorts} returns.
 */
public interface CloseableVideoStatusPort extends VideoStatusPort, AutoCloseable {

  /**
   * Releases what this port created; a client the caller passed in is left open. Idempotent: later calls
   * do nothing, and any read after it fails with {@link IllegalStateException}.
   */
  @Override
  void close();
}
