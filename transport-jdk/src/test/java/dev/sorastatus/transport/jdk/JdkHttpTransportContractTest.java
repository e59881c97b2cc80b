package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.HttpVideoStatusPortContract;

class JdkHttpTransportContractTest extends HttpVideoStatusPortContract {
  // The contract pins what one exchange yields; retries are proven by the fault suite.
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return JdkClients.create(config);
  }
}
