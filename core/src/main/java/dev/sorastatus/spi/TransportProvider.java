package dev.sorastatus.spi;

import dev.sorastatus.SoraConfig;

/**
 * A transport module's entry for {@link java.util.ServiceLoader}; for implementers. Each transport jar lists
 * its provider in {@code META-INF/services/dev.sorastatus.spi.TransportProvider}, so that an application with
 * exactly one transport on its classpath gets it from {@code SoraClient.create(config)} without naming it.
 */
public interface TransportProvider {

  /**
   * Returns the short name users choose this transport by, such as {@code jdk} or {@code apache}.
   *
   * @return a lower-case name, unique among transports
   */
  String name();

  /**
   * Returns a new transport with an HTTP client of its own, which its {@code close()} releases.
   *
   * @param config where the API is and how to reach it (timeouts, connections)
   * @return the transport
   */
  HttpTransport create(SoraConfig config);
}
