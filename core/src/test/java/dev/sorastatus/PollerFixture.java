package dev.sorastatus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Virtual time, a scripted port and a poller over both, with jitter off so that schedules are exact. */
final class PollerFixture {
  final ManualTime time = new ManualTime();
  final ScriptedPort port = new ScriptedPort(time);
  final RecordingListener listener = new RecordingListener(time);
  final VideoPoller poller = poller(port, Double.POSITIVE_INFINITY);

  VideoPoller poller(VideoStatusPort port, double requestsPerSecond) {
    return VideoPoller.builder(port)
        .clock(time)
        .scheduler(time)
        .requestsPerSecond(requestsPerSecond)
        .defaults(exact().build())
        .build();
  }

  /** Returns the default options with jitter off and the recording listener. */
  PollOptions.Builder exact() {
    return PollOptions.builder().jitter(0).listener(listener);
  }

  static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  static List<Duration> seconds(double... s) {
    Duration[] out = new Duration[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = seconds(s[i]);
    }
    return List.of(out);
  }

  /** Returns the virtual time at which {@code future} completes, once it has. */
  <T> CompletableFuture<Duration> completionTime(CompletableFuture<T> future) {
    return future.handle((v, e) -> time.elapsed());
  }

  /**
   * Runs a blocking call on its own thread, spinning (no sleep) until it has scheduled its wait's first
   * tasks, then returns; the test moves virtual time and collects the outcome with {@link Blocking#join()}.
   */
  <T> Blocking<T> onOwnThread(Supplier<T> call, int tasksToWaitFor) {
    Blocking<T> b = new Blocking<>(call);
    b.thread.start();
    while (time.pendingTasks() < tasksToWaitFor && b.thread.isAlive()) {
      Thread.onSpinWait();
    }
    return b;
  }

  static final class Blocking<T> {
    final AtomicReference<T> result = new AtomicReference<>();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
    final Thread thread;

    Blocking(Supplier<T> call) {
      thread = new Thread(() -> {
        try {
          result.set(call.get());
        } catch (RuntimeException e) {
          failure.set(e);
        } finally {
          interruptedAfter.set(Thread.currentThread().isInterrupted());
        }
      }, "blocking-await");
      thread.setDaemon(true);
    }

    /** Waits (bounded, real time) for the call to return. */
    Blocking<T> join() throws InterruptedException {
      thread.join(10_000);
      if (thread.isAlive()) {
        throw new AssertionError("the blocking call did not return");
      }
      return this;
    }
  }
}
