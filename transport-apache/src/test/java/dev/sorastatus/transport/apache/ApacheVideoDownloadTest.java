package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.VideoDownloadContract;

class ApacheVideoDownloadTest extends VideoDownloadContract<ApacheVideoStatusAdapter> {
  @Override
  protected ApacheVideoStatusAdapter create(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }

  /** The adapter's own async client already streams every download on its one I/O thread. */
  @Override
  protected ApacheVideoStatusAdapter createWithFewThreads(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }
}
