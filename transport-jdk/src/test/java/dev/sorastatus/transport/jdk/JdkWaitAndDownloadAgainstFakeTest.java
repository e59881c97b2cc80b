package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.WaitAndDownloadContract;

class JdkWaitAndDownloadAgainstFakeTest extends WaitAndDownloadContract<JdkVideoStatusAdapter> {
  @Override
  protected JdkVideoStatusAdapter create(SoraConfig config) {
    return JdkVideoStatusAdapter.create(config);
  }
}
