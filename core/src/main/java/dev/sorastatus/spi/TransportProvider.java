package dev.sorastatus.spi;

import dev.sorastatus.CloseableVideoStatusPort;
import dev.sorastatus.SoraConfig;

/**
 * A transport module's entry for {@link java.util.ServiceLoader}; for implementers. Each transport jar lists
 * its provider in {@code META-INF/services/dev.sorastatus.spi.TransportProvider}, so that an application with
 * exactly one transport on its classpath gets it without naming it.
 */
public interface TransportProvider {

  /**
   * Returns the short name users choose this transport by, such as {@code jdk} or {@code apache}.
   *
   * @return a lower-case name, unique among transports
   */
  String name();

  /**
   * Returns a new port over this transport, with an HTTP client of its own that {@code close()} releases.
   *
   * @param config where the API is and how to reach it
   * @return the port
   */
  CloseableVideoStatusPort create(SoraConfig config);
}
