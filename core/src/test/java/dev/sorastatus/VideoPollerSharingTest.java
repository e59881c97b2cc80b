package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VideoPollerSharingTest {
  private final PollerFixture f = new PollerFixture();

  @Test
  void twoWaitsOnTheSameIdShareOnePollingLoop() {
    f.port.script(ID, queued(ID), processing(ID, 50), completed(ID));
    RecordingListener second = new RecordingListener(f.time);

    CompletableFuture<Video> a = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(5));
    CompletableFuture<Video> b = f.poller.awaitCompletedAsync(ID, f.exact().listener(second).build());
    assertThat(f.poller.activeLoops()).isEqualTo(1);
    f.time.advance(Duration.ofHours(1));

    assertThat(a.join()).isSameAs(b.join());
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25));
    assertThat(second.events()).containsExactly(
        "5.0s status queued", // told the loop's last read at once
        "10.0s status processing",
        "10.0s progress 50",
        "25.0s status completed",
        "25.0s progress 100",
        "25.0s finished COMPLETED completed");
    assertThat(f.poller.activeLoops()).isZero();
  }

  @Test
  void eachWaitOnASharedLoopKeepsItsOwnDeadline() {
    f.port.script(ID, processing(ID, 20));

    CompletableFuture<Video> shortWait = f.poller.awaitAsync(ID, f.exact().timeout(Duration.ofMinutes(1)).build());
    f.time.advance(Duration.ofSeconds(5));
    CompletableFuture<Video> longWait = f.poller.awaitAsync(ID, f.exact().timeout(Duration.ofMinutes(2)).build());
    CompletableFuture<Duration> shortEnd = f.completionTime(shortWait);
    CompletableFuture<Duration> longEnd = f.completionTime(longWait);
    f.time.advance(Duration.ofHours(1));

    assertThat(shortEnd.join()).isEqualTo(Duration.ofSeconds(60));
    assertThat(longEnd.join()).isEqualTo(Duration.ofSeconds(125));
    assertThatThrownBy(shortWait::join).cause().isInstanceOfSatisfying(VideoWaitException.class,
        e -> assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT));
    assertThatThrownBy(longWait::join).cause().isInstanceOfSatisfying(VideoWaitException.class,
        e -> assertThat(e).hasMessageStartingWith("video video_123 did not finish within PT2M"));
    // The loop runs on the first wait's schedule and stops before the later deadline (125 s).
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5, 77.5, 107.5));
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void cancellingOneWaitLeavesTheOtherPollingAndCancellingTheLastStopsTheLoop() {
    f.port.script(ID, processing(ID, 20));

    CompletableFuture<Video> a = f.poller.awaitAsync(ID);
    CompletableFuture<Video> b = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(11));
    a.cancel(true);
    f.time.advance(Duration.ofSeconds(30));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25));
    b.cancel(true);
    f.time.advance(Duration.ofHours(1));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25));
    assertThat(f.poller.activeLoops()).isZero();
    assertThat(f.time.pendingTasks()).isZero();
  }

  @Test
  void waitAfterTheLoopEndedStartsANewOne() {
    f.port.script(ID, completed(ID));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(1));
    CompletableFuture<Video> again = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(1));

    assertThat(again.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 1));
  }

  @Test
  void laterWaitRevivesALoopThatHadStoppedForItsDeadlines() {
    f.port.script(ID, processing(ID, 20), completed(ID));

    f.poller.awaitAsync(ID, f.exact().timeout(Duration.ofSeconds(8)).build());
    f.time.advance(Duration.ofSeconds(5)); // the loop read at 0 s and plans nothing: 10 s is past 8 s
    CompletableFuture<Video> later = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(1));

    assertThat(later.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
  }

  @Test
  void requestBudgetSpacesRequestsAcrossAllWaits() {
    VideoId b = VideoId.of("video_b");
    VideoId c = VideoId.of("video_c");
    for (VideoId id : List.of(ID, b, c)) {
      f.port.script(id, processing(id, 10), completed(id));
    }
    VideoPoller budgeted = f.poller(f.port, 1);

    List<CompletableFuture<Video>> waits = new ArrayList<>();
    for (VideoId id : List.of(ID, b, c)) {
      waits.add(budgeted.awaitAsync(id));
    }
    f.time.advance(Duration.ofMinutes(1));

    waits.forEach(w -> assertThat(w.join().status()).isEqualTo(VideoStatus.COMPLETED));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10));
    assertThat(f.port.requestTimes(b)).isEqualTo(seconds(1, 11));
    assertThat(f.port.requestTimes(c)).isEqualTo(seconds(2, 12));
  }

  @Test
  void concurrentWaitsAndCancelsOnOneIdLeaveNoLoopBehind() throws Exception {
    f.port.script(ID, processing(ID, 20));
    int threads = 4;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<CompletableFuture<Video>>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          go.await();
          List<CompletableFuture<Video>> mine = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            CompletableFuture<Video> w = f.poller.awaitAsync(ID);
            if (i % 2 == 0) {
              w.cancel(true);
            } else {
              mine.add(w);
            }
          }
          return mine;
        }));
      }
      go.countDown();
      List<CompletableFuture<Video>> live = new ArrayList<>();
      for (Future<List<CompletableFuture<Video>>> r : results) {
        live.addAll(r.get(30, TimeUnit.SECONDS));
      }
      assertThat(f.poller.activeLoops()).isEqualTo(1);
      f.time.advance(Duration.ofSeconds(1));
      assertThat(f.port.requestCount(ID)).isEqualTo(1);
      live.forEach(w -> w.cancel(true));
    } finally {
      pool.shutdownNow();
    }
    f.time.advance(Duration.ofHours(1));

    assertThat(f.poller.activeLoops()).isZero();
    assertThat(f.time.pendingTasks()).isZero();
    assertThat(f.port.requestCount(ID)).isEqualTo(1);
  }

  @Test
  void budgetIsNeverExceededEvenWhenManyWaitsStartTogether() {
    List<VideoId> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      VideoId id = VideoId.of("video_" + i);
      ids.add(id);
      f.port.script(id, queued(id), processing(id, 50), completed(id));
    }
    VideoPoller budgeted = f.poller(f.port, 4);

    ids.forEach(budgeted::awaitAsync);
    f.time.advance(Duration.ofHours(1));

    List<Instant> times = f.port.allRequestTimes();
    assertThat(times).hasSize(150);
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
  }
}
