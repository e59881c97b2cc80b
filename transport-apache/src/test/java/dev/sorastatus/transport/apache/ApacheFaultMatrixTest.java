package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.TransportFaultSuite;
import java.time.Duration;

class ApacheFaultMatrixTest extends TransportFaultSuite {
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return ApacheClients.create(config);
  }

  // A small pool with a short lease wait, so that one leaked connection per call fails the suite fast.
  @Override
  protected VideoStatusPort createPort(SoraConfig config, int poolSize, Duration leaseTimeout) {
    return ApacheClients.create(config, poolSize, leaseTimeout);
  }
}
