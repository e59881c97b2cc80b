package dev.sorastatus;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One caller's wait on a {@link PollLoop}: its own deadline, error tolerance, expiry rule, listeners and
 * monotonic view of the job. The loop decides under its lock and only posts events here; {@link #drain()}
 * runs them afterwards, outside every lock, one at a time and in order, with the future's completion last.
 */
final class Waiter {
  private static final Logger LOG = System.getLogger(VideoPoller.class.getName());

  private final VideoId id;
  private final PollOptions options;
  private final boolean requireCompleted;
  private final Instant startedAt;
  private final Instant deadline;
  private final boolean resumed;
  private final CompletableFuture<Video> future = new CompletableFuture<>();
  private final CompletableFuture<WaitOutcome> outcome = new CompletableFuture<>();
  private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private GuardedObserver observer = GuardedObserver.NO_OP;
  private Clock clock;

  // Guarded by the loop's lock.
  private VideoStatus reportedStatus;
  private int reportedProgress;
  private int retriesInARow;
  private int notFoundInARow;
  private int reads;
  private volatile Video lastSeen;
  private volatile HandOff handOff;

  Waiter(VideoId id, PollOptions options, boolean requireCompleted, Instant startedAt) {
    this.id = id;
    this.options = options;
    this.requireCompleted = requireCompleted;
    this.startedAt = startedAt;
    this.deadline = PollLoop.plus(startedAt, options.timeout());
    this.resumed = false;
  }

  /**
   * Continues a saved wait: its start, deadline, counts and last video, whose status and progress count as
   * reported, so that listeners hear only what changed since the state was saved.
   */
  Waiter(WaitState state, PollOptions options) {
    this.id = state.videoId();
    this.options = options;
    this.requireCompleted = false;
    this.startedAt = state.startedAt();
    this.deadline = state.deadline();
    this.resumed = true;
    this.reads = state.reads();
    this.retriesInARow = state.consecutiveFailures();
    state.lastVideo().ifPresent(v -> {
      lastSeen = v;
      reportedStatus = v.status();
      reportedProgress = v.progress();
    });
  }

  /** Tells {@code observer} that this wait started, and later how it ended; call once, before it is polled. */
  void observedBy(GuardedObserver observer, Clock clock) {
    if (!observer.isNoOp()) {
      this.observer = observer;
      this.clock = clock;
      observer.waitStarted(id);
    }
  }

  VideoId id() {
    return id;
  }

  CompletableFuture<Video> future() {
    return future;
  }

  /**
   * Makes the wait's end hand its result over, as work on {@code scheduler}, to the blocking call that is
   * about to park on it, which calls {@link HandOff#resumed()} once it runs again.
   */
  HandOff handOffTo(TaskScheduler scheduler) {
    HandOff h = new HandOff(scheduler);
    this.handOff = h;
    return h;
  }

  /** Returns the wait's outcome as a value; it completes just before {@link #future()}. */
  CompletableFuture<WaitOutcome> outcome() {
    return outcome;
  }

  Instant deadline() {
    return deadline;
  }

  Optional<Video> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  /** Counts one read answered to this wait, before the answer is taken in. */
  void countRead() {
    reads++;
  }

  /** Tells the listeners where the wait stands after a read that did not end it. */
  void checkpoint(Instant nextReadAt) {
    if (options.listeners().isEmpty()) {
      return;
    }
    WaitState state = new WaitState(id, startedAt, deadline, reads, retriesInARow, lastSeen(), nextReadAt);
    post(() -> options.listeners().forEach(l -> notify(l, () -> l.checkpoint(state))));
  }

  /** Takes in a successful read, posting a status and a progress event when they moved forward. */
  void observe(Video video) {
    lastSeen = video;
    retriesInARow = 0;
    notFoundInARow = 0;
    VideoStatus status = video.status();
    boolean staleQueued = reportedStatus == VideoStatus.PROCESSING && status == VideoStatus.QUEUED;
    if (status != reportedStatus && !staleQueued) {
      reportedStatus = status;
      post(() -> {
        LOG.log(Level.DEBUG, () -> "video " + id + " is " + video.rawStatus() + " (" + status + ")");
        options.listeners().forEach(l -> notify(l, () -> l.statusChanged(video)));
      });
    }
    if (video.progress() > reportedProgress) {
      reportedProgress = video.progress();
      post(() -> {
        LOG.log(Level.DEBUG, () -> "video " + id + " is at " + video.progress() + "%");
        options.listeners().forEach(l -> notify(l, () -> l.progressChanged(video)));
      });
    }
  }

  /**
   * Takes in a transient error.
   *
   * @return true when the wait goes on, false when it ended here with too many errors in a row
   */
  boolean retry(SoraException cause, Duration delay) {
    retriesInARow++;
    if (retriesInARow > options.maxConsecutiveRetries()) {
      fail(cause, "wait for video " + id + " gave up after " + retriesInARow + " transient errors in a row ("
          + describeLastSeen() + "): " + cause.getMessage());
      return false;
    }
    int attempt = retriesInARow;
    post(() -> {
      LOG.log(Level.DEBUG, () -> "video " + id + ": retrying in " + delay + " after error " + attempt + " in a row: "
          + cause.getMessage());
      options.listeners().forEach(l -> notify(l, () -> l.retryScheduled(id, cause, delay, attempt)));
    });
    return true;
  }

  /**
   * Takes in a not-found answer: tolerated a few times in a row before the job was first read, since some
   * gateways do not know a job for a moment after creating it; once it was read, it ends the wait.
   *
   * @return true when the wait goes on
   */
  boolean notFound(VideoNotFoundException cause, Duration delay) {
    if (lastSeen != null) {
      fail(cause);
      return false;
    }
    notFoundInARow++;
    if (notFoundInARow >= options.notFoundReadsBeforeSeen()) {
      fail(cause, "wait for video " + id + " ended: not found on " + notFoundInARow
          + (notFoundInARow == 1 ? " read" : " reads in a row") + " and never read: " + cause.getMessage());
      return false;
    }
    int attempt = notFoundInARow;
    post(() -> {
      LOG.log(Level.DEBUG, () -> "video " + id + ": not found yet (" + attempt + " in a row), reading again in "
          + delay);
      options.listeners().forEach(l -> notify(l, () -> l.retryScheduled(id, cause, delay, attempt)));
    });
    return true;
  }

  /** Ends the wait because the server asked to wait past its deadline. */
  void rateLimitedPastDeadline(SoraApiException cause, Duration delay) {
    fail(cause, "wait for video " + id + " ended (" + describeLastSeen() + "): the server asked to wait "
        + delay.toMillis() + " ms before the next read, past the wait's deadline: " + cause.getMessage());
  }

  /** Ends the wait with the job's terminal state. */
  void finish(Video video, Instant now) {
    if (video.status() == VideoStatus.FAILED) {
      end(WaitOutcome.Kind.FAILED, video, requireCompleted ? new VideoWaitException(id, WaitOutcome.Kind.FAILED,
          failedMessage(video), Optional.of(video), null) : null);
    } else if (video.isExpired(now)) {
      Instant expiresAt = video.expiresAt().orElseThrow();
      end(WaitOutcome.Kind.EXPIRED, video, options.expiredIsError() ? new VideoWaitException(id,
          WaitOutcome.Kind.EXPIRED, "video " + id + " completed but expired at " + expiresAt, Optional.of(video), null)
          : null);
    } else {
      end(WaitOutcome.Kind.COMPLETED, video, null);
    }
  }

  /** Ends the wait with a request's error. */
  void fail(Throwable cause) {
    fail(cause, "wait for video " + id + " ended (" + describeLastSeen() + "): "
        + cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  private void fail(Throwable cause, String message) {
    WaitOutcome.Kind kind = cause instanceof VideoNotFoundException ? WaitOutcome.Kind.NOT_FOUND : WaitOutcome.Kind.ERROR;
    end(kind, null, new VideoWaitException(id, kind, message, lastSeen(), cause));
  }

  /** Ends the wait at its deadline. */
  void timeOut() {
    timeOut(null);
  }

  /** Ends the wait at its deadline; {@code cause} is the error of a final read after it, or null. */
  void timeOut(Throwable cause) {
    String within = resumed ? "by its deadline " + deadline : "within " + options.timeout();
    end(WaitOutcome.Kind.TIMED_OUT, null, new VideoWaitException(id, WaitOutcome.Kind.TIMED_OUT, "video " + id
        + " did not finish " + within + "; " + describeLastSeen(), lastSeen(), cause));
  }

  /** Records that the caller cancelled (or otherwise completed) the wait's future. */
  void cancelled() {
    end(WaitOutcome.Kind.CANCELLED, null, null);
  }

  /**
   * Ends the wait: listeners are told, then the outcome value completes, then the future, with
   * {@code failure} when it is given and otherwise with the final video.
   *
   * @param finalVideo the job's final state, for the kinds that have one
   * @param failure what the future fails with, or null
   */
  private void end(WaitOutcome.Kind kind, Video finalVideo, SoraException failure) {
    Optional<Video> seen = lastSeen();
    post(() -> {
      LOG.log(Level.DEBUG, () -> "video " + id + ": wait finished " + kind
          + (failure != null ? ": " + failure.getMessage() : ""));
      options.listeners().forEach(l -> notify(l, () -> l.finished(id, kind, seen)));
      if (!observer.isNoOp()) {
        observer.waitFinished(id, kind, GuardedObserver.since(clock, startedAt));
      }
      HandOff parked = handOff;
      if (parked != null) {
        parked.completing();
      }
      if (kind != WaitOutcome.Kind.CANCELLED) {
        boolean finalState = finalVideo != null;
        outcome.complete(new WaitOutcome(id, kind, finalState ? Optional.of(finalVideo) : seen,
            finalState ? Optional.empty() : Optional.of(failure)));
      }
      if (failure != null) {
        future.completeExceptionally(failure);
      } else if (finalVideo != null) {
        future.complete(finalVideo);
      }
    });
  }

  private static String failedMessage(Video video) {
    String reason = video.error()
        .map(e -> e.code().map(c -> c + ": ").orElse("") + e.message())
        .filter(s -> !s.isEmpty())
        .orElse("no reason given");
    return "video " + video.id() + " failed (" + video.rawStatus() + "): " + reason;
  }

  private String describeLastSeen() {
    return VideoWaitException.describe(lastSeen());
  }

  private void post(Runnable event) {
    events.add(event);
  }

  /** Runs the posted events; a thread that finds another one draining leaves the work to it. */
  void drain() {
    while (!events.isEmpty()) {
      if (!draining.compareAndSet(false, true)) {
        return;
      }
      try {
        Runnable event;
        while ((event = events.poll()) != null) {
          event.run();
        }
      } finally {
        draining.set(false);
      }
    }
  }

  private void notify(PollListener listener, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "listener " + listener + " of the wait for video " + id
          + " threw; the wait goes on", e);
    }
  }
}
