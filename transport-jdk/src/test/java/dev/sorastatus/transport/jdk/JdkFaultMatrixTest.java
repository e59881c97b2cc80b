package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.TransportFaultSuite;
import java.time.Duration;

// java.net.http has no bounded pool: its leaks show in the fault suite's count of open connections.
class JdkFaultMatrixTest extends TransportFaultSuite {
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return JdkClients.create(config);
  }

  // The adapter's workers bound the async exchanges: a call that never let go of one would starve the rest.
  @Override
  protected VideoStatusPort createPort(SoraConfig config, int poolSize, Duration leaseTimeout) {
    return JdkClients.create(config.toBuilder().maxConcurrentRequests(poolSize).build());
  }

  // java.net.http re-sends a GET once when a connection closes before the response starts (MultiExchange)
  @Override
  protected boolean resendsOnEarlyClose() {
    return true;
  }
}
