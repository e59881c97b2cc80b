package dev.sorastatus.transport.jdk;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.HttpVideoStatusPortContract;

class JdkVideoStatusAdapterContractTest extends HttpVideoStatusPortContract {
  // The contract pins what one exchange yields; retries are proven by the fault suite.
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return JdkVideoStatusAdapter.create(config.toBuilder().retryPolicy(RetryPolicy.none()).build());
  }
}
