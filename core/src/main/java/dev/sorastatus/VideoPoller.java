package dev.sorastatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.random.RandomGenerator;

/**
 * Waits for video jobs to finish, over any {@link VideoStatusPort}: one job or ten thousand, each with a
 * deadline, a growing interval with jitter, server hints obeyed within bounds, transient errors retried,
 * cancellation, and events for every change.
 *
 * <p>Waits never hold a thread: each request is a {@link VideoStatusPort#retrieveAsync(VideoId)} started by
 * a task on the injected {@link TaskScheduler}, so the blocking {@link #await(VideoId)} only blocks its own
 * caller. Waits on the same id share one polling loop (on the schedule of the wait that started it; each
 * keeps its own deadline, listeners and error tolerance), and all waits of one poller share a request budget
 * of {@link Builder#requestsPerSecond(double)}. Create one poller per application and share it; it holds no
 * resources and needs no closing.
 *
 * <p>A wait trusts only answers about its own job. A read that is not a video of that job (another job's
 * body, an HTML or empty 200) counts as one transient failure, like a 5xx, toward
 * {@link PollOptions#maxConsecutiveRetries()}; it never ends a wait on its own. A not-found before the job
 * was ever read is retried {@link PollOptions#notFoundReadsBeforeSeen()} times in a row (gateways that do
 * not know a job for a moment after creating it); after the job was read, it ends the wait. A rate limit
 * that reaches the poller puts this job's next read after the server's delay, however long, ends at once
 * a wait whose deadline that delay would pass, and holds back every wait of the poller for the delay (up to
 * {@link PollOptions#maxInterval()}: slowed, not stopped, since one response's delay may be its job's alone).
 *
 * <p>A wait can outlive its process: listeners receive its {@link WaitState} after every read
 * ({@link PollListener#checkpoint(WaitState)}), and {@link #resumeOutcomeAsync(WaitState, PollOptions)}
 * carries such a state on in another process, on the same deadline and backoff.
 *
 * <pre>{@code
 * try (var port = SoraClient.create(config)) {
 *   VideoPoller poller = VideoPoller.create(port);
 *   Video video = poller.awaitCompleted(VideoId.of("video_123"));   // up to 30 minutes by default
 *   video.downloadUrl().ifPresent(url -> System.out.println(url));
 * } catch (VideoWaitException e) {
 *   switch (e.kind()) {
 *     case FAILED -> System.err.println("generation failed: " + e.getMessage());
 *     case TIMED_OUT -> System.err.println("still not done; " + e.lastSeen().map(Video::progress).orElse(0) + "%");
 *     default -> throw e;
 *   }
 * }
 * }</pre>
 */
public final class VideoPoller {
  /** The default request budget shared by all waits of one poller: 50 requests per second. */
  public static final double DEFAULT_REQUESTS_PER_SECOND = 50;

  private final VideoStatusPort port;
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final PollOptions defaults;
  private final double requestsPerSecond;
  private final RandomGenerator random;
  private final GuardedObserver observer;
  private final RequestBudget budget;
  private final ConcurrentMap<VideoId, PollLoop> loops = new ConcurrentHashMap<>();

  private VideoPoller(Builder b) {
    this.port = b.port;
    this.clock = b.clock;
    this.scheduler = b.scheduler;
    this.defaults = b.defaults;
    this.requestsPerSecond = b.requestsPerSecond;
    this.random = b.random != null ? b.random : new SplittableRandom();
    this.observer = b.observer;
    this.budget = new RequestBudget(requestsPerSecond);
  }

  /**
   * Returns a poller over {@code port} with the default options. Over a {@link SoraClient} it keeps time
   * with the clock and scheduler of the client's configuration (the testkit's fake hands its virtual time
   * over that way, once); over any other port, with the system clock and the library's shared scheduler.
   *
   * @param port where job states are read
   * @return the poller
   * @throws NullPointerException if {@code port} is null
   */
  public static VideoPoller create(VideoStatusPort port) {
    return builder(port).build();
  }

