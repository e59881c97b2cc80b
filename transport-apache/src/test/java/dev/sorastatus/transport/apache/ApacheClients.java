package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import java.time.Duration;

/** Clients over this transport, as users build them, for the tests. */
final class ApacheClients {
  private ApacheClients() {}

  static SoraClient create(SoraConfig config) {
    return SoraClient.over(config, ApacheHttpTransport.create(config));
  }

  static SoraClient create(SoraConfig config, int poolSize, Duration leaseTimeout) {
    return SoraClient.over(config, ApacheHttpTransport.create(config, poolSize, leaseTimeout));
  }
}
