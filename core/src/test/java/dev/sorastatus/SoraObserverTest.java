package dev.sorastatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static dev.sorastatus.ScriptedTransport.status;
import static dev.sorastatus.ScriptedTransport.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The observer hook: what it hears of reads, and that it can neither break them nor cost a thing when absent. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SoraObserverTest {
  private static final VideoId ID = VideoId.of("video_observed_1");

  private final TestTime time = TestTime.at("2026-11-28T12:00:00Z");
  private final ScriptedTransport transport = new ScriptedTransport();

  private SoraConfig.Builder config() {
    return SoraConfig.builder()
        .baseUrl("https://api.example.com/v1")
        .apiKey("sk-canary-observer-0000000000")
        .clock(time)
        .scheduler(time.scheduler())
        .retryPolicy(RetryPolicy.builder().jitter(0).build());
  }

  @Test
  void aReadRetriedAfterARateLimitIsHeardStartToFinish() {
    List<String> events = new ArrayList<>();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config().observer(recorder(events)).build(), transport);
    transport.then(status(429, "retry-after", "2")).then(video(ID.value()));

    assertThat(port.retrieve(ID).id()).isEqualTo(ID);

    assertThat(events).containsExactly(
        "readStarted RETRIEVE",
        "retryScheduled RATE_LIMITED PT2S",
        "rateLimited PT2S",
        "readFinished RETRIEVE success 200 PT2S");
  }

  @Test
  void aFailedReadReportsItsErrorAndLastStatusSyncAndAsync() {
    List<String> events = new ArrayList<>();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(
        config().retryPolicy(RetryPolicy.none()).observer(recorder(events)).build(), transport);
    transport.then(status(404)).then(status(404));

    assertThat(catchThrowable(() -> port.retrieve(ID))).isInstanceOf(VideoNotFoundException.class);
    assertThat(port.retrieveAsync(ID)).isCompletedExceptionally();

    assertThat(events).containsExactly(
        "readStarted RETRIEVE", "readFinished RETRIEVE VideoNotFoundException 404 PT0S",
        "readStarted RETRIEVE", "readFinished RETRIEVE VideoNotFoundException 404 PT0S");
  }

  @Test
  void aThrowingObserverNeverBreaksAReadAndIsLoggedOnce() {
    SoraObserver broken = new SoraObserver() {
      @Override public void readStarted(Operation operation) {
        throw new IllegalStateException("observer bug");
      }

      @Override public void readFinished(Operation operation, Optional<Throwable> error, int statusCode,
          Duration duration) {
        throw new IllegalStateException("observer bug");
      }

      @Override public void retryScheduled(SoraException cause, Duration delay) {
        throw new IllegalStateException("observer bug");
      }

      @Override public void rateLimited(Duration delay) {
        throw new IllegalStateException("observer bug");
      }
    };
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config().observer(broken).build(), transport);
    transport.then(status(429, "retry-after", "1")).then(video(ID.value())).then(status(503)).then(video(ID.value()));

    try (LogCapture log = new LogCapture()) {
      assertThat(port.retrieve(ID).id()).isEqualTo(ID);
      assertThat(port.retrieveAsync(ID).join().id()).isEqualTo(ID);

      List<String> warnings = log.lines().stream().filter(l -> l.startsWith("WARNING")).toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("observer", "threw in readStarted", "observer bug")
          .doesNotContain("sk-canary");
    }
  }

  @Test
  void noObserverKeepsTheOldBehaviour() {
    SoraConfig config = config().build();
    assertThat(config.observer()).isSameAs(SoraObserver.none());
    assertThat(config.guardedObserver().isNoOp()).isTrue();
    assertThat(config.toBuilder().observer(SoraObserver.none()).build().guardedObserver().isNoOp()).isTrue();
    HttpVideoStatusPort port = HttpVideoStatusPort.create(config, transport);
    transport.then(status(503)).then(video(ID.value()));

    assertThat(port.retrieve(ID).id()).isEqualTo(ID);
    assertThat(transport.requests()).hasSize(2);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void theObserverSetOnTheConfigurationIsTheOneItReturns() {
    SoraObserver mine = new SoraObserver() {};
    SoraConfig config = config().observer(mine).build();

    assertThat(config.observer()).isSameAs(mine);
    assertThat(config.toBuilder().build().observer()).isSameAs(mine);
  }

  private static SoraObserver recorder(List<String> events) {
    return new SoraObserver() {
      @Override public void readStarted(Operation operation) {
        events.add("readStarted " + operation);
      }

      @Override public void readFinished(Operation operation, Optional<Throwable> error, int statusCode,
          Duration duration) {
        events.add("readFinished " + operation + " " + error.map(e -> e.getClass().getSimpleName()).orElse("success")
            + " " + statusCode + " " + duration);
      }

      @Override public void retryScheduled(SoraException cause, Duration delay) {
        events.add("retryScheduled " + ((SoraApiException) cause).kind() + " " + delay);
      }

      @Override public void rateLimited(Duration delay) {
        events.add("rateLimited " + delay);
      }
    };
  }
}
