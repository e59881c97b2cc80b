package dev.sorastatus.transport.jdk;

import dev.sorastatus.CloseableVideoStatusPort;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.spi.TransportProvider;

/**
 * Registers this transport as {@code jdk} for discovery through {@link java.util.ServiceLoader}; for
 * {@code VideoStatusPorts} and the Guice module, not for direct use.
 */
public final class JdkTransportProvider implements TransportProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public JdkTransportProvider() {}

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public CloseableVideoStatusPort create(SoraConfig config) {
    return JdkVideoStatusAdapter.create(config);
  }
}
