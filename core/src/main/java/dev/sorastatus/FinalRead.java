package dev.sorastatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one read a resumed wait makes when its deadline passed while no process waited: a job that finished
 * meanwhile ends the wait with its final state, anything else with a time-out. The read takes a slot of the
 * poller's request budget like any other, so that many overdue waits resumed at once do not burst.
 */
final class FinalRead {
  private final VideoPoller poller;
  private final Waiter waiter;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile CompletableFuture<Video> request;

  private FinalRead(VideoPoller poller, Waiter waiter) {
    this.poller = poller;
    this.waiter = waiter;
  }

  /** Plans the read of {@code waiter}'s job; cancelling the waiter's future withdraws it. */
  static void start(VideoPoller poller, Waiter waiter) {
    FinalRead read = new FinalRead(poller, waiter);
    Instant now = poller.clock().instant();
    Instant slot = poller.budget().reserve(now, Instant.MAX).orElse(now);
    TaskScheduler.Scheduled timer = poller.scheduler().schedule(Duration.between(now, slot), read::send);
    waiter.future().whenComplete((video, failure) -> {
      read.end(waiter::cancelled); // a no-op unless the caller cancelled first; before the request's end
      timer.cancel();
      CompletableFuture<Video> sent = read.request;
      if (sent != null) {
        sent.cancel(true);
      }
    });
  }

  private void send() {
    if (waiter.future().isDone()) {
      return;
    }
    CompletableFuture<Video> sent;
    try {
      sent = Objects.requireNonNull(poller.port().retrieveAsync(waiter.id()), "retrieveAsync returned null");
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    request = sent;
    if (waiter.future().isDone()) {
      sent.cancel(true); // cancelled while the request was being sent
      return;
    }
    sent.whenComplete(this::onResult);
  }

  private void onResult(Video video, Throwable failure) {
    Instant now = poller.clock().instant();
    end(() -> {
      waiter.countRead();
      if (failure == null && video != null && video.id().equals(waiter.id())) {
        waiter.observe(video);
        if (video.isTerminal()) {
          waiter.finish(video, now);
        } else {
          waiter.timeOut(null);
        }
      } else {
        waiter.timeOut(failure == null ? null : PollLoop.unwrap(failure));
      }
    });
  }

  /** Ends the wait once, with what {@code ending} posts, then runs the posted events. */
  private void end(Runnable ending) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) { // the waiter's state is guarded by its owner's lock: here, this read
      ending.run();
    }
    waiter.drain();
  }
}
