package dev.sorastatus.transport.apache;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.HttpVideoStatusPortContract;

class ApacheVideoStatusAdapterContractTest extends HttpVideoStatusPortContract {
  // The contract pins what one exchange yields; retries are proven by the fault suite.
  @Override
  protected VideoStatusPort createPort(SoraConfig config) {
    return ApacheVideoStatusAdapter.create(config.toBuilder().retryPolicy(RetryPolicy.none()).build());
  }
}
