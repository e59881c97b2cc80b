package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.processing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class VideoPollerDeadlineTest {
  private final PollerFixture f = new PollerFixture();

  @Test
  void jobThatNeverFinishesTimesOutExactlyAtTheDefaultDeadlineWithTheLastVideoSeen() {
    f.port.script(ID, processing(ID, 1), processing(ID, 7));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofHours(2));

    assertThat(at.join()).isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(done::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
          assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT);
          assertThat(e.lastSeen()).contains(processing(ID, 7));
          assertThat(e).hasMessage("video video_123 did not finish within PT30M; last seen processing at 7%");
        });
    // 0, 10, 25, 47.5, then every 30 s while before 1800 s: 77.5 + 30k for k = 0..57.
    List<Duration> expected = new ArrayList<>(seconds(0, 10, 25, 47.5));
    for (int k = 0; k <= 57; k++) {
      expected.add(seconds(77.5 + 30 * k));
    }
    assertThat(f.port.requestTimes(ID)).isEqualTo(expected).hasSize(62);
    assertThat(f.time.latestScheduled()).isEqualTo(ManualTime.EPOCH.plus(Duration.ofMinutes(30)));
    assertThat(f.listener.events()).last().isEqualTo("1800.0s finished TIMED_OUT processing");
    assertThat(f.time.pendingTasks()).isZero();
    assertThat(f.poller.activeLoops()).isZero();
  }

  @Test
  void noSleepIsScheduledToEndAfterTheDeadline() {
    f.port.script(ID, processing(ID, 1));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().timeout(Duration.ofSeconds(20)).build());
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofMinutes(5));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
    assertThat(at.join()).isEqualTo(Duration.ofSeconds(20));
    assertThat(f.time.latestScheduled()).isEqualTo(ManualTime.EPOCH.plusSeconds(20));
    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class,
        e -> assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT));
  }

  @Test
  void deadlineCoversARequestInFlightAndCancelsIt() {
    f.port.script(ID, processing(ID, 1));
    f.port.hold();

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().timeout(Duration.ofMinutes(1)).build());
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofMinutes(10));

    assertThat(at.join()).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT);
      assertThat(e.lastSeen()).isEmpty();
      assertThat(e).hasMessage("video video_123 did not finish within PT1M; never read");
    });
    assertThat(f.port.held()).singleElement().satisfies(r -> assertThat(r).isCancelled());
    assertThat(f.port.requestCount(ID)).isEqualTo(1);
  }

  @Test
  void requestTheBudgetCannotFitBeforeTheDeadlineIsNeverSent() {
    VideoId other = VideoId.of("video_456");
    f.port.script(ID, processing(ID, 1)).script(other, processing(other, 1));
    VideoPoller slow = f.poller(f.port, 0.01); // one request per 100 s

    slow.awaitAsync(ID, f.exact().timeout(Duration.ofMinutes(1)).build());
    CompletableFuture<Video> starved = slow.awaitAsync(other, f.exact().timeout(Duration.ofMinutes(1)).build());
    f.time.advance(Duration.ofMinutes(10));

    assertThat(f.port.requestTimes(ID)).containsExactly(seconds(0));
    assertThat(f.port.requestCount(other)).isZero();
    assertThatThrownBy(starved::join).cause().isInstanceOfSatisfying(VideoWaitException.class,
        e -> assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT));
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void blockingAwaitThrowsTheTimeout() throws InterruptedException {
    f.port.script(ID, processing(ID, 3));

    PollerFixture.Blocking<Video> call =
        f.onOwnThread(() -> f.poller.await(ID, f.exact().timeout(Duration.ofMinutes(2)).build()), 2);
    f.time.advance(Duration.ofMinutes(3));
    call.join();

    assertThat(call.failure.get()).isInstanceOfSatisfying(VideoWaitException.class,
        e -> assertThat(e.lastSeen()).contains(processing(ID, 3)));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5, 77.5, 107.5));
  }
}
