package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.HttpVideoStatusPortContract;

class ApacheVideoStatusAdapterContractTest extends HttpVideoStatusPortContract {
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }
}
