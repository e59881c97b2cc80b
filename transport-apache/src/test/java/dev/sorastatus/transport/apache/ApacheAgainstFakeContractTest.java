package dev.sorastatus.transport.apache;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.testkit.ContractBackend;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.VideoStatusPortContract;
import org.junit.jupiter.api.Nested;

/** The real transport against the fake's HTTP mode passes the contract, in every dialect the fake speaks. */
class ApacheAgainstFakeContractTest {

  abstract static class AgainstFake extends VideoStatusPortContract {
    abstract Dialect dialect();

    @Override
    protected ContractBackend createBackend() {
      FakeVideoApi api = FakeVideoApi.builder().dialect(dialect()).build();
      api.baseUrl(); // start the HTTP mode now rather than inside a test
      return api;
    }

    @Override
    protected VideoStatusPort createPort(ContractBackend backend) {
      return ApacheClients.create(((FakeVideoApi) backend).config().retryPolicy(RetryPolicy.none()).build());
    }
  }

  @Nested
  class OpenAi extends AgainstFake {
    @Override
    Dialect dialect() {
      return Dialect.OPENAI;
    }
  }

  @Nested
  class Gateway extends AgainstFake {
    @Override
    Dialect dialect() {
      return Dialect.GATEWAY;
    }
  }

  @Nested
  class NewApi extends AgainstFake {
    @Override
    Dialect dialect() {
      return Dialect.NEW_API;
    }
  }
}