  /**
   * Returns a builder of a poller over {@code port}, keeping time as {@link #create(VideoStatusPort)} says
   * until {@link Builder#config(SoraConfig)} gives another configuration's.
   *
   * @param port where job states are read
   * @return a new builder
   * @throws NullPointerException if {@code port} is null
   */
  public static Builder builder(VideoStatusPort port) {
    return new Builder(port);
  }

  /**
   * Returns the options used by the overloads that take none.
   *
   * @return the default options of this poller
   */
  public PollOptions defaults() {
    return defaults;
  }

  /**
   * Waits with the default options until the job {@code id} completes or fails, blocking.
   *
   * @param id the job to wait for
   * @return the job in {@link VideoStatus#COMPLETED} or {@link VideoStatus#FAILED}
   * @throws NullPointerException if {@code id} is null
   * @throws VideoWaitException if the deadline passed ({@link WaitOutcome.Kind#TIMED_OUT}), the video had
   *     expired and the options say that is an error ({@link WaitOutcome.Kind#EXPIRED}), the job is unknown
   *     ({@link WaitOutcome.Kind#NOT_FOUND}), a request ended the wait ({@link WaitOutcome.Kind#ERROR}, its
   *     error is the cause), or the thread was interrupted (the cause is an {@link InterruptedException} and
   *     the interrupt flag is set again)
   */
  public Video await(VideoId id) {
    return await(id, defaults);
  }

  /**
   * Waits with {@code options} until the job {@code id} completes or fails, blocking.
   *
   * @param id the job to wait for
   * @param options how to wait; they replace this poller's defaults entirely
   * @return the job in {@link VideoStatus#COMPLETED} or {@link VideoStatus#FAILED}
   * @throws NullPointerException if an argument is null
   * @throws VideoWaitException if the deadline passed ({@link WaitOutcome.Kind#TIMED_OUT}), the video had
   *     expired and the options say that is an error ({@link WaitOutcome.Kind#EXPIRED}), the job is unknown
   *     ({@link WaitOutcome.Kind#NOT_FOUND}), a request ended the wait ({@link WaitOutcome.Kind#ERROR}, its
   *     error is the cause), or the thread was interrupted (the cause is an {@link InterruptedException} and
   *     the interrupt flag is set again)
   */
  public Video await(VideoId id, PollOptions options) {
    return block(start(id, options, false));
  }

  /**
   * Waits with the default options until the job {@code id} completes, blocking; a failed job is an error.
   *
   * @param id the job to wait for
   * @return the job in {@link VideoStatus#COMPLETED}
   * @throws NullPointerException if {@code id} is null
   * @throws VideoWaitException if the job failed ({@link WaitOutcome.Kind#FAILED}, with the failed video and
   *     its error), the deadline passed ({@link WaitOutcome.Kind#TIMED_OUT}), the video had expired and the
   *     options say that is an error ({@link WaitOutcome.Kind#EXPIRED}), the job is unknown
   *     ({@link WaitOutcome.Kind#NOT_FOUND}), a request ended the wait ({@link WaitOutcome.Kind#ERROR}, its
   *     error is the cause), or the thread was interrupted (the cause is an {@link InterruptedException} and
   *     the interrupt flag is set again)
   */
  public Video awaitCompleted(VideoId id) {
    return awaitCompleted(id, defaults);
  }

  /**
   * Waits with {@code options} until the job {@code id} completes, blocking; a failed job is an error.
   *
   * @param id the job to wait for
   * @param options how to wait; they replace this poller's defaults entirely
   * @return the job in {@link VideoStatus#COMPLETED}
   * @throws NullPointerException if an argument is null
   * @throws VideoWaitException if the job failed ({@link WaitOutcome.Kind#FAILED}, with the failed video and
   *     its error), the deadline passed ({@link WaitOutcome.Kind#TIMED_OUT}), the video had expired and the
   *     options say that is an error ({@link WaitOutcome.Kind#EXPIRED}), the job is unknown
   *     ({@link WaitOutcome.Kind#NOT_FOUND}), a request ended the wait ({@link WaitOutcome.Kind#ERROR}, its
   *     error is the cause), or the thread was interrupted (the cause is an {@link InterruptedException} and
   *     the interrupt flag is set again)
   */
  public Video awaitCompleted(VideoId id, PollOptions options) {
    return block(start(id, options, true));
  }

