package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;

import dev.sorastatus.PollListener;
import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The library's own poller, driven by the fake's virtual time: a ten-minute job in milliseconds. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeVideoApiWithPollerTest {
  private final FakeVideoApi api = FakeVideoApi.create();
  private final VirtualTime time = api.time();
  private final List<String> events = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();
  private final PollListener listener = new PollListener() {
    @Override
    public void statusChanged(Video video) {
      events.add(time.elapsed().toSeconds() + "s " + video.rawStatus() + " " + video.progress());
    }

    @Override
    public void progressChanged(Video video) {
      progress.add(time.elapsed().toSeconds() + "s " + video.progress());
    }

    @Override
    public void retryScheduled(VideoId id, SoraException cause, Duration delay, int retriesInARow) {
      events.add(time.elapsed().toSeconds() + "s retry in " + delay.toSeconds() + "s after "
          + cause.getClass().getSimpleName());
    }
  };
  private final PollOptions everyTenSeconds = PollOptions.builder()
      .initialInterval(Duration.ofSeconds(10)).multiplier(1).maxInterval(Duration.ofSeconds(10)).jitter(0)
      .timeout(Duration.ofMinutes(30)).listener(listener).build();
  private final VideoPoller poller = VideoPoller.builder(api.port())
      .defaults(everyTenSeconds).build();

  @Test
  void tenMinuteJobOnATimelineCompletesInMilliseconds() throws Exception {
    VideoId id = api.job()
        .advanceEvery(Duration.ofMinutes(2))
        .queued()
        .processing(30).lasting(Duration.ofMinutes(5))
        .processing(80).lasting(Duration.ofMinutes(3))
        .completed()
        .create();
    Instant start = time.now();
    long began = System.nanoTime();

    CompletableFuture<Video> done = poller.awaitCompletedAsync(id);
    time.advance(Duration.ofMinutes(15));

    assertThat(done).isDone();
    assertThat(done.get()).isCompleted().wasCompletedAt(start.plus(Duration.ofMinutes(10)));
    assertThat(events).containsExactly("0s queued 0", "120s in_progress 30", "600s completed 100");
    assertThat(progress).contains("420s 80");
    assertThat(api.retrievals(id)).isEqualTo(61); // a read every 10 s from 0 s to 600 s
    assertThat(time.pendingTasks()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void scriptedRateLimitIsWaitedOutByTheClientAsOverHttp() throws Exception {
    VideoId id = api.job().queued().rateLimited(Duration.ofSeconds(25)).processing(50).completed().create();

    CompletableFuture<Video> done = poller.awaitCompletedAsync(id);
    time.advance(Duration.ofMinutes(5));

    assertThat(done.get()).isCompleted();
    assertThat(events).first().isEqualTo("0s queued 0");
    // the client's retries waited the 429 out, as they do over HTTP: the poller never saw it
    assertThat(events).noneMatch(e -> e.contains("retry"));
    assertThat(api.retrievals(id)).isEqualTo(4);
    assertThat(Duration.between(api.journal().get(1).at(), api.journal().get(2).at()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(25));
  }
}
