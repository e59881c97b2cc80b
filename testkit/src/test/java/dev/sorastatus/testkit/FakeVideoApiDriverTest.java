package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.PollOptions;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.WaitOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake runs its own virtual time until a future, a condition or a blocking call is done. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeVideoApiDriverTest {
  private final FakeVideoApi api = FakeVideoApi.create();
  private final VideoPoller poller = VideoPoller.builder(api.port())
      .defaults(PollOptions.builder().jitter(0).build()).build();

  @Test
  void anAsyncWaitRunsToItsEndOnTheSchedule() {
    VideoId id = api.job().queued().processing(50).completed().create();

    Video done = api.runUntilDone(poller.awaitAsync(id));

    assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofSeconds(25)); // reads at 0, 10 and 25 s
  }

  @Test
  void aFailedFutureThrowsItsOwnError() {
    VideoId id = api.job().processing(10).create();

    assertThatThrownBy(() -> api.runUntilDone(poller.awaitAsync(id, poller.defaults().toBuilder()
        .timeout(Duration.ofMinutes(1)).build())))
        .isInstanceOfSatisfying(VideoWaitException.class, e -> assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT));
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void timeRunsUntilAConditionHolds() {
    VideoId id = api.job().queued().processing(50).completed().create();
    CompletableFuture<WaitOutcome> outcome = poller.awaitOutcomeAsync(id);

    api.runUntil(() -> api.retrievals(id) == 2);

    assertThat(api.time().elapsed()).isEqualTo(Duration.ofSeconds(10));
    assertThat(outcome).isNotDone();
  }

  @Test
  void aBlockingWaitIsTestableOnVirtualTime() {
    VideoId id = api.job().queued().processing(50).completed().create();

    Video done = api.runBlocking(() -> poller.await(id));

    assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void aBlockingCallsErrorIsThrownAsIs() {
    VideoId id = api.job().failed("moderation_blocked", "blocked").create();

    assertThatThrownBy(() -> api.runBlocking(() -> poller.awaitCompleted(id)))
        .isInstanceOfSatisfying(VideoWaitException.class, e -> assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.FAILED));
  }
}
