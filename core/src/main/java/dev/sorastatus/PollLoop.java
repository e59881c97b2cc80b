package dev.sorastatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one polling loop of a job, shared by every wait on it: it asks the port on a schedule, takes in each
 * answer and ends each wait. It never blocks and never holds a thread between requests: every step is a
 * task on the poller's scheduler or a callback of the port's future.
 *
 * <p>Decisions are made under this object's lock and only post events to waiters; the events, the futures'
 * completions (user code) and the cancellation of timers and requests run after the lock is released. The
 * next request after an answer is put on the scheduler only once that answer's events are out, so a listener
 * that reads the clock sees the time of the read, even when a test's virtual time jumps to the next due
 * task as soon as there is one. The loop polls on the schedule of the wait that started it, and never plans a request at or after the latest
 * deadline of its waits; when its last wait ends it stops, cancelling its timer and any request in flight.
 */
final class PollLoop {
  private static final CompletableFuture<Video> SENDING = new CompletableFuture<>();
  private static final Duration MAX_DURATION = Duration.ofNanos(Long.MAX_VALUE);

  private final VideoPoller poller;
  private final VideoId id;
  private final PollOptions schedule;
  private final List<Waiter> waiters = new ArrayList<>(1);
  private final ProgressTrend trend = new ProgressTrend();

  // Guarded by this.
  private Duration interval;
  private Video lastSeen;
  private TaskScheduler.Scheduled timer;
  private boolean slotReserved;
  private CompletableFuture<Video> inFlight;
  private Instant idleAt;
  private boolean closed;
  /** While an answer's events are delivered, {@link #planAt} only notes the time, in {@link #deferred}. */
  private boolean delivering;
  private Instant deferred;
  /** A wake that came while a read was in flight: the next read after its answer is sent at once. */
  private boolean wokenDuringRead;
  /** Not before this: a rate limit's delay for this job, which a wake does not shorten. */
  private Instant notBefore = Instant.MIN;
  /** Counts planned timers, so that a timer replaced by a wake does nothing if it fires anyway. */
  private long plan;

  PollLoop(VideoPoller poller, VideoId id, PollOptions schedule) {
    this(poller, id, schedule, 0);
  }

  /** A loop whose interval has grown as after {@code readsSoFar} reads: a resumed wait's backoff goes on. */
  PollLoop(VideoPoller poller, VideoId id, PollOptions schedule, int readsSoFar) {
    this.poller = poller;
    this.id = id;
    this.schedule = schedule;
    Duration grown = schedule.initialInterval();
    for (int i = 0; i < readsSoFar; i++) {
      Duration next = grow(grown);
      if (next.equals(grown)) {
        break; // at the max interval, or a fixed one
      }
      grown = next;
    }
    this.interval = grown;
  }

  /**
   * Adds a wait unless this loop has ended. Called inside the registry's {@code compute}, so it only posts
   * events (a late waiter is told the last video read); the caller drains them.
   */
  synchronized boolean attach(Waiter waiter) {
    if (closed) {
      return false;
    }
    waiters.add(waiter);
    if (lastSeen != null) {
      waiter.observe(lastSeen);
    }
    if (idleAt != null && idleAt.isBefore(waiter.deadline())) {
      Instant at = idleAt;
      idleAt = null;
      Instant now = now();
      planAt(at.isBefore(now) ? now : at);
    }
    return true;
  }

  /** Plans the first request of a new loop. */
  synchronized void start() {
    startAt(plus(now(), schedule.initialDelay()));
  }

  /** Plans the first request of a new loop at {@code at}, or at once if that has passed. */
  synchronized void startAt(Instant at) {
    if (!closed && timer == null && inFlight == null && idleAt == null) {
      Instant now = now();
      planAt(at.isBefore(now) ? now : at);
    }
  }

  /**
   * Moves the next read to now, through the poller's request budget: a push event said the job moved. A
   * read already due (waiting for its budget slot) or in flight is not doubled: one in flight is followed,
   * once its answer is in and if the wait goes on, by a read at once, since the event may postdate it.
   *
   * @return false when the loop has ended
   */
  synchronized boolean wake() {
    if (closed) {
      return false;
    }
    Instant now = now();
    Instant at = notBefore.isAfter(now) ? notBefore : now;
    if (inFlight != null) {
      wokenDuringRead = true;
    } else if (delivering) {
      if (deferred == null || deferred.isAfter(at)) {
        deferred = at;
      }
    } else if (slotReserved) {
      return true; // already due, waiting for its slot in the budget
    } else if (timer != null) {
      TaskScheduler.Scheduled replaced = timer;
      timer = null;
      replaced.cancel(); // best effort: a timer that fires anyway finds its plan outdated
      planAt(at);
    } else if (idleAt != null) {
      idleAt = null;
      planAt(at);
    }
    return true;
  }

  /** Ends {@code waiter} at its deadline. */
  void timeOut(Waiter waiter) {
    remove(waiter, true);
  }

  /** Lets go of {@code waiter}, whose future was cancelled or completed by someone else. */
  void detach(Waiter waiter) {
    remove(waiter, false);
  }