  /**
   * Starts waiting with the default options until the job {@code id} completes or fails.
   *
   * @param id the job to wait for
   * @return a future of the job in {@link VideoStatus#COMPLETED} or {@link VideoStatus#FAILED}, failing
   *     with the exceptions {@link #await(VideoId)} throws; cancelling it stops the wait, and the polling
   *     when no other wait shares it, at once, including any request in flight
   * @throws NullPointerException if {@code id} is null
   */
  public CompletableFuture<Video> awaitAsync(VideoId id) {
    return awaitAsync(id, defaults);
  }

  /**
   * Starts waiting with {@code options} until the job {@code id} completes or fails.
   *
   * @param id the job to wait for
   * @param options how to wait; they replace this poller's defaults entirely
   * @return a future of the job in {@link VideoStatus#COMPLETED} or {@link VideoStatus#FAILED}, failing
   *     with the exceptions {@link #await(VideoId, PollOptions)} throws; cancelling it stops the wait, and
   *     the polling when no other wait shares it, at once, including any request in flight
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<Video> awaitAsync(VideoId id, PollOptions options) {
    return start(id, options, false).future();
  }

  /**
   * Starts waiting with the default options until the job {@code id} completes; a failed job is an error.
   *
   * @param id the job to wait for
   * @return a future of the job in {@link VideoStatus#COMPLETED}, failing with the exceptions
   *     {@link #awaitCompleted(VideoId)} throws; cancelling it stops the wait
   * @throws NullPointerException if {@code id} is null
   */
  public CompletableFuture<Video> awaitCompletedAsync(VideoId id) {
    return awaitCompletedAsync(id, defaults);
  }

  /**
   * Starts waiting with {@code options} until the job {@code id} completes; a failed job is an error.
   *
   * @param id the job to wait for
   * @param options how to wait; they replace this poller's defaults entirely
   * @return a future of the job in {@link VideoStatus#COMPLETED}, failing with the exceptions
   *     {@link #awaitCompleted(VideoId, PollOptions)} throws; cancelling it stops the wait
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<Video> awaitCompletedAsync(VideoId id, PollOptions options) {
    return start(id, options, true).future();
  }

  /**
   * Waits with the default options until the job {@code id} ends, and says how as a value instead of an
   * exception: completed, failed, expired, timed out, not found or another error, with the last video read.
   *
   * <pre>{@code
   * WaitOutcome outcome = poller.awaitOutcome(VideoId.of("video_123"));
   * if (outcome.isCompleted()) {
   *   downloader.download(outcome.video().orElseThrow(), Path.of("video.mp4"));
   * }
   * }</pre>
   *
   * @param id the job to wait for
   * @return how the wait ended; an interrupt ends it as {@link WaitOutcome.Kind#ERROR} with the interrupt
   *     flag set again
   * @throws NullPointerException if {@code id} is null
   */
  public WaitOutcome awaitOutcome(VideoId id) {
    return awaitOutcome(id, defaults);
  }

  /**
   * Waits with {@code options} until the job {@code id} ends, and says how as a value instead of an exception.
   *
   * @param id the job to wait for
   * @param options how to wait; they replace this poller's defaults entirely
   * @return how the wait ended; an interrupt ends it as {@link WaitOutcome.Kind#ERROR} with the interrupt
   *     flag set again
   * @throws NullPointerException if an argument is null
   */
  public WaitOutcome awaitOutcome(VideoId id, PollOptions options) {
    return outcome(start(id, options, false));
  }

  /**
   * Starts waiting with the default options until the job {@code id} ends; the future says how as a value.
   *
   * @param id the job to wait for
   * @return a future of how the wait ended, which never completes exceptionally; cancelling it stops the wait
   * @throws NullPointerException if {@code id} is null
   */
  public CompletableFuture<WaitOutcome> awaitOutcomeAsync(VideoId id) {
    return awaitOutcomeAsync(id, defaults);
  }

