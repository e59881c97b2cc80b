package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;
import static dev.sorastatus.testkit.SoraAssertions.catchThrowableOfType;

import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraException;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.WaitOutcome;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The assertions for how a wait ended: {@link WaitOutcomeAssert} and {@link VideoWaitExceptionAssert}. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WaitAssertionsTest {
  private final FakeVideoApi api = FakeVideoApi.create();
  private final VideoPoller poller = VideoPoller.builder(api.port())
      .defaults(PollOptions.builder().jitter(0).build()).build();

  private WaitOutcome outcome(VideoId id) {
    return api.runUntilDone(poller.awaitOutcomeAsync(id));
  }

  private VideoWaitException waitError(VideoId id) {
    return catchThrowableOfType(VideoWaitException.class, () -> api.runUntilDone(poller.awaitCompletedAsync(id)));
  }

  @Test
  void aCompletedOutcomePassesItsChecks() {
    VideoId id = api.job().queued().processing(50).completed().create();
    assertThat(outcome(id)).isCompleted().hasKind(WaitOutcome.Kind.COMPLETED).isFor(id)
        .hasVideoSatisfying(v -> assertThat(v).isCompleted().hasProgress(100));
  }

  @Test
  void anErrorOutcomePassesItsChecks() {
    VideoId id = api.job().unauthorized().create();
    WaitOutcome refused = outcome(id);
    assertThat(refused).hasKind(WaitOutcome.Kind.ERROR).isFor(id).hasErrorInstanceOf(VideoWaitException.class)
        .hasErrorInstanceOf(SoraException.class);
    assertThat(refused.error().orElseThrow()).cause().isInstanceOfSatisfying(SoraApiException.class, e -> assertThat(e.kind()).isEqualTo(SoraApiException.Kind.AUTHENTICATION));
  }

  @Test
  void outcomeKindFailuresShowTheOutcome() {
    VideoId id = api.job().failed("moderation_blocked", "Blocked.").create();
    WaitOutcome failed = outcome(id);
    assertThatThrownBy(() -> assertThat(failed).isCompleted())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the wait for " + id + " to have ended COMPLETED but it ended FAILED")
        .hasMessageContaining("video ...... FAILED (raw \"failed\")");
    assertThatThrownBy(() -> assertThat(failed).hasKind(WaitOutcome.Kind.EXPIRED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have ended EXPIRED but it ended FAILED");
  }

  @Test
  void outcomeIsForNamesTheOtherJob() {
    VideoId id = api.job().completed().create();
    assertThatThrownBy(() -> assertThat(outcome(id)).isFor(VideoId.of("video_other")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be for video_other but it is for " + id);
  }

  @Test
  void hasVideoSatisfyingRunsTheRequirementsAndNeedsAVideo() {
    VideoId done = api.job().completed().create();
    assertThatThrownBy(() -> assertThat(outcome(done)).hasVideoSatisfying(v -> assertThat(v).isFailed()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be FAILED but it is COMPLETED");
    VideoId refused = api.job().unauthorized().create();
    assertThatThrownBy(() -> assertThat(outcome(refused)).hasVideoSatisfying(v -> { }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have a video but it has none")
        .hasMessageContaining("error ...... VideoWaitException")
        .hasMessageContaining("SoraApiException: HTTP 401");
  }

  @Test
  void hasErrorInstanceOfSaysWhatEndedTheWait() {
    VideoId refused = api.job().unauthorized().create();
    assertThatThrownBy(() -> assertThat(outcome(refused)).hasErrorInstanceOf(SoraApiException.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have ended with SoraApiException but it ended with VideoWaitException");
    VideoId done = api.job().completed().create();
    assertThatThrownBy(() -> assertThat(outcome(done)).hasErrorInstanceOf(SoraApiException.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it has no error");
  }

  @Test
  void aFailedWaitsExceptionPassesItsChecks() {
    VideoId id = api.job().processing(30).failed("moderation_blocked", "Blocked.").create();
    assertThat(waitError(id)).isFor(id).hasKind(WaitOutcome.Kind.FAILED).lastSawStatus(VideoStatus.FAILED)
        .hasMessageContaining(id.value());
  }

  @Test
  void waitExceptionHasKindSaysHowItEnded() {
    VideoId id = api.job().failed("moderation_blocked", "Blocked.").create();
    assertThatThrownBy(() -> assertThat(waitError(id)).hasKind(WaitOutcome.Kind.TIMED_OUT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the wait for " + id + " to have ended TIMED_OUT but it ended FAILED")
        .hasMessageContaining("lastSeen ... FAILED (raw \"failed\") at");
  }

  @Test
  void lastSawStatusSaysWhatWasSeenOrThatNothingWas() {
    VideoId slow = api.job().processing(30).create();
    VideoWaitException timedOut = catchThrowableOfType(VideoWaitException.class, () -> api.runUntilDone(
        poller.awaitCompletedAsync(slow, poller.defaults().toBuilder().timeout(Duration.ofMinutes(1)).build())));
    assertThat(timedOut).hasKind(WaitOutcome.Kind.TIMED_OUT).lastSawStatus(VideoStatus.PROCESSING);
    assertThatThrownBy(() -> assertThat(timedOut).lastSawStatus(VideoStatus.COMPLETED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have last seen the job COMPLETED but it last saw it PROCESSING");
    VideoId refused = api.job().unauthorized().create();
    assertThatThrownBy(() -> assertThat(waitError(refused)).lastSawStatus(VideoStatus.QUEUED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it never read it");
  }

  @Test
  void waitExceptionIsForNamesTheOtherJob() {
    VideoId id = api.job().failed("moderation_blocked", "Blocked.").create();
    assertThatThrownBy(() -> assertThat(waitError(id)).isFor(VideoId.of("video_other")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be for video_other but it is for " + id);
  }

  @Test
  void nullsFail() {
    assertThatThrownBy(() -> assertThat((WaitOutcome) null).isCompleted()).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat((VideoWaitException) null).hasKind(WaitOutcome.Kind.ERROR))
        .isInstanceOf(AssertionError.class);
  }
}
