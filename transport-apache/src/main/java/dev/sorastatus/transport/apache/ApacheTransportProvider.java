package dev.sorastatus.transport.apache;

import dev.sorastatus.CloseableVideoStatusPort;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.spi.TransportProvider;

/**
 * Registers this transport as {@code apache} for discovery through {@link java.util.ServiceLoader}; for
 * {@code VideoStatusPorts} and the Guice module, not for direct use.
 */
public final class ApacheTransportProvider implements TransportProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public ApacheTransportProvider() {}

  @Override
  public String name() {
    return "apache";
  }

  @Override
  public CloseableVideoStatusPort create(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }
}