  /**
   * Starts waiting with {@code options} until the job {@code id} ends; the future says how as a value.
   *
   * @param id the job to wait for
   * @param options how to wait; they replace this poller's defaults entirely
   * @return a future of how the wait ended, which never completes exceptionally; cancelling it stops the wait
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<WaitOutcome> awaitOutcomeAsync(VideoId id, PollOptions options) {
    return outcomeAsync(start(id, options, false));
  }

  /**
   * Resumes a wait saved in this or another process ({@link PollListener#checkpoint(WaitState)}) and waits,
   * blocking, until the job ends; says how as a value. Otherwise as {@link #resumeOutcomeAsync(WaitState,
   * PollOptions)}.
   *
   * @param state where the wait stood when it was saved
   * @param options how to wait from here; their timeout and initial delay are not used
   * @return how the wait ended; an interrupt ends it as {@link WaitOutcome.Kind#ERROR} with the interrupt
   *     flag set again
   * @throws NullPointerException if an argument is null
   */
  public WaitOutcome resumeOutcome(WaitState state, PollOptions options) {
    return outcome(resume(state, options));
  }

  /**
   * Resumes a wait saved in this or another process ({@link PollListener#checkpoint(WaitState)}); the future
   * says how the job ended. It only reads the job, never creates one, and carries on where the state stood:
   * the deadline is the state's (the options' timeout is not used), the poll interval goes on growing from
   * the state's reads, the transient errors in a row count on toward {@link PollOptions#maxConsecutiveRetries()},
   * and the next read is sent at the state's {@link WaitState#nextReadAt()}, or at once if that has passed.
   * A state whose last video is completed or failed ends at once with that video, without a read; a state
   * past its deadline makes one final read, which ends the wait with the job's final state if it has
   * finished, and as {@link WaitOutcome.Kind#TIMED_OUT} otherwise. Listeners hear only what changes after
   * the state's last video.
   *
   * <pre>{@code
   * WaitState saved = WaitState.fromJson(store.get(id));
   * poller.resumeOutcomeAsync(saved, options).thenAccept(outcome -> store.finish(outcome));
   * }</pre>
   *
   * @param state where the wait stood when it was saved
   * @param options how to wait from here (schedule, tolerance, listeners); their timeout and initial delay
   *     are not used
   * @return a future of how the wait ended, which never completes exceptionally; cancelling it stops the wait
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<WaitOutcome> resumeOutcomeAsync(WaitState state, PollOptions options) {
    return outcomeAsync(resume(state, options));
  }

  /**
   * Reads the job {@code id} now, if a wait of this poller is on it: what a push event (a verified webhook,
   * a gateway's callback) calls when it says the job moved. The read goes through the request budget like
   * any other and is coalesced with one already due or in flight (one in flight is followed by another read
   * once its answer is in, since the event may be newer than it); a read the server's rate limit put off
   * stays put off. The event only wakes the wait: its outcome still comes from the read, so a late, forged
   * or duplicated event costs at most one read. The read is never made on the calling thread.
   *
   * <pre>{@code
   * boolean woken = poller.wake(VideoId.of("video_123"));   // false: nobody is waiting for it
   * }</pre>
   *
   * @param id the job an event was about
   * @return true if a wait on the job was woken, false if nobody here is waiting for it
   * @throws NullPointerException if {@code id} is null
   */
  public boolean wake(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    PollLoop loop = loops.get(id);
    return loop != null && loop.wake();
  }

