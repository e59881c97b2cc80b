package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.TransportProvider;

/**
 * Registers this transport as {@code jdk} for discovery through {@link java.util.ServiceLoader}; for
 * {@code SoraClient.create} and the Guice module, not for direct use.
 */
public final class JdkTransportProvider implements TransportProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public JdkTransportProvider() {}

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public HttpTransport create(SoraConfig config) {
    return JdkHttpTransport.create(config);
  }
}
