package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking wait holds its scheduler's time from the completion of what it waits on until it has woken up:
 * a virtual-time driver that watches thread states would otherwise see the woken, not yet running, thread as
 * parked and move time on past whatever the call does next.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HandOffTest {
  private static final VideoId ID = VideoId.of("video_hand_off");

  /** ManualTime, recording which thread begins and ends each piece of work. */
  private final ManualTime time = new ManualTime();
  private final List<String> work = new CopyOnWriteArrayList<>();
  private final TaskScheduler recording = new TaskScheduler() {
    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
      return time.schedule(delay, task);
    }

    @Override
    public Runnable beginWork() {
      work.add("begin on " + Thread.currentThread().getName());
      return () -> work.add("end on " + Thread.currentThread().getName());
    }
  };

  /** A port whose one read the test answers itself, on its own thread. */
  private final CompletableFuture<Video> read = new CompletableFuture<>();
  private final CountDownLatch asked = new CountDownLatch(1);
  private final VideoStatusPort port = new VideoStatusPort() {
    @Override
    public Video retrieve(VideoId id) {
      throw new AssertionError("a blocking wait reads asynchronously");
    }

    @Override
    public CompletableFuture<Video> retrieveAsync(VideoId id) {
      asked.countDown();
      return read;
    }
  };

  private final VideoPoller poller = VideoPoller.builder(port).clock(time).scheduler(recording)
      .requestsPerSecond(Double.POSITIVE_INFINITY).build();

  @Test
  void theCompletionBeginsWorkThatTheWokenCallEnds() throws Exception {
    PollerFixture.Blocking<Video> call = waiting(() -> poller.await(ID));

    read.complete(Video.builder(ID, VideoStatus.COMPLETED).build()); // on this thread, as a transport's would
    List<String> atCompletion = List.copyOf(work);
    call.join();

    assertThat(call.result.get().status()).isEqualTo(VideoStatus.COMPLETED);
    // begun before complete() returned, so before the completing thread could let a driver move on
    assertThat(atCompletion).startsWith("begin on " + Thread.currentThread().getName());
    assertThat(work).containsExactly("begin on " + Thread.currentThread().getName(), "end on blocking-await");
  }

  @Test
  void theOutcomeFormHandsOverTheSameWay() throws Exception {
    PollerFixture.Blocking<WaitOutcome> call = waiting(() -> poller.awaitOutcome(ID));

    read.complete(Video.builder(ID, VideoStatus.FAILED).build());
    call.join();

    assertThat(call.result.get().kind()).isEqualTo(WaitOutcome.Kind.FAILED);
    assertThat(work).containsExactly("begin on " + Thread.currentThread().getName(), "end on blocking-await");
  }

  @Test
  void aWaitInterruptedBeforeItsCompletionLeavesNoWorkOpen() throws Exception {
    PollerFixture.Blocking<Video> call = waiting(() -> poller.await(ID));

    call.thread.interrupt();
    call.join();
    read.complete(Video.builder(ID, VideoStatus.COMPLETED).build()); // too late: no one is woken by it

    assertThat(call.failure.get()).isInstanceOf(VideoWaitException.class);
    // the cancelled wait may hand its end over to the call on its way out, but nothing stays open
    assertThat(work.stream().filter(w -> w.startsWith("begin")).count())
        .isEqualTo(work.stream().filter(w -> w.startsWith("end")).count());
  }

  /** Starts the blocking call on its own thread and returns once its wait has asked the port. */
  private <T> PollerFixture.Blocking<T> waiting(Supplier<T> blockingCall) throws InterruptedException {
    PollerFixture.Blocking<T> call = new PollerFixture.Blocking<>(blockingCall);
    call.thread.start();
    while (!asked.await(1, TimeUnit.MILLISECONDS)) {
      time.advance(Duration.ZERO); // runs the first read once the wait has scheduled it
    }
    return call;
  }
}
