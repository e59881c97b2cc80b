package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.HttpVideoStatusPortContract;

class JdkVideoStatusAdapterContractTest extends HttpVideoStatusPortContract {
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return JdkVideoStatusAdapter.create(config);
  }
}
