package dev.sorastatus.transport.apache;

import dev.sorastatus.CloseableVideoStatusPort;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.FaultSoak;

class ApacheFaultSoakTest extends FaultSoak {
  @Override
  protected CloseableVideoStatusPort createPort(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }
}
