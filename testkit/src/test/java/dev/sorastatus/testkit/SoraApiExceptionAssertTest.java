package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;
import static dev.sorastatus.testkit.SoraAssertions.catchThrowableOfType;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SoraApiExceptionAssertTest {
  private final FakeVideoApi api = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).retryPolicy(RetryPolicy.none()).build();
  private final VideoId id = api.job().rateLimited(Duration.ofSeconds(25)).serverError(503).notFound().create();
  private final SoraApiException limited = next();
  private final SoraApiException serverError = next();
  private final SoraApiException notFound = next();

  private SoraApiException next() {
    return catchThrowableOfType(SoraApiException.class, () -> api.port().retrieve(id));
  }

  @Test
  void theFakesErrorsPassTheirChecks() {
    assertThat(limited).hasKind(SoraApiException.Kind.RATE_LIMITED).hasStatus(429).hasErrorCode("rate_limit_exceeded").hasRetryAfter(Duration.ofSeconds(25))
        .hasRequestId(limited.requestId().orElseThrow()).hasMessageContaining("429");
    assertThat(serverError).hasKind(SoraApiException.Kind.SERVER_ERROR).hasStatus(503);
    assertThat((VideoNotFoundException) notFound).hasKind(SoraApiException.Kind.NOT_FOUND).hasStatus(404).isInstanceOf(VideoNotFoundException.class);
  }

  @Test
  void hasStatusSaysTheStatus() {
    assertThatThrownBy(() -> assertThat(serverError).hasStatus(500))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting SoraApiException to have status 500 but it has 503")
        .hasMessageContaining("status ..... 503");
  }

  @Test
  void hasKindSaysBothKinds() {
    assertThatThrownBy(() -> assertThat(serverError).hasKind(SoraApiException.Kind.RATE_LIMITED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be of kind RATE_LIMITED but it is SERVER_ERROR")
        .hasMessageContaining("kind ....... SERVER_ERROR");
  }

  @Test
  void hasErrorCodeSaysTheCodeOrNone() {
    assertThatThrownBy(() -> assertThat(limited).hasErrorCode("quota"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have error code \"quota\" but it has \"rate_limit_exceeded\"");
    SoraApiException bare = new SoraApiException("400 Bad Request", SoraApiException.Kind.REJECTED, 400,
        Optional.empty(), Optional.empty(), Optional.empty(), "");
    assertThatThrownBy(() -> assertThat(bare).hasErrorCode("invalid_request_error"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have error code \"invalid_request_error\" but it has none");
  }

  @Test
  void hasRequestIdSaysTheIdOrNone() {
    assertThatThrownBy(() -> assertThat(limited).hasRequestId("req_other"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have request id \"req_other\" but it has \"" + limited.requestId().orElseThrow());
    SoraApiException bare = new SoraApiException("400 Bad Request", SoraApiException.Kind.REJECTED, 400,
        Optional.empty(), Optional.empty(), Optional.empty(), "");
    assertThatThrownBy(() -> assertThat(bare).hasRequestId("req_1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have request id \"req_1\" but it has none");
  }

  @Test
  void hasRetryAfterSaysTheDelayOrNone() {
    assertThatThrownBy(() -> assertThat(limited).hasRetryAfter(Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to ask to retry after PT1S but it asks for PT25S");
    assertThatThrownBy(() -> assertThat(serverError).hasRetryAfter(Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it asks for no delay");
  }

  @Test
  void otherExceptionsStillReachAssertJsThrowableAssertions() {
    assertThat(new IllegalStateException("plain")).hasMessage("plain");
    assertThatThrownBy(() -> assertThat((SoraApiException) null).hasStatus(400)).isInstanceOf(AssertionError.class);
  }
}
