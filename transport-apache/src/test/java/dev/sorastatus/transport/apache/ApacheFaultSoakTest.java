package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.FaultSoak;

class ApacheFaultSoakTest extends FaultSoak {
  @Override
  protected SoraClient createPort(SoraConfig config) {
    return ApacheClients.create(config);
  }
}
