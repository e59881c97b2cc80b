package dev.sorastatus.tracker;

import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatusPort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks many video jobs durably, so that a restart or a crash forgets none: {@link #track} stores a job,
 * and once {@link #start() started} the tracker reads every unfinished job from its {@link TrackerStore}
 * until it ends, then hands the outcome to its {@link OutcomeHandler} at least once. It works through due
 * jobs in batches (never the whole store in memory), spaces all reads over its requests-per-second budget
 * (so that 10,000 jobs resumed after a restart do not hit the API at once), and, when several trackers share
 * one store, takes only its share of that budget: the budget divided by the live workers.
 *
 * <pre>{@code
 * VideoTracker tracker = VideoTracker.builder(client, TrackerStore.inMemory(), outcome -> save(outcome))
 *     .requestsPerSecond(20)
 *     .build();
 * tracker.track(VideoId.of("video_123"), Map.of("customer", "42"));
 * tracker.start();
 * // ...
 * tracker.close();
 * }</pre>
 *
 * <p>Thread-safe. The tracker never sees the API key: the port holds it, the store only ids and states.
 */
public final class VideoTracker implements AutoCloseable {
  private final TrackerStore store;
  private final Clock clock;
  private final TrackerWorker worker;
  private final ExecutorService ownExecutor;
  private final Object lock = new Object();
  private boolean started;
  private boolean closed;

  private VideoTracker(Builder b, ExecutorService ownExecutor) {
    this.store = b.store;
    this.clock = b.clock;
    this.ownExecutor = ownExecutor;
    this.worker = new TrackerWorker(b);
  }

  /**
   * Returns a builder for a tracker reading over {@code port}, keeping jobs in {@code store} and delivering
   * outcomes to {@code handler}.
   *
   * @param port how jobs are read, such as a {@code SoraClient}
   * @param store where jobs are kept
   * @param handler what receives each outcome
   * @return a new builder
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(VideoStatusPort port, TrackerStore store, OutcomeHandler handler) {
    return new Builder(Objects.requireNonNull(port, "port == null"), Objects.requireNonNull(store, "store == null"),
        Objects.requireNonNull(handler, "handler == null"));
  }

  /**
   * Stores the job {@code id} with {@code tags} so that it is tracked from now on, in this process and after
   * a restart; returns once the store has it. Tracking an id already tracked changes nothing.
   *
   * @param id the job, already created at the API
   * @param tags the application's labels for it (at most 16; names 1 to 64 characters, values up to 256)
   * @return the job as stored: new, or as it already stood
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a tag is invalid
   * @throws IllegalStateException if this tracker is closed
   */
  public TrackedJob track(VideoId id, Map<String, String> tags) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(tags, "tags == null");
    TrackedJob job = TrackedJob.pending(id, tags, clock.instant());
    checkOpen();
    return store.add(job);
  }

  /**
   * Stops tracking the job {@code id}: it is never read again and no outcome of it is delivered.
   *
   * @param id the job
   * @return true if it was tracked
   * @throws NullPointerException if {@code id} is null
   */
  public boolean untrack(VideoId id) {
    return store.remove(Objects.requireNonNull(id, "id == null"));
  }

  /**
   * Asks for the job {@code id} to be read now rather than at its next poll: what a webhook (or a gateway's
   * callback) says when a job moved. The job becomes due at once and the next claim (within a second, by this or
   * any worker of the fleet) reads it; the outcome always comes from that read, never from whatever woke it.
   * {@code WebhookReceiver.builder(tracker::wake)} wires it to verified webhooks.
   *
   * @param id the job
   * @return true when an unfinished job with that id is tracked; false otherwise, and nothing changes
   * @throws NullPointerException if {@code id} is null
   * @throws TrackerStoreException if the store fails
   */
  public boolean wake(VideoId id) {
    return store.wake(Objects.requireNonNull(id, "id == null"), clock.instant());
  }

  /**
   * Returns the tracked job {@code id} as stored.
   *
   * @param id the job
   * @return its state, if tracked
   * @throws NullPointerException if {@code id} is null
   */
  public Optional<TrackedJob> find(VideoId id) {
    return store.find(Objects.requireNonNull(id, "id == null"));
  }

  /**
   * Returns the tracked jobs that {@code query} selects, oldest first.
   *
   * @param query the conditions and limit, built from {@link TrackerQuery#all()}
   * @return at most {@code query.limit()} jobs
   * @throws NullPointerException if {@code query} is null
   */
  public List<TrackedJob> list(TrackerQuery query) {
    return store.list(Objects.requireNonNull(query, "query == null"));
  }

  /**
   * Returns how many tracked jobs stand at each status; statuses without jobs are absent.
   *
   * @return the counts
   */
  public Map<JobStatus, Long> counts() {
    return store.counts();
  }

  /**
   * Starts working the store: says it is alive, and a heartbeat (one second) later resumes every unfinished
   * job and every undelivered outcome, then keeps reading until {@link #close()}; the wait lets every other
   * tracker on the store count this one before their shares overlap. Calling it again does nothing.
   *
   * @throws IllegalStateException if this tracker is closed
   */
  public void start() {
    synchronized (lock) {
      checkOpen();
      if (started) {
        return;
      }
      started = true;
    }
    worker.start();
  }

  /**
   * Stops reading and delivering and hands this tracker's leases back to the store, so that another tracker
   * takes its jobs at once; nothing tracked is lost. Waits up to five seconds for reads under way on the
   * tracker's own threads. Calling it again does nothing.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    worker.stop();
    if (ownExecutor != null) {
      ownExecutor.shutdown();
      try {
        ownExecutor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void checkOpen() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("this tracker is closed");
      }
    }
  }

  /**
   * Returns the worker id, the store's store and the state, never a secret.
   *
   * @return text for logs
   */
  @Override
  public String toString() {
    synchronized (lock) {
      return "VideoTracker[worker=" + worker.workerId() + ", store=" + store + ", "
          + (closed ? "closed" : started ? "started" : "not started") + "]";
    }
  }

  /** Configures a {@link VideoTracker}; every setting but the three given to {@link #builder} has a default. */
  public static final class Builder {
    /** How long a claimed job stays leased after its read slot unless {@link #leaseMargin} says otherwise. */
    public static final Duration DEFAULT_LEASE_MARGIN = Duration.ofSeconds(60);

    /** How many threads a tracker without a given executor reads on. */
    static final int DEFAULT_THREADS = 8;

    final VideoStatusPort port;
    final TrackerStore store;
    final OutcomeHandler handler;
    Clock clock = Clock.systemUTC();
    TaskScheduler scheduler = TaskScheduler.system();
    Executor executor;
    double requestsPerSecond = VideoPoller.DEFAULT_REQUESTS_PER_SECOND;
    int batchSize = 100;
    PollOptions pollOptions = PollOptions.defaults();
    RetryPolicy handlerRetry = RetryPolicy.defaults();
    Path downloadDirectory;
    VideoDownloader downloader;
    String workerId = "worker-" + UUID.randomUUID();
    Duration leaseMargin = DEFAULT_LEASE_MARGIN;

    private Builder(VideoStatusPort port, TrackerStore store, OutcomeHandler handler) {
      this.port = port;
      this.store = store;
      this.handler = handler;
    }

    /**
     * Sets the clock that timestamps jobs and decides what is due; default the system UTC clock.
     *
     * @param clock the clock, such as the testkit's {@code VirtualTime}
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the scheduler that says when each step runs; default {@link TaskScheduler#system()}.
     *
     * @param scheduler the scheduler, such as the testkit's {@code VirtualTime}
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(TaskScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Sets where reads, store calls and the handler run; the tracker never shuts it down. Default: eight
     * daemon threads of the tracker's own, shut down by {@link #close()}.
     *
     * @param executor the executor; {@code Runnable::run} runs all on the scheduler's thread (tests)
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Sets the budget of reads per second for all trackers sharing the store together; each live tracker
     * reads at most its share. Default {@value VideoPoller#DEFAULT_REQUESTS_PER_SECOND}.
     *
     * @param requestsPerSecond more than zero; {@link Double#POSITIVE_INFINITY} for no budget
     * @return this builder
     * @throws IllegalArgumentException if it is not positive or is NaN
     */
    public Builder requestsPerSecond(double requestsPerSecond) {
      if (!(requestsPerSecond > 0)) {
        throw new IllegalArgumentException("requestsPerSecond must be > 0 but was " + requestsPerSecond);
      }
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /**
     * Sets how many due jobs one claim takes from the store; default 100.
     *
     * @param batchSize 1 to {@value TrackerQuery#MAX_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if it is out of range
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > TrackerQuery.MAX_LIMIT) {
        throw new IllegalArgumentException("batchSize must be in 1.." + TrackerQuery.MAX_LIMIT + " but was "
            + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets how jobs are read, as for a poller: {@link PollOptions#initialInterval()} grown by
     * {@link PollOptions#multiplier()} up to {@link PollOptions#maxInterval()}, the server's poll hint within
     * the hint bounds, {@link PollOptions#timeout()} counted from {@link #track} and
     * {@link PollOptions#notFoundReadsBeforeSeen()}; listeners, jitter and the initial delay are not used.
     * Default {@link PollOptions#defaults()}.
     *
     * @param pollOptions the options
     * @return this builder
     * @throws NullPointerException if {@code pollOptions} is null
     */
    public Builder pollOptions(PollOptions pollOptions) {
      this.pollOptions = Objects.requireNonNull(pollOptions, "pollOptions == null");
      return this;
    }

    /**
     * Sets the backoff between deliveries of an outcome whose handler threw ({@link RetryPolicy#backoff});
     * deliveries never stop, whatever its retry count. Default {@link RetryPolicy#defaults()}.
     *
     * @param handlerRetry the policy
     * @return this builder
     * @throws NullPointerException if {@code handlerRetry} is null
     */
    public Builder handlerRetry(RetryPolicy handlerRetry) {
      this.handlerRetry = Objects.requireNonNull(handlerRetry, "handlerRetry == null");
      return this;
    }

    /**
     * Downloads each completed video to {@code directory}{@code /<id>.mp4} with {@code downloader} before
     * its outcome is delivered, with the path in {@link TrackedOutcome#download()}; a failed download is
     * retried as a throwing handler is.
     *
     * @param directory an existing directory
     * @param downloader the downloader
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder download(Path directory, VideoDownloader downloader) {
      this.downloadDirectory = Objects.requireNonNull(directory, "directory == null");
      this.downloader = Objects.requireNonNull(downloader, "downloader == null");
      return this;
    }

    /**
     * Sets the name this tracker's leases and heartbeats carry in the store; default a random one.
     *
     * @param workerId 1 to 64 characters, not blank
     * @return this builder
     * @throws NullPointerException if {@code workerId} is null
     * @throws IllegalArgumentException if it is blank or too long
     */
    public Builder workerId(String workerId) {
      Objects.requireNonNull(workerId, "workerId == null");
      if (workerId.isBlank() || workerId.length() > 64) {
        throw new IllegalArgumentException("workerId must be 1..64 characters, not blank, but was \"" + workerId + "\"");
      }
      this.workerId = workerId;
      return this;
    }

    /**
     * Sets how long a claimed job stays leased to this tracker after its read slot: long enough for a read
     * (with the port's own retries) and a handler to finish; a dead tracker's jobs move to the others that
     * long after its last slot. Default {@link #DEFAULT_LEASE_MARGIN}.
     *
     * @param leaseMargin more than zero
     * @return this builder
     * @throws NullPointerException if {@code leaseMargin} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder leaseMargin(Duration leaseMargin) {
      Objects.requireNonNull(leaseMargin, "leaseMargin == null");
      if (leaseMargin.isZero() || leaseMargin.isNegative()) {
        throw new IllegalArgumentException("leaseMargin must be > 0 but was " + leaseMargin);
      }
      this.leaseMargin = leaseMargin;
      return this;
    }

    /**
     * Returns a tracker with these settings, not started.
     *
     * @return a new tracker
     */
    public VideoTracker build() {
      ExecutorService own = null;
      Executor given = executor;
      if (given == null) {
        AtomicInteger n = new AtomicInteger();
        own = Executors.newFixedThreadPool(DEFAULT_THREADS, r -> {
          Thread t = new Thread(r, "sora-status-tracker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
        executor = own;
      }
      try {
        return new VideoTracker(this, own);
      } finally {
        executor = given;
      }
    }
  }
}
