package dev.sorastatus.testkit;

import dev.sorastatus.SoraApiException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * AssertJ assertions for an error status the API answered with, a {@link SoraApiException} or one of its
 * subclasses such as {@link dev.sorastatus.VideoNotFoundException}; every failure message shows the status,
 * error code, request id and retry delay. Start with {@link SoraAssertions#assertThat(SoraApiException)}; the
 * usual throwable assertions ({@code hasMessageContaining}, {@code isInstanceOf}) remain.
 *
 * <pre>{@code
 * SoraApiException e = catchThrowableOfType(SoraApiException.class, () -> port.retrieve(id));
 * assertThat(e).hasStatus(429).hasErrorCode("rate_limit_exceeded").hasRetryAfter(Duration.ofSeconds(25));
 * }</pre>
 */
public final class SoraApiExceptionAssert extends AbstractThrowableAssert<SoraApiExceptionAssert, SoraApiException> {

  /**
   * Creates assertions for {@code actual}.
   *
   * @param actual the error, or null (which every assertion but {@code isNull()} rejects)
   */
  public SoraApiExceptionAssert(SoraApiException actual) {
    super(actual, SoraApiExceptionAssert.class);
  }

  /**
   * Checks what sort of refusal the error is.
   *
   * @param expected the kind, such as {@link SoraApiException.Kind#RATE_LIMITED}
   * @return this
   */
  public SoraApiExceptionAssert hasKind(SoraApiException.Kind expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (actual.kind() != expected) {
      fail("to be of kind " + expected + " but it is " + actual.kind());
    }
    return this;
  }

  /**
   * Checks the HTTP status the server answered with.
   *
   * @param expected such as {@code 429}
   * @return this
   */
  public SoraApiExceptionAssert hasStatus(int expected) {
    isNotNull();
    if (actual.statusCode() != expected) {
      fail("to have status " + expected + " but it has " + actual.statusCode());
    }
    return this;
  }

  /**
   * Checks the API's machine-readable error code.
   *
   * @param expected such as {@code invalid_api_key}
   * @return this
   */
  public SoraApiExceptionAssert hasErrorCode(String expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.errorCode().equals(Optional.of(expected))) {
      fail("to have error code \"" + expected + "\" but it has " + quoted(actual.errorCode()));
    }
    return this;
  }

  /**
   * Checks the request id the server sent, which a support request quotes.
   *
   * @param expected the id
   * @return this
   */
  public SoraApiExceptionAssert hasRequestId(String expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.requestId().equals(Optional.of(expected))) {
      fail("to have request id \"" + expected + "\" but it has " + quoted(actual.requestId()));
    }
    return this;
  }

  /**
   * Checks the delay the server asked for before the next request (a 429's {@code Retry-After}).
   *
   * @param expected the delay
   * @return this
   */
  public SoraApiExceptionAssert hasRetryAfter(Duration expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    Optional<Duration> retryAfter = actual.retryAfter();
    if (!retryAfter.equals(Optional.of(expected))) {
      fail("to ask to retry after " + expected + " but it "
          + retryAfter.map(d -> "asks for " + d).orElse("asks for no delay"));
    }
    return this;
  }



  private static String quoted(Optional<String> value) {
    return value.map(v -> "\"" + v + "\"").orElse("none");
  }

  private void fail(String expectation) {
    failWithMessage("%nExpecting %s %s:%n%s", actual.getClass().getSimpleName(), expectation, describe(actual));
  }

  private static String describe(SoraApiException e) {
    String n = System.lineSeparator();
    return "  kind ....... " + e.kind() + n
        + "  status ..... " + e.statusCode() + n
        + "  errorCode .. " + e.errorCode().orElse("(none)") + n
        + "  requestId .. " + e.requestId().orElse("(none)") + n
        + "  retryAfter . " + e.retryAfter().map(Duration::toString).orElse("(none)") + n
        + "  message .... " + e.getMessage();
  }
}
