package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.failed;
import static dev.sorastatus.Videos.notFound;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.unauthenticated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A wait's ending as a value: every kind, with the video and the error it carries, and no exception to catch. */
class VideoPollerOutcomeTest {
  private final PollerFixture f = new PollerFixture();

  private WaitOutcome outcomeOf(PollOptions options) {
    CompletableFuture<WaitOutcome> outcome = f.poller.awaitOutcomeAsync(ID, options);
    f.time.advance(Duration.ofHours(2));
    assertThat(outcome).isCompleted();
    return outcome.join();
  }

  private WaitOutcome outcome() {
    return outcomeOf(f.exact().build());
  }

  @Test
  void aCompletedJobIsCompletedWithItsVideo() {
    f.port.script(ID, processing(ID, 40), completed(ID));

    WaitOutcome outcome = outcome();

    assertThat(outcome).isEqualTo(new WaitOutcome(ID, WaitOutcome.Kind.COMPLETED, Optional.of(completed(ID)),
        Optional.empty()));
    assertThat(outcome.isCompleted()).isTrue();
  }

  @Test
  void aFailedJobIsFailedWithItsErrorCodeAndNoException() {
    f.port.script(ID, failed(ID, "moderation_blocked", "blocked"));

    WaitOutcome outcome = outcome();

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.FAILED);
    assertThat(outcome.video().flatMap(Video::error).flatMap(VideoError::code)).contains("moderation_blocked");
    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.isCompleted()).isFalse();
  }

  @Test
  void aVideoThatExpiredBeforeItWasReadIsExpired() {
    Video expired = Video.builder(ID, VideoStatus.COMPLETED).expiresAt(Instant.parse("2020-01-01T00:00:00Z")).build();
    f.port.script(ID, expired);

    WaitOutcome outcome = outcome();

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.EXPIRED);
    assertThat(outcome.video()).contains(expired);
  }

  @Test
  void aDeadlineIsTimedOutWithTheLastVideoSeen() {
    f.port.script(ID, processing(ID, 70));

    WaitOutcome outcome = outcomeOf(f.exact().timeout(Duration.ofMinutes(2)).build());

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT);
    assertThat(outcome.video()).contains(processing(ID, 70));
    assertThat(outcome.error()).hasValueSatisfying(e ->
        assertThat(((VideoWaitException) e).kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT));
  }

  @Test
  void anUnknownJobIsNotFound() {
    f.port.script(ID, notFound(ID));

    WaitOutcome outcome = outcome();

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.NOT_FOUND);
    assertThat(outcome.video()).isEmpty();
    assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e).hasCauseInstanceOf(VideoNotFoundException.class));
  }

  @Test
  void aRefusedKeyIsAnError() {
    f.port.script(ID, processing(ID, 10), unauthenticated());

    WaitOutcome outcome = outcome();

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.ERROR);
    assertThat(outcome.video()).contains(processing(ID, 10));
    assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e).hasCauseInstanceOf(SoraApiException.class));
  }

  @Test
  void listenersHearTheSameKind() {
    f.port.script(ID, notFound(ID));

    outcome();

    assertThat(f.listener.events()).last().isEqualTo("25.0s finished NOT_FOUND -");
  }

  @Test
  void cancellingTheOutcomeStopsTheWait() {
    f.port.script(ID, processing(ID, 10));
    CompletableFuture<WaitOutcome> outcome = f.poller.awaitOutcomeAsync(ID);
    f.time.advance(Duration.ofSeconds(15));

    outcome.cancel(true);
    f.time.advance(Duration.ofHours(1));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
    assertThat(f.time.pendingTasks()).isZero();
    assertThat(f.listener.events()).last().isEqualTo("15.0s finished CANCELLED processing");
  }

  @Test
  void aBlockingOutcomeWaitIsEndedByAnInterruptAsAnError() throws InterruptedException {
    f.port.script(ID, processing(ID, 10));
    PollerFixture.Blocking<WaitOutcome> call = f.onOwnThread(() -> f.poller.awaitOutcome(ID), 2);

    call.thread.interrupt();
    call.join();

    assertThat(call.result.get().kind()).isEqualTo(WaitOutcome.Kind.ERROR);
    assertThat(call.result.get().error()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("interrupted"));
    assertThat(call.interruptedAfter.get()).isTrue();
  }

  @Test
  void anOutcomeIsCheckedWhenBuilt() {
    assertThatThrownBy(() -> new WaitOutcome(ID, WaitOutcome.Kind.COMPLETED, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("COMPLETED needs the final video and no error");
    assertThatThrownBy(() -> new WaitOutcome(ID, WaitOutcome.Kind.TIMED_OUT, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("TIMED_OUT needs the error that ended the wait");
    assertThatThrownBy(() -> new WaitOutcome(ID, WaitOutcome.Kind.COMPLETED,
        Optional.of(completed(VideoId.of("video_other"))), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the video is video_other, not video_123");
    assertThatThrownBy(() -> new WaitOutcome(ID, WaitOutcome.Kind.CANCELLED, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
