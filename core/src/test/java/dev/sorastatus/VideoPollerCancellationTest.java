package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.processing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VideoPollerCancellationTest {
  private final PollerFixture f = new PollerFixture();

  @Test
  void cancellingTheFutureStopsEveryFurtherPoll() {
    f.port.script(ID, processing(ID, 10));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(12));
    assertThat(done.cancel(true)).isTrue();
    f.time.advance(Duration.ofHours(1));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
    assertThat(f.time.pendingTasks()).isZero();
    assertThat(f.poller.activeLoops()).isZero();
    assertThat(f.listener.events()).last().isEqualTo("12.0s finished CANCELLED processing");
  }

  @Test
  void cancellingTheFutureCancelsTheRequestInFlight() {
    f.port.script(ID, processing(ID, 10));
    f.port.hold();

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(1));
    assertThat(f.port.held()).hasSize(1);
    done.cancel(true);
    f.time.advance(Duration.ofHours(1));

    assertThat(f.port.held()).singleElement().satisfies(r -> assertThat(r).isCancelled());
    assertThat(f.port.requestCount(ID)).isEqualTo(1);
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void interruptingAWaitingThreadEndsTheWaitPromptlyWithTheFlagRestored() throws InterruptedException {
    f.port.script(ID, processing(ID, 25));

    PollerFixture.Blocking<Video> call = f.onOwnThread(() -> f.poller.await(ID), 2);
    f.time.advance(Duration.ofSeconds(10));
    call.thread.interrupt();
    call.join();
    f.time.advance(Duration.ofHours(1));

    assertThat(call.interruptedAfter.get()).isTrue();
    assertThat(call.failure.get()).isExactlyInstanceOf(VideoWaitException.class)
        .hasCauseInstanceOf(InterruptedException.class)
        .hasMessage("wait for video video_123 was interrupted");
    assertThat(((VideoWaitException) call.failure.get()).lastSeen()).contains(processing(ID, 25));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
    assertThat(f.time.pendingTasks()).isZero();
    assertThat(f.listener.events()).last().isEqualTo("10.0s finished CANCELLED processing");
  }

  @Test
  void threadInterruptedBeforeAwaitDoesNotWait() {
    f.port.script(ID, processing(ID, 25));

    Thread.currentThread().interrupt();
    Throwable e = catchThrowable(() -> f.poller.await(ID));
    boolean interrupted = Thread.interrupted(); // clears the flag for the next tests
    f.time.advance(Duration.ofHours(1));

    assertThat(interrupted).isTrue();
    assertThat(e).isExactlyInstanceOf(VideoWaitException.class).hasCauseInstanceOf(InterruptedException.class);
    assertThat(f.port.requestCount(ID)).isZero();
    assertThat(f.time.pendingTasks()).isZero();
  }
}