  private void remove(Waiter waiter, boolean timedOut) {
    Cleanup cleanup;
    synchronized (this) {
      if (!waiters.remove(waiter)) {
        return; // already ended by this loop
      }
      if (timedOut) {
        waiter.timeOut();
      } else {
        waiter.cancelled();
      }
      cleanup = waiters.isEmpty() ? close() : null;
    }
    if (cleanup != null) {
      cleanup.run();
    }
    waiter.drain();
  }

  private void fire(long planned) {
    synchronized (this) {
      if (closed || planned != plan) {
        return;
      }
      timer = null;
      if (!slotReserved) {
        Instant now = now();
        Optional<Instant> slot = poller.budget().reserve(now, latestDeadline());
        if (slot.isEmpty()) {
          idleAt = now; // no slot before every deadline passes; a later waiter may revive the loop
          return;
        }
        if (slot.get().isAfter(now)) {
          slotReserved = true;
          long next = ++plan;
          timer = poller.scheduler().schedule(Duration.between(now, slot.get()), () -> fire(next));
          return;
        }
      }
      slotReserved = false;
      inFlight = SENDING;
    }
    CompletableFuture<Video> request;
    try {
      request = Objects.requireNonNull(poller.port().retrieveAsync(id), "retrieveAsync returned null");
    } catch (RuntimeException e) {
      request = CompletableFuture.failedFuture(e);
    }
    boolean abandoned;
    synchronized (this) {
      abandoned = closed;
      if (!closed) {
        inFlight = request;
      }
    }
    if (abandoned) {
      request.cancel(true); // the last wait ended while the request was being sent
      return;
    }
    CompletableFuture<Video> sent = request;
    request.whenComplete((video, failure) -> onResult(sent, video, failure));
  }

  private void onResult(CompletableFuture<Video> request, Video video, Throwable failure) {
    List<Waiter> touched;
    Cleanup cleanup = null;
    synchronized (this) {
      if (closed || inFlight != request) {
        return;
      }
      inFlight = null;
      touched = new ArrayList<>(waiters);
      touched.forEach(Waiter::countRead);
      delivering = true;
      if (failure == null && video != null && video.id().equals(id)) {
        onVideo(video);
      } else if (failure == null && video != null) {
        onFailure(foreign(video)); // a port's mix-up is one bad read, never another job's state
      } else {
        onFailure(failure == null ? new NullPointerException("retrieveAsync completed with null") : unwrap(failure));
      }
      if (waiters.isEmpty()) {
        cleanup = close();
      } else if (deferred != null) {
        Instant next = deferred;
        waiters.forEach(w -> w.checkpoint(next));
      }
    }
    if (cleanup != null) {
      cleanup.run();
    }
    touched.forEach(Waiter::drain);
    synchronized (this) {
      delivering = false;
      Instant at = deferred;
      deferred = null;
      if (wokenDuringRead && at != null) {
        Instant now = now();
        Instant woken = notBefore.isAfter(now) ? notBefore : now;
        at = woken.isBefore(at) ? woken : at;
      }
      wokenDuringRead = false;
      if (!closed && at != null) {
        Instant now = now();
        planAt(at.isBefore(now) ? now : at); // the time planned at the read, unless a listener outlasted it
      }
    }
  }

  private void onVideo(Video video) {
    Instant now = now();
    lastSeen = video;
    for (Waiter w : waiters) {
      w.observe(video);
    }
    if (video.isTerminal()) {
      for (Waiter w : waiters) {
        w.finish(video, now);
      }
      waiters.clear();
      return;
    }
    trend.record(now, video);
    Duration backoff = nextBackoff();
    Duration delay = video.pollAfter().map(this::clampHint)
        .or(() -> schedule.adaptToProgress()
            ? trend.remaining().map(r -> clamp(r, schedule.minHint(), schedule.maxInterval()))
            : Optional.empty())
        .orElse(backoff);
    planIn(delay);
  }

  private void onFailure(Throwable cause) {
    if (cause instanceof VideoNotFoundException) {
      onNotFound((VideoNotFoundException) cause);
      return;
    }
    if (!isTransient(cause)) {
      for (Waiter w : waiters) {
        w.fail(cause);
      }
      waiters.clear();
      return;
    }
    SoraException error = (SoraException) cause;
    Duration backoff = nextBackoff();
    if (error instanceof SoraApiException && ((SoraApiException) error).kind() == SoraApiException.Kind.RATE_LIMITED) {
      onRateLimited((SoraApiException) error, backoff);
      return;
    }
    retryAll(error, backoff);
  }

