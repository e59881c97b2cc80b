package dev.sorastatus;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.sorastatus.ScriptedTransport.status;
import static dev.sorastatus.ScriptedTransport.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpVideoStatusPortRetryTest {
  private static final VideoId ID = VideoId.of("video_retry_1");
  private static final Duration HALF = Duration.ofMillis(500);
  private static final Duration ONE = Duration.ofSeconds(1);

  private final TestTime time = TestTime.at("2026-11-28T12:00:00Z");
  private final ScriptedTransport transport = new ScriptedTransport();

  enum Mode { SYNC, ASYNC }

  private SoraConfig.Builder config(RetryPolicy policy) {
    return SoraConfig.builder()
        .baseUrl("https://api.example.com/v1")
        .apiKey("sk-canary-retry-000000000000")
        .clock(time)
        .scheduler(time.scheduler())
        .retryPolicy(policy);
  }

  private static RetryPolicy exact() {
    return RetryPolicy.builder().jitter(0).build();
  }

  private HttpVideoStatusPort port(RetryPolicy policy) {
    return HttpVideoStatusPort.create(config(policy).build(), transport);
  }

  private Object read(HttpVideoStatusPort port, Mode mode) {
    try {
      return mode == Mode.SYNC ? port.retrieve(ID) : port.retrieveAsync(ID).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void serverErrorIsRetriedTwiceWithExponentialBackoffThenReportsThreeAttempts(Mode mode) {
    transport.then(status(503));

    Object result = read(port(exact()), mode);

    assertThat(result).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
    SoraApiException e = (SoraApiException) result;
    assertThat(e.getMessage()).startsWith("HTTP 503").endsWith("after 3 attempts");
    assertThat(e.getSuppressed()).hasSize(2).allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR)));
    assertThat(e.getSuppressed()[0].getMessage()).doesNotContain("attempts");
    assertThat(transport.requests()).hasSize(3);
    assertThat(time.waits()).containsExactly(HALF, ONE);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void laterSuccessIsReturnedAfterTransientFailures(Mode mode) {
    transport.then(status(502)).then(new ConnectException("Connection refused")).then(video("video_retry_1"));

    Object result = read(port(exact()), mode);

    assertThat(result).isInstanceOf(Video.class);
    assertThat(transport.requests()).hasSize(3);
    assertThat(time.waits()).containsExactly(HALF, ONE);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(408, SoraApiException.Kind.REJECTED, 3),
        Arguments.of(429, SoraApiException.Kind.RATE_LIMITED, 3),
        Arguments.of(500, SoraApiException.Kind.SERVER_ERROR, 3),
        Arguments.of(502, SoraApiException.Kind.SERVER_ERROR, 3),
        Arguments.of(503, SoraApiException.Kind.SERVER_ERROR, 3),
        Arguments.of(504, SoraApiException.Kind.SERVER_ERROR, 3),
        Arguments.of(400, SoraApiException.Kind.REJECTED, 1),
        Arguments.of(401, SoraApiException.Kind.AUTHENTICATION, 1),
        Arguments.of(403, SoraApiException.Kind.PERMISSION_DENIED, 1),
        Arguments.of(404, SoraApiException.Kind.NOT_FOUND, 1),
        Arguments.of(409, SoraApiException.Kind.REJECTED, 1),
        Arguments.of(418, SoraApiException.Kind.REJECTED, 1),
        Arguments.of(422, SoraApiException.Kind.REJECTED, 1),
        Arguments.of(501, SoraApiException.Kind.SERVER_ERROR, 1),
        Arguments.of(301, SoraApiException.Kind.REDIRECT, 1));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @MethodSource("statuses")
  void eachStatusGetsTheAttemptsThePolicyGivesIt(int status, SoraApiException.Kind kind, int attempts) {
    transport.then(status(status));

    Object sync = read(port(exact()), Mode.SYNC);
    Object async = read(port(exact()), Mode.ASYNC);

    for (Object result : List.of(sync, async)) {
      assertThat(result).isInstanceOfSatisfying(SoraApiException.class, e -> {
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.statusCode()).isEqualTo(status);
      });
    }
    assertThat(sync instanceof VideoNotFoundException).isEqualTo(kind == SoraApiException.Kind.NOT_FOUND);
    assertThat(transport.requests()).hasSize(2 * attempts);
    assertThat(((Throwable) sync).getSuppressed()).hasSize(attempts - 1);
    if (attempts > 1) {
      assertThat(((Throwable) sync).getMessage()).endsWith("after " + attempts + " attempts");
    } else {
      assertThat(((Throwable) sync).getMessage()).doesNotContain("attempt");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void shouldRetryFalseStopsARetryableStatus(Mode mode) {
    transport.then(status(503, "x-should-retry", "false"));

    assertThat(read(port(exact()), mode)).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
    assertThat(transport.requests()).hasSize(1);
    assertThat(time.waits()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void shouldRetryTrueRetriesAStatusThatIsNotRetryable(Mode mode) {
    transport.then(status(409, "x-should-retry", " TRUE "));

    Object result = read(port(exact()), mode);

    assertThat(result).isExactlyInstanceOf(SoraApiException.class);
    assertThat(transport.requests()).hasSize(3);
  }

  @Test
  void shouldRetryWithAnUnclearValueIsIgnored() {
    transport.then(status(409, "x-should-retry", "maybe"));
    read(port(exact()), Mode.SYNC);
    transport.then(status(503, "x-should-retry", "false", "x-should-retry", "true"));
    read(port(exact()), Mode.SYNC);

    assertThat(transport.requests()).hasSize(1 + 3);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void malformedSuccessIsNeverRetriedEvenWhenTheServerSaysSo(Mode mode) {
    transport.then(ScriptedTransport.response(200, "{\"id\":\"video_retry_1\",\"stat", "x-should-retry", "true"));

    assertThat(read(port(exact()), mode)).isInstanceOf(MalformedResponseException.class);
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void malformedSuccessAfterRetriesReportsTheAttemptsAndEarlierFailures() {
    transport.then(status(503)).then(ScriptedTransport.response(200, "not json"));

    Throwable e = (Throwable) read(port(exact()), Mode.SYNC);

    assertThat(e).isInstanceOf(MalformedResponseException.class).hasMessageContaining("after 2 attempts");
    assertThat(e.getSuppressed()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void transportFailuresAreRetriedAndTheLastOneReportsTheCount(Mode mode) {
    transport.then(new SocketTimeoutException("Read timed out"));

    Object result = read(port(exact()), mode);

    assertThat(result).isInstanceOf(SoraTransportException.class);
    SoraTransportException e = (SoraTransportException) result;
    assertThat(e.isTimeout()).isTrue();
    assertThat(e.getMessage()).startsWith("GET https://api.example.com/v1/videos/video_retry_1 failed after 3 attempts: ");
    assertThat(e.getSuppressed()).hasSize(2);
    assertThat(time.waits()).containsExactly(HALF, ONE);
  }

  @Test
  void interruptIsNotRetriedAndKeepsTheFlag() {
    transport.then(new InterruptedIOException("interrupted"));
    try {
      Object result = read(port(exact()), Mode.SYNC);

      assertThat(result).isInstanceOf(SoraTransportException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(transport.requests()).hasSize(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void interruptWhileWaitingToRetryStopsWithTheFlagSet() {
    transport.then(status(503));
    SoraConfig config = config(exact()).scheduler(TestSleeps.over(time.scheduler(), d -> {
      throw new InterruptedException("stop");
    })).build();
    try {
      Throwable e = catchThrowable(() -> HttpVideoStatusPort.create(config, transport).retrieve(ID));

      assertThat(e).isInstanceOf(SoraTransportException.class).hasMessageContaining("interrupted while waiting to retry");
      assertThat(e.getSuppressed()).hasSize(1).allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR)));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(transport.requests()).hasSize(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void unexpectedRuntimeFailureOfTheTransportIsNotRetried() {
    transport.then(new IllegalStateException("closed"));

    assertThat(read(port(exact()), Mode.SYNC)).isInstanceOf(IllegalStateException.class);
    assertThat(read(port(exact()), Mode.ASYNC)).isInstanceOf(IllegalStateException.class);
    assertThat(transport.requests()).hasSize(2);
  }

  // ---- delays ----------------------------------------------------------------------------------------------

  static Stream<Arguments> serverDelays() {
    return Stream.of(
        Arguments.of("retry-after-ms", new String[] {"retry-after-ms", "1500"}, List.of(ms(1500), ms(1500))),
        Arguments.of("retry-after-ms beside Retry-After", new String[] {"retry-after-ms", "250", "Retry-After", "9"},
            List.of(ms(250), ms(250))),
        Arguments.of("Retry-After seconds", new String[] {"Retry-After", "2"}, List.of(ms(2000), ms(2000))),
        Arguments.of("Retry-After fractional seconds", new String[] {"Retry-After", "0.75"}, List.of(ms(750), ms(750))),
        // the clock moves by each wait, so the same date is 5 s away, then now: backoff for the second retry
        Arguments.of("Retry-After date", new String[] {"Retry-After", "Sat, 28 Nov 2026 12:00:05 GMT"},
            List.of(ms(5000), ms(1000))),
        Arguments.of("Retry-After date in the past", new String[] {"Retry-After", "Sat, 28 Nov 2026 11:00:00 GMT"},
            List.of(ms(500), ms(1000))),
        Arguments.of("zero", new String[] {"Retry-After", "0", "retry-after-ms", "0"}, List.of(ms(500), ms(1000))),
        Arguments.of("negative", new String[] {"Retry-After", "-5", "retry-after-ms", "-1"}, List.of(ms(500), ms(1000))),
        Arguments.of("NaN", new String[] {"retry-after-ms", "NaN"}, List.of(ms(500), ms(1000))),
        Arguments.of("Infinity", new String[] {"Retry-After", "Infinity"}, List.of(ms(500), ms(1000))),
        Arguments.of("garbage", new String[] {"Retry-After", "soon", "retry-after-ms", "12abc"}, List.of(ms(500), ms(1000))),
        Arguments.of("duplicated", new String[] {"Retry-After", "3", "Retry-After", "4"}, List.of(ms(500), ms(1000))),
        Arguments.of("bad ms falls back to Retry-After", new String[] {"retry-after-ms", "x", "Retry-After", "1"},
            List.of(ms(1000), ms(1000))),
        Arguments.of("exactly the cap", new String[] {"Retry-After", "60"}, List.of(ms(60_000), ms(60_000))));
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverDelays")
  void serverDelayIsWaitedExactlyOrFallsBackToBackoff(String name, String[] headers, List<Duration> waits) {
    RetryPolicy policy = exact().toBuilder().noDeadline().build();
    transport.then(status(429, headers));

    assertThat(read(port(policy), Mode.SYNC)).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED));

    assertThat(time.waits()).containsExactlyElementsOf(waits);
  }

  @Test
  void asyncCallWaitsTheServerDelayThroughTheScheduler() {
    transport.then(status(429, "Retry-After", "Sat, 28 Nov 2026 12:00:05 GMT"));

    assertThat(read(port(exact()), Mode.ASYNC)).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED));

    assertThat(time.waits()).containsExactly(ms(5000), ms(1000));
  }

  @Test
  void serverDelayIsHonouredOnServerErrorsToo() {
    transport.then(status(503, "retry-after-ms", "3000")).then(video("video_retry_1"));

    assertThat(read(port(exact()), Mode.SYNC)).isInstanceOf(Video.class);
    assertThat(time.waits()).containsExactly(ms(3000));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void serverDelayAboveTheCapFailsAtOnceCarryingTheDelay(Mode mode) {
    transport.then(status(429, "Retry-After", "3600"));

    Object result = read(port(exact()), mode);

    assertThat(result).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED));
    SoraApiException e = (SoraApiException) result;
    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
    assertThat(e.getMessage()).contains("not retried: the server asked to wait 3600000 ms, more than RetryPolicy.maxServerDelay 60000 ms");
    assertThat(transport.requests()).hasSize(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void serverDelayCapIsConfigurable() {
    transport.then(status(429, "retry-after-ms", "20000"));

    Object result = read(port(exact().toBuilder().maxServerDelay(Duration.ofSeconds(10)).build()), Mode.SYNC);

    assertThat(((SoraApiException) result).retryAfter()).contains(Duration.ofSeconds(20));
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void backoffDoublesUpToTheCap() {
    transport.then(status(500));

    read(port(exact().toBuilder().maxRetries(6).noDeadline().build()), Mode.SYNC);

    assertThat(time.waits()).containsExactly(ms(500), ms(1000), ms(2000), ms(4000), ms(8000), ms(8000));
    assertThat(transport.requests()).hasSize(7);
  }

  @Test
  void jitterOnlyShortensTheBackoff() {
    RetryPolicy policy = RetryPolicy.defaults();
    for (int i = 0; i < 1000; i++) {
      assertThat(policy.backoff(1)).isBetween(ms(375), ms(500));
      assertThat(policy.backoff(5)).isBetween(ms(6000), ms(8000));
      assertThat(policy.backoff(100)).isBetween(ms(6000), ms(8000));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noneMakesASingleAttempt(Mode mode) {
    transport.then(status(503));

    Object result = read(port(RetryPolicy.none()), mode);

    assertThat(result).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
    assertThat(((Throwable) result).getMessage()).doesNotContain("attempt");
    assertThat(transport.requests()).hasSize(1);
    assertThat(transport.requests().get(0).timeout()).isEqualTo(SoraConfig.DEFAULT_REQUEST_TIMEOUT);
  }

  // ---- deadline --------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Mode.class)
  void delayLongerThanWhatIsLeftOfTheDeadlineStopsWithTheLastCause(Mode mode) {
    transport.then(status(429, "Retry-After", "6"));
    RetryPolicy policy = exact().toBuilder().deadline(Duration.ofSeconds(10)).build();

    Object result = read(port(policy), mode);

    assertThat(result).isInstanceOfSatisfying(SoraTransportException.class, x -> assertThat(x.deadline()).isPresent());
    SoraTransportException e = (SoraTransportException) result;
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.deadline()).contains(Duration.ofSeconds(10));
    assertThat(e.getCause()).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED));
    assertThat(e.getSuppressed()).hasSize(1).allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED)));
    assertThat(e.getMessage()).contains("10000 ms deadline").contains("after 2 attempts").contains("due in 6000 ms");
    assertThat(time.waits()).containsExactly(ms(6000));
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void attemptTimeoutIsClippedToWhatIsLeftOfTheDeadline() {
    transport.then(status(503, "Retry-After", "8")).then(video("video_retry_1"));
    RetryPolicy policy = exact().toBuilder().deadline(Duration.ofSeconds(10)).build();

    read(port(policy), Mode.SYNC);

    assertThat(transport.requests()).extracting(TransportRequest::timeout)
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void clippedAttemptThatTimesOutIsADeadlineError(Mode mode) {
    transport.then(status(503, "Retry-After", "8")).then(new SocketTimeoutException("timed out"));
    RetryPolicy policy = exact().toBuilder().deadline(Duration.ofSeconds(10)).build();

    Object result = read(port(policy), mode);

    assertThat(result).isInstanceOfSatisfying(SoraTransportException.class, x -> assertThat(x.deadline()).isPresent());
    SoraTransportException e = (SoraTransportException) result;
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getCause()).isInstanceOf(SoraTransportException.class);
    assertThat(e.getSuppressed()).hasSize(1).allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR)));
  }

  @Test
  void timeoutOfAnUnclippedAttemptIsRetriedAsUsual() {
    transport.then(new SocketTimeoutException("timed out")).then(video("video_retry_1"));

    assertThat(read(port(exact()), Mode.SYNC)).isInstanceOf(Video.class);
  }

  // ---- async cancellation ----------------------------------------------------------------------------------

  @Test
  void cancellingWhileWaitingWithdrawsTheNextAttempt() {
    time.holdTasks();
    transport.then(status(503));
    CompletableFuture<Video> future = port(exact()).retrieveAsync(ID);
    assertThat(time.pendingCount()).isEqualTo(1);

    future.cancel(true);
    time.runPending();

    assertThat(transport.requests()).hasSize(1);
    assertThat(time.pendingCount()).isZero();
    assertThat(catchThrowable(future::join)).isInstanceOf(CancellationException.class);
  }

  @Test
  void cancellingDuringAnAttemptAbandonsTheExchange() {
    transport.then(status(503)).then(ScriptedTransport.HANG);
    CompletableFuture<Video> future = port(exact()).retrieveAsync(ID);
    assertThat(transport.exchanges()).hasSize(2);
    assertThat(transport.exchanges().get(1)).isNotDone();

    future.cancel(true);

    assertThat(transport.exchanges().get(1)).isCancelled();
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void asyncCallHoldsNoThreadWhileWaiting() {
    time.holdTasks();
    transport.then(status(503)).then(video("video_retry_1"));
    CompletableFuture<Video> future = port(exact()).retrieveAsync(ID);

    assertThat(future).isNotDone();
    time.runPending();

    assertThat(future).isCompleted();
    assertThat(time.waits()).containsExactly(HALF);
  }

  @Test
  void nullIdIsRejectedBeforeAnyAttempt() throws IOException {
    HttpVideoStatusPort port = port(exact());
    assertThat(catchThrowable(() -> port.retrieve(null))).isInstanceOf(NullPointerException.class).hasMessage("id == null");
    assertThat(catchThrowable(() -> port.retrieveAsync(null))).isInstanceOf(NullPointerException.class).hasMessage("id == null");
    assertThat(transport.requests()).isEmpty();
  }
}