  private Waiter start(VideoId id, PollOptions options, boolean requireCompleted) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(options, "options == null");
    Waiter waiter = new Waiter(id, options, requireCompleted, clock.instant());
    waiter.observedBy(observer, clock);
    return poll(waiter, options, 0, null, options.timeout());
  }

  private Waiter resume(WaitState state, PollOptions options) {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(options, "options == null");
    Waiter waiter = new Waiter(state, options);
    waiter.observedBy(observer, clock);
    Instant now = clock.instant();
    Optional<Video> last = state.lastVideo();
    if (last.isPresent() && last.get().isTerminal()) {
      synchronized (waiter) { // nobody else knows this waiter yet; its owner's lock is its own
        waiter.finish(last.get(), now);
      }
      waiter.drain();
    } else if (!now.isBefore(state.deadline())) {
      FinalRead.start(this, waiter);
    } else {
      poll(waiter, options, state.reads(), state.nextReadAt(), Duration.between(now, state.deadline()));
    }
    return waiter;
  }

  /**
   * Attaches {@code waiter} to its job's live loop, or starts one that sends its first read at
   * {@code firstReadAt} (null: after the options' initial delay), and ends the wait {@code timeout} from now.
   */
  private Waiter poll(Waiter waiter, PollOptions options, int readsSoFar, Instant firstReadAt, Duration timeout) {
    PollLoop[] created = new PollLoop[1];
    // Attach to the job's live loop, or start one; a loop that has just ended refuses and is replaced.
    PollLoop loop = loops.compute(waiter.id(), (key, existing) -> {
      if (existing != null && existing.attach(waiter)) {
        return existing;
      }
      PollLoop fresh = new PollLoop(this, key, options, readsSoFar);
      fresh.attach(waiter);
      created[0] = fresh;
      return fresh;
    });
    TaskScheduler.Scheduled deadline = scheduler.schedule(timeout, () -> loop.timeOut(waiter));
    waiter.future().whenComplete((video, failure) -> {
      deadline.cancel();
      loop.detach(waiter);
    });
    if (created[0] != null) {
      if (firstReadAt == null) {
        created[0].start();
      } else {
        created[0].startAt(firstReadAt);
      }
    }
    waiter.drain();
    return waiter;
  }

  private WaitOutcome outcome(Waiter waiter) {
    VideoId id = waiter.id();
    HandOff handOff = waiter.handOffTo(scheduler);
    try {
      return waiter.outcome().get();
    } catch (InterruptedException e) {
      waiter.future().cancel(true);
      Thread.currentThread().interrupt();
      return new WaitOutcome(id, WaitOutcome.Kind.ERROR, waiter.lastSeen(), Optional.of(new VideoWaitException(
          id, WaitOutcome.Kind.ERROR, "wait for video " + id + " was interrupted", waiter.lastSeen(), e)));
    } catch (ExecutionException e) {
      throw new IllegalStateException("an outcome never fails", e);
    } finally {
      handOff.resumed();
    }
  }

  private static CompletableFuture<WaitOutcome> outcomeAsync(Waiter waiter) {
    CompletableFuture<WaitOutcome> outcome = waiter.outcome();
    outcome.whenComplete((value, failure) -> {
      if (failure != null) {
        waiter.future().cancel(true); // cancelled (or completed by someone else): stop the wait
      }
    });
    return outcome;
  }

  private Video block(Waiter waiter) {
    CompletableFuture<Video> future = waiter.future();
    HandOff handOff = waiter.handOffTo(scheduler);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new VideoWaitException(waiter.id(), WaitOutcome.Kind.ERROR,
          "wait for video " + waiter.id() + " was interrupted",
          waiter.lastSeen(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new VideoWaitException(waiter.id(), WaitOutcome.Kind.ERROR, "wait for video " + waiter.id() + " failed",
          waiter.lastSeen(),
          cause);
    } finally {
      handOff.resumed();
    }
  }

  void unregister(VideoId id, PollLoop loop) {
    loops.remove(id, loop);
  }

  /** Returns how many jobs are being polled now. */
  int activeLoops() {
    return loops.size();
  }

  VideoStatusPort port() {
    return port;
  }

  Clock clock() {
    return clock;
  }

  TaskScheduler scheduler() {
    return scheduler;
  }

  RequestBudget budget() {
    return budget;
  }

  GuardedObserver observer() {
    return observer;
  }

  double nextRandom() {
    synchronized (random) { // a RandomGenerator need not be thread-safe
      return random.nextDouble();
    }
  }

  /** Returns the port, clock, scheduler and budget. */
  @Override
  public String toString() {
    return "VideoPoller[" + port + ", " + clock + ", " + scheduler + ", " + requestsPerSecond + " requests/s]";
  }

  /** Builds a {@link VideoPoller}; every setter validates its argument. */
  public static final class Builder {
    private final VideoStatusPort port;
    private Clock clock = Clock.systemUTC();
    private TaskScheduler scheduler = TaskScheduler.system();
    private PollOptions defaults = PollOptions.defaults();
    private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
    private RandomGenerator random;
    private GuardedObserver observer = GuardedObserver.NO_OP;

    private Builder(VideoStatusPort port) {
      this.port = Objects.requireNonNull(port, "port == null");
      if (port instanceof SoraClient) {
        config(((SoraClient) port).config());
      }
    }

    /**
     * Keeps time with the clock and scheduler of {@code config}, and tells its observer of each wait, when it
     * has one: for a port of your own (a decorator, say) over a client built from that configuration, so
     * that waits and the port agree on what time it is.
     *
     * @param config the configuration whose time and observer to use
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public Builder config(SoraConfig config) {
      Objects.requireNonNull(config, "config == null");
      if (!config.guardedObserver().isNoOp()) {
        observer = config.guardedObserver();
      }
      clock(config.clock());
      return scheduler(config.scheduler());
    }

    /**
     * Sets what is told of each wait's start and end and of the poller's retries and rate-limit waits
     * (default the observer of the client's configuration, else {@link SoraObserver#none()}); the reads
     * themselves are the port's to report.
     *
     * <pre>{@code
     * VideoPoller poller = VideoPoller.builder(port).observer(SoraMetrics.create(meterRegistry)).build();
     * }</pre>
     *
     * @param observer the observer; its exceptions are logged and ignored
     * @return this builder
     * @throws NullPointerException if {@code observer} is null
     */
    public Builder observer(SoraObserver observer) {
      this.observer = GuardedObserver.of(Objects.requireNonNull(observer, "observer == null"));
      return this;
    }

    /**
     * Sets the clock that deadlines, expiry and the request budget are measured on; it must agree with
     * the scheduler (the testkit's {@code VirtualTime} is both).
     *
     * @param clock the clock; {@link Clock#systemUTC()} by default
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the scheduler that starts every request and ends every deadline.
     *
     * @param scheduler the scheduler; {@link TaskScheduler#system()} by default
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is null
     */
    Builder scheduler(TaskScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Sets the options used by the overloads that take none.
     *
     * @param defaults the options; {@link PollOptions#defaults()} by default
     * @return this builder
     * @throws NullPointerException if {@code defaults} is null
     */
    public Builder defaults(PollOptions defaults) {
      this.defaults = Objects.requireNonNull(defaults, "defaults == null");
      return this;
    }

    /**
     * Sets the request budget shared by all waits of the poller: requests are spaced at least
     * {@code 1 / requestsPerSecond} apart, and a request that would come sooner is delayed.
     *
     * @param requestsPerSecond a positive rate, {@link Double#POSITIVE_INFINITY} for no budget;
     *     {@value #DEFAULT_REQUESTS_PER_SECOND} by default
     * @return this builder
     * @throws IllegalArgumentException if {@code requestsPerSecond} is zero, negative or not a number
     */
    public Builder requestsPerSecond(double requestsPerSecond) {
      if (!(requestsPerSecond > 0)) {
        throw new IllegalArgumentException("requestsPerSecond must be positive but was " + requestsPerSecond);
      }
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /**
     * Sets where jitter comes from, for example a seeded generator in tests.
     *
     * @param random the generator; used under a lock, so it need not be thread-safe
     * @return this builder
     * @throws NullPointerException if {@code random} is null
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * Returns the poller.
     *
     * @return a new poller
     */
    public VideoPoller build() {
      return new VideoPoller(this);
    }
  }
}
