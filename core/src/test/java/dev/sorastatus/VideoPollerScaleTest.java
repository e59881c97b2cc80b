package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VideoPollerScaleTest {
  private static final int WAITS = 10_000;
  private static final double REQUESTS_PER_SECOND = 2_000;

  @Test
  void tenThousandConcurrentWaitsFinishOnAFewThreadsWithinTheRequestBudget() {
    ManualTime time = new ManualTime();
    // Every job answers queued, then processing, then completed.
    ScriptedPort port = new ScriptedPort(time, (id, n) -> n == 0 ? Videos.queued(id)
        : n == 1 ? Videos.processing(id, 50) : Videos.completed(id));
    Map<WaitOutcome.Kind, Integer> outcomes = new EnumMap<>(WaitOutcome.Kind.class);
    PollListener counter = new PollListener() {
      @Override
      public void finished(VideoId id, WaitOutcome.Kind outcome, Optional<Video> lastSeen) {
        outcomes.merge(outcome, 1, Integer::sum);
      }
    };
    VideoPoller poller = VideoPoller.builder(port)
        .clock(time)
        .scheduler(time)
        .random(new SplittableRandom(1))
        .requestsPerSecond(REQUESTS_PER_SECOND)
        .defaults(PollOptions.builder().listener(counter).build())
        .build();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.resetPeakThreadCount();
    int liveBefore = threads.getThreadCount();
    long startedBefore = threads.getTotalStartedThreadCount();
    long wallStart = System.nanoTime();

    List<CompletableFuture<Video>> waits = new ArrayList<>(WAITS);
    for (int i = 0; i < WAITS; i++) {
      waits.add(poller.awaitAsync(VideoId.of("video_" + i)));
    }
    time.advance(Duration.ofMinutes(30));

    long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
    int peakThreads = threads.getPeakThreadCount();
    long startedThreads = threads.getTotalStartedThreadCount() - startedBefore;
    Duration lastRequest = Duration.between(ManualTime.EPOCH,
        port.allRequestTimes().get(port.allRequestTimes().size() - 1));
    System.out.printf("scale: %d waits, %d requests, virtual %s, wall %d ms, threads live before %d, "
            + "peak %d, started during the run %d%n",
        WAITS, port.requestCount(), lastRequest, wallMillis, liveBefore, peakThreads, startedThreads);

    assertThat(waits).allSatisfy(w -> assertThat(w.join().status()).isEqualTo(VideoStatus.COMPLETED));
    assertThat(outcomes).containsExactly(Map.entry(WaitOutcome.Kind.COMPLETED, WAITS));
    assertThat(port.requestCount()).isEqualTo(3 * WAITS);
    assertThat(startedThreads).isLessThanOrEqualTo(4);
    assertThat(peakThreads - liveBefore).isLessThanOrEqualTo(4);
    List<Instant> times = port.allRequestTimes();
    long spacing = (long) Math.ceil(1e9 / REQUESTS_PER_SECOND);
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i)).toNanos()).isGreaterThanOrEqualTo(spacing);
    }
    assertThat(poller.activeLoops()).isZero();
    assertThat(time.pendingTasks()).isZero();
    assertThat(wallMillis).isLessThan(10_000);
  }
}
