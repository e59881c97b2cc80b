package dev.sorastatus.spi;

import dev.sorastatus.SoraConfig;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * Finds the transport to use among those {@link java.util.ServiceLoader} lists in {@code loader}: the one
   * named, or else the only one. {@code SoraClient.create} and the Guice module both choose this way.
   *
   * @param loader where to look, such as the context class loader
   * @param name the transport's name (any case), or empty for the only one there
   * @return the provider
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if none is there, several are and no name was given, no transport has
   *     that name, or one could not be loaded; the message says what was found and how to choose
   */
  static TransportProvider find(ClassLoader loader, Optional<String> name) {
    Objects.requireNonNull(loader, "loader == null");
    Objects.requireNonNull(name, "name == null");
    var found = TransportDiscovery.providers(loader);
    return name.isPresent() ? TransportDiscovery.named(found, name.get()) : TransportDiscovery.only(found);
  }
}
