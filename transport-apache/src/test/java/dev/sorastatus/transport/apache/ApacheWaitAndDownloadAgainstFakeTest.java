package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.WaitAndDownloadContract;

class ApacheWaitAndDownloadAgainstFakeTest extends WaitAndDownloadContract {
  @Override
  protected SoraClient create(SoraConfig config) {
    return ApacheClients.create(config);
  }
}
