package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.testkit.VideoDownloadContract;

class ApacheVideoDownloadTest extends VideoDownloadContract {
  @Override
  protected SoraClient create(SoraConfig config) {
    return ApacheClients.create(config);
  }

  /** The adapter's own async client already streams every download on its one I/O thread. */
  @Override
  protected SoraClient createWithFewThreads(SoraConfig config) {
    return ApacheClients.create(config);
  }
}
