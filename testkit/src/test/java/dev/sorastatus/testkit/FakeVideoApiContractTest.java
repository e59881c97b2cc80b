package dev.sorastatus.testkit;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.VideoStatusPort;
import org.junit.jupiter.api.Nested;

/** The fake's in-memory port passes the contract both transports pass, in every dialect. */
class FakeVideoApiContractTest {

  abstract static class InMemory extends VideoStatusPortContract {
    abstract Dialect dialect();

    @Override
    protected ContractBackend createBackend() {
      return FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).dialect(dialect()).build();
    }

    @Override
    protected VideoStatusPort createPort(ContractBackend backend) {
      FakeVideoApi fake = (FakeVideoApi) backend;
      return SoraClient.over(fake.port().config(), fake.transport()); // the contract closes each port it made
    }
  }

  @Nested
  class OpenAi extends InMemory {
    @Override
    Dialect dialect() {
      return Dialect.OPENAI;
    }
  }

  @Nested
  class Gateway extends InMemory {
    @Override
    Dialect dialect() {
      return Dialect.GATEWAY;
    }
  }

  @Nested
  class NewApi extends InMemory {
    @Override
    Dialect dialect() {
      return Dialect.NEW_API;
    }
  }
}
