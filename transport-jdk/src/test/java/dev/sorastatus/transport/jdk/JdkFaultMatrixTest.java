package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.TransportFaultSuite;

// java.net.http has no bounded pool: its leaks show in the fault suite's count of open connections.
class JdkFaultMatrixTest extends TransportFaultSuite {
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return JdkVideoStatusAdapter.create(config);
  }

  // java.net.http re-sends a GET once when a connection closes before the response starts (MultiExchange)
  @Override
  protected boolean resendsOnEarlyClose() {
    return true;
  }
}
