package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A push event wakes a wait: one read now, through the budget, never doubled, never sooner than a 429 allows. */
class VideoPollerWakeTest {
  private final PollerFixture f = new PollerFixture();
  private final PollOptions every30s = f.exact().initialDelay(Duration.ZERO).initialInterval(Duration.ofSeconds(30))
      .multiplier(1).build();

  @Test
  void aWakeReadsAtOnceInsteadOfAtTheNextPoll() {
    f.port.script(ID, queued(ID), completed(ID));
    CompletableFuture<Duration> done = f.completionTime(f.poller.awaitAsync(ID, every30s));
    f.time.advance(Duration.ofSeconds(12));

    assertThat(f.poller.wake(ID)).isTrue();
    f.time.runDue();

    assertThat(done).isCompletedWithValue(Duration.ofSeconds(12));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 12));
  }

  @Test
  void aWakeForAJobNobodyWaitsForIsFalseAndReadsNothing() {
    assertThat(f.poller.wake(VideoId.of("video_nobody"))).isFalse();
    assertThat(f.port.requestCount()).isZero();
  }

  @Test
  void theWaitGoesOnFromTheReadAndNotFromTheEvent() {
    f.port.script(ID, queued(ID), processing(ID, 40), completed(ID));
    CompletableFuture<Duration> done = f.completionTime(f.poller.awaitAsync(ID, every30s));
    f.time.advance(Duration.ofSeconds(5));

    f.poller.wake(ID); // an early or forged event: the read still says processing
    f.time.runDue();

    assertThat(done).isNotDone();
    f.time.advance(Duration.ofMinutes(1));
    assertThat(done).isCompletedWithValue(Duration.ofSeconds(35)); // the schedule goes on from the woken read
  }

  @Test
  void manyWakesMakeOneRead() {
    f.port.script(ID, queued(ID), processing(ID, 40), completed(ID));
    f.poller.awaitAsync(ID, every30s);
    f.time.advance(Duration.ofSeconds(3));

    f.poller.wake(ID);
    f.poller.wake(ID);
    f.poller.wake(ID);
    f.time.runDue();

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 3));
  }

  @Test
  void aWakeWhileAReadIsInFlightIsFollowedByOneReadAfterItsAnswer() {
    f.port.script(ID, queued(ID), processing(ID, 40), completed(ID));
    CompletableFuture<Video> wait = f.poller.awaitAsync(ID, every30s);
    f.port.hold();
    f.time.runDue(); // the first read is sent and held
    assertThat(f.port.held()).hasSize(1);

    assertThat(f.poller.wake(ID)).isTrue();
    f.poller.wake(ID);
    f.time.runDue();
    assertThat(f.port.requestCount(ID)).isEqualTo(1); // no second read beside the one in flight

    f.port.held().get(0).complete(queued(ID));
    f.time.runDue();
    assertThat(f.port.requestCount(ID)).isEqualTo(2); // sent at once, not 30 s later
    assertThat(wait).isNotDone();
  }

  @Test
  void wokenReadsStayWithinTheRequestBudget() {
    VideoId other = VideoId.of("video_other");
    f.port.script(ID, queued(ID), completed(ID));
    f.port.script(other, queued(other), completed(other));
    VideoPoller budgeted = f.poller(f.port, 1);
    budgeted.awaitAsync(ID, every30s);
    budgeted.awaitAsync(other, every30s);
    f.time.advance(Duration.ofSeconds(10));

    budgeted.wake(ID);
    budgeted.wake(other);
    f.time.advance(Duration.ofSeconds(2));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
    assertThat(f.port.requestTimes(other)).isEqualTo(seconds(1, 11)); // one second apart, as the budget says
  }

  @Test
  void aWakeDoesNotShortenTheServersRateLimitDelay() {
    f.port.script(ID, Videos.rateLimited(Optional.of(Duration.ofSeconds(20))), completed(ID));
    f.poller.awaitAsync(ID, every30s);
    f.time.runDue();
    f.time.advance(Duration.ofSeconds(5));

    f.poller.wake(ID);
    f.time.advance(Duration.ofSeconds(14));
    assertThat(f.port.requestCount(ID)).isEqualTo(1);
    f.time.advance(Duration.ofSeconds(1));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 20));
  }

  @Test
  void aWakeAfterTheWaitEndedIsFalse() {
    f.port.script(ID, completed(ID));
    f.poller.awaitAsync(ID, every30s);
    f.time.runDue();

    assertThat(f.poller.wake(ID)).isFalse();
  }

  @Test
  void aNullIdIsRefusedByName() {
    assertThatThrownBy(() -> f.poller.wake(null)).isInstanceOf(NullPointerException.class).hasMessage("id == null");
  }
}