  /**
   * Honours a rate limit that reached the poller: this job's next read is not before the server's delay
   * (never clamped to the max hint, since reading sooner only earns another 429), a wait whose deadline comes
   * first ends now, and every wait of the poller is held back for the delay, up to one max interval: slowed,
   * not stopped, since one response's delay may be that job's alone.
   */
  private void onRateLimited(SoraApiException error, Duration backoff) {
    Instant now = now();
    Optional<Duration> asked = error.retryAfter();
    Duration delay = asked.map(d -> d.compareTo(schedule.minHint()) < 0 ? schedule.minHint() : d).orElse(backoff);
    Instant nextRead = plus(now, delay);
    notBefore = nextRead;
    Duration shared = delay.compareTo(schedule.maxInterval()) > 0 ? schedule.maxInterval() : delay;
    poller.budget().pauseUntil(plus(now, shared));
    poller.observer().rateLimited(delay);
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (asked.isPresent() && !nextRead.isBefore(w.deadline())) {
        w.rateLimitedPastDeadline(error, delay);
        it.remove();
      } else if (!w.retry(error, delay)) {
        it.remove();
      }
    }
    if (!waiters.isEmpty()) {
      poller.observer().retryScheduled(error, delay);
      planIn(delay);
    }
  }

  /** A not-found before the job was first read may be a gateway that has not caught up yet. */
  private void onNotFound(VideoNotFoundException error) {
    Duration backoff = nextBackoff();
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      if (!it.next().notFound(error, backoff)) {
        it.remove();
      }
    }
    if (!waiters.isEmpty()) {
      planIn(backoff);
    }
  }

  private void retryAll(SoraException error, Duration delay) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      if (!it.next().retry(error, delay)) {
        it.remove();
      }
    }
    if (!waiters.isEmpty()) {
      poller.observer().retryScheduled(error, delay);
      planIn(delay);
    }
  }

  /** Returns the bad read that a video of another job stands for. */
  private MalformedResponseException foreign(Video video) {
    return new MalformedResponseException("the port answered the read of video " + id + " with video "
        + video.id() + "; the answer was ignored", 200, "", null);
  }

  /**
   * Returns whether a read's failure is retried inside a wait: rate limits, server and transport errors, a
   * read that ran out of its deadline, and a 200 that is not a video of this job (an HTML page, an empty or
   * foreign body), which a proxy or cache can send once without anything being wrong with the job.
   */
  static boolean isTransient(Throwable cause) {
    if (cause instanceof SoraApiException) {
      SoraApiException.Kind kind = ((SoraApiException) cause).kind();
      return kind == SoraApiException.Kind.RATE_LIMITED || kind == SoraApiException.Kind.SERVER_ERROR;
    }
    return cause instanceof SoraTransportException // a read's retries that ran out of time too: the next may not
        || cause instanceof MalformedResponseException;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof CancellationException
        ? new CancellationException("the request for video was cancelled by someone other than the poller")
        : t;
  }

  private void planIn(Duration delay) {
    planAt(plus(now(), delay));
  }

  private void planAt(Instant at) {
    if (delivering) {
      deferred = at;
      return;
    }
    if (!at.isBefore(latestDeadline())) {
      idleAt = at; // the answer would come too late for every wait: let their deadlines end them
      return;
    }
    long next = ++plan;
    timer = poller.scheduler().schedule(Duration.between(now(), at), () -> fire(next));
  }

  private Instant latestDeadline() {
    Instant latest = Instant.MIN;
    for (Waiter w : waiters) {
      if (w.deadline().isAfter(latest)) {
        latest = w.deadline();
      }
    }
    return latest;
  }

  private Duration nextBackoff() {
    Duration base = interval;
    interval = grow(interval);
    double jitter = schedule.jitter();
    return jitter == 0 ? base : scale(base, 1 + jitter * poller.nextRandom());
  }

  private Duration grow(Duration d) {
    Duration grown = scale(d, schedule.multiplier());
    return grown.compareTo(schedule.maxInterval()) > 0 ? schedule.maxInterval() : grown;
  }

  private Duration clampHint(Duration hint) {
    return clamp(hint, schedule.minHint(), schedule.maxHint());
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }

  static Duration scale(Duration d, double factor) {
    double nanos = (d.getSeconds() * 1e9 + d.getNano()) * factor;
    return nanos >= Long.MAX_VALUE ? MAX_DURATION : Duration.ofNanos(Math.round(nanos));
  }

  static Instant plus(Instant at, Duration d) {
    try {
      return at.plus(d);
    } catch (RuntimeException e) { // DateTimeException or ArithmeticException: as good as never
      return Instant.MAX;
    }
  }

  private Instant now() {
    return poller.clock().instant();
  }

  /** Marks the loop ended; the returned cleanup (run outside the lock) stops its timer and request. */
  private Cleanup close() {
    closed = true;
    Cleanup cleanup = new Cleanup(timer, inFlight == SENDING ? null : inFlight);
    timer = null;
    inFlight = null;
    return cleanup;
  }

  private final class Cleanup implements Runnable {
    private final TaskScheduler.Scheduled timer;
    private final CompletableFuture<Video> request;

    Cleanup(TaskScheduler.Scheduled timer, CompletableFuture<Video> request) {
      this.timer = timer;
      this.request = request;
    }

    @Override
    public void run() {
      if (timer != null) {
        timer.cancel();
      }
      if (request != null) {
        request.cancel(true);
      }
      poller.unregister(id, PollLoop.this);
    }
  }

  @Override
  public String toString() {
    return "PollLoop[" + id + "]";
  }
}
