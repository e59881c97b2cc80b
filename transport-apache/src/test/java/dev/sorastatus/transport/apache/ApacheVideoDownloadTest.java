package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;

class ApacheVideoDownloadTest extends VideoDownloadSuite<ApacheVideoStatusAdapter> {
  @Override
  ApacheVideoStatusAdapter create(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }

  /** The adapter's own async client already streams every download on its one I/O thread. */
  @Override
  ApacheVideoStatusAdapter createWithFewThreads(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config);
  }
}
