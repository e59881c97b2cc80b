package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.FaultSoak;

class JdkFaultSoakTest extends FaultSoak {
  @Override
  protected SoraClient createPort(SoraConfig config) {
    return JdkClients.create(config);
  }

  // HttpClient can be closed only from Java 21; before that its idle connections outlive the adapter.
  @Override
  protected boolean closeReleasesConnections() {
    return Runtime.version().feature() >= 21;
  }
}
