package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.WaitAndDownloadContract;

class ApacheWaitAndDownloadAgainstFakeTest extends WaitAndDownloadContract<ApacheVideoStatusAdapter> {
  @Override
  protected ApacheVideoStatusAdapter create(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }
}
