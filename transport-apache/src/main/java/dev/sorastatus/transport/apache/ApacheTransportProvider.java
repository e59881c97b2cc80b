package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.TransportProvider;

/**
 * Registers this transport as {@code apache} for discovery through {@link java.util.ServiceLoader}; for
 * {@code SoraClient.create} and the Guice module, not for direct use.
 */
public final class ApacheTransportProvider implements TransportProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public ApacheTransportProvider() {}

  @Override
  public String name() {
    return "apache";
  }

  @Override
  public HttpTransport create(SoraConfig config) {
    return ApacheHttpTransport.create(config);
  }
}
