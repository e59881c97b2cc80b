package dev.sorastatus.testkit;

import dev.sorastatus.VideoStatusPort;
import org.junit.jupiter.api.Nested;

/** The fake's in-memory port passes the contract both transports pass, in every dialect. */
class FakeVideoApiContractTest {

  abstract static class InMemory extends VideoStatusPortContract {
    abstract Dialect dialect();

    @Override
    protected ContractBackend createBackend() {
      return FakeVideoApi.builder().dialect(dialect()).build();
    }

    @Override
    protected VideoStatusPort createPort(ContractBackend backend) {
      return ((FakeVideoApi) backend).port();
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
