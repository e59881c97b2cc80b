package dev.sorastatus.testkit;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;

/** The wait-and-download contract on the fake's in-memory client, so both of its modes answer alike. */
class InMemoryWaitAndDownloadTest extends WaitAndDownloadContract {
  @Override
  protected SoraClient create(SoraConfig config) {
    throw new UnsupportedOperationException("the in-memory client comes from the fake itself");
  }

  @Override
  SoraClient client(FakeVideoApi api) {
    return api.port();
  }
}
