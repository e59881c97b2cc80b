package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.rateLimited;
import static dev.sorastatus.Videos.serverError;
import static dev.sorastatus.Videos.transportError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VideoPollerErrorTest {
  private final PollerFixture f = new PollerFixture();

  @Test
  void transientErrorsMidWaitAreRetriedOnThePollSchedule() {
    f.port.script(ID, processing(ID, 10), serverError(), transportError(), rateLimited(Optional.empty()),
        processing(ID, 70), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5, 77.5, 107.5));
    assertThat(f.listener.events()).containsExactly(
        "0.0s status processing",
        "0.0s progress 10",
        "10.0s retry 1 in 15.0s after SoraApiException SERVER_ERROR",
        "25.0s retry 2 in 22.5s after SoraTransportException",
        "47.5s retry 3 in 30.0s after SoraApiException RATE_LIMITED",
        "77.5s progress 70",
        "107.5s status completed",
        "107.5s progress 100",
        "107.5s finished COMPLETED completed");
  }

  @Test
  void aReadWhoseRetriesRanOutOfTheirDeadlineIsRetriedOnThePollSchedule() {
    SoraTransportException slow = new SoraTransportException("GET /v1/videos/video_123 ran out of its 120000 ms deadline", Duration.ofMinutes(2), 3, serverError());
    f.port.script(ID, processing(ID, 10), slow, completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.listener.events()).contains("10.0s retry 1 in 15.0s after SoraTransportException");
  }

  @Test
  void tooManyTransientErrorsInARowEndTheWaitWithTheLastVideoSeen() {
    f.port.script(ID, processing(ID, 30), serverError());

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().maxConsecutiveRetries(2).build());
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).isInstanceOf(CompletionException.class)
        .cause().isExactlyInstanceOf(VideoWaitException.class)
        .satisfies(e -> {
          VideoWaitException w = (VideoWaitException) e;
          assertThat(w.lastSeen()).contains(processing(ID, 30));
          assertThat(w.videoId()).isEqualTo(ID);
          assertThat(w.getCause()).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
          assertThat(w).hasMessage("wait for video video_123 gave up after 3 transient errors in a row "
              + "(last seen processing at 30%): HTTP 503 overloaded");
        });
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5));
    assertThat(at.join()).isEqualTo(seconds(47.5));
    assertThat(f.listener.events()).last().isEqualTo("47.5s finished ERROR processing");
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void aSuccessfulReadStartsTheCountOfErrorsInARowOver() {
    f.port.script(ID, serverError(), serverError(), processing(ID, 5), serverError(), serverError(),
        completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().maxConsecutiveRetries(2).build());
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.port.requestCount(ID)).isEqualTo(6);
  }

  @Test
  void zeroRetriesEndsTheWaitOnTheFirstTransientError() {
    f.port.script(ID, transportError());

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().maxConsecutiveRetries(0).build());
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.getCause()).isInstanceOf(SoraTransportException.class);
      assertThat(e.lastSeen()).isEmpty();
    });
    assertThat(f.port.requestCount(ID)).isEqualTo(1);
  }

  static Stream<Arguments> fatalErrors() {
    return Stream.of(
        Arguments.of(Videos.notFound(ID), VideoNotFoundException.class),
        Arguments.of(Videos.unauthenticated(), SoraApiException.class),
        Arguments.of(Videos.forbidden(), SoraApiException.class),
        Arguments.of(new IllegalStateException("bug in a port"), IllegalStateException.class));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("fatalErrors")
  void errorsThatRetryingCannotFixEndTheWaitAtOnce(RuntimeException error, Class<?> type) {
    f.port.script(ID, processing(ID, 50), error, completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isExactlyInstanceOf(VideoWaitException.class)
        .satisfies(e -> {
          assertThat(e.getCause()).isSameAs(error).isInstanceOf(type);
          assertThat(((VideoWaitException) e).lastSeen()).contains(processing(ID, 50));
          assertThat(e.getMessage()).startsWith("wait for video video_123 ended (last seen processing at 50%): "
              + type.getSimpleName() + ": ");
        });
    assertThat(at.join()).isEqualTo(seconds(10));
    assertThat(f.port.requestCount(ID)).isEqualTo(2);
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void blockingAwaitThrowsTheWaitErrorWithTheNotFoundAsCause() throws InterruptedException {
    f.port.script(ID, Videos.notFound(ID));

    PollerFixture.Blocking<Video> call = f.onOwnThread(() -> f.poller.await(ID), 2);
    f.time.advance(Duration.ofMinutes(1)); // three not-found reads in a row before the job was ever read
    call.join();

    assertThat(call.failure.get()).isExactlyInstanceOf(VideoWaitException.class)
        .cause().isInstanceOf(VideoNotFoundException.class);
  }

  @Test
  void portThatThrowsInsteadOfFailingTheFutureEndsTheWait() {
    IllegalStateException bug = new IllegalStateException("retrieveAsync threw");
    VideoStatusPort throwing = new VideoStatusPort() {
      @Override
      public Video retrieve(VideoId id) {
        throw bug;
      }

      @Override
      public CompletableFuture<Video> retrieveAsync(VideoId id) {
        throw bug;
      }
    };

    CompletableFuture<Video> done = f.poller(throwing, Double.POSITIVE_INFINITY).awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(1));

    assertThatThrownBy(done::join).cause().isInstanceOf(VideoWaitException.class).cause().isSameAs(bug);
  }
}
