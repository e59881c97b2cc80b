package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.WaitAndDownloadContract;

class JdkWaitAndDownloadAgainstFakeTest extends WaitAndDownloadContract {
  @Override
  protected SoraClient create(SoraConfig config) {
    return JdkClients.create(config);
  }
}
