package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.HttpVideoStatusPortContract;

class ApacheHttpTransportContractTest extends HttpVideoStatusPortContract {
  // The contract pins what one exchange yields; retries are proven by the fault suite.
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return ApacheClients.create(config);
  }
}
