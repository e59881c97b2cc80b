package dev.sorastatus;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Downloads the files of finished jobs over any {@link VideoContentPort}: streaming with bounded memory
 * into a temporary file beside the target, moved into place atomically only once complete, so that a
 * failed or cancelled download never leaves a partial target behind.
 *
 * <p>Before any request the video must be {@link VideoStatus#COMPLETED} and not expired by the injected
 * clock, and the target must not exist unless {@link DownloadOptions#overwrite()} is set. The video comes
 * from its {@linkplain Video#downloadUrl() download URL} when the status body had one, else from the API's
 * content endpoint; the API key goes only to the API's own origin, never to another host. The body must
 * be a video, an image or binary data (not an HTML page or error JSON) and exactly as long as declared,
 * and as long as, and of the SHA-256, that the status body announced when it did. A download URL from the
 * status body that answers 401 or 403 (a signed URL past its life) makes the downloader read the status
 * once for a fresh URL and try that, once. Transient failures (a connection cut, HTTP 408, 429, 5xx) are retried under the {@link RetryPolicy}; a
 * transfer cut off part way resumes with a {@code Range} request where the server supports it, else starts
 * over; a body that sends nothing for {@link Builder#stallTimeout(Duration)} counts as cut off.
 *
 * <p>Downloads never hold a thread while waiting for the network: bytes are written as the transport
 * delivers them, and retries wait on the {@link TaskScheduler}, so the blocking {@link #download} only
 * blocks its caller, and {@link #downloadAsync} blocks no one. Create one downloader and share it; it holds
 * no resources of its own.
 *
 * <pre>{@code
 * try (var client = SoraClient.create(config)) {
 *   Video video = VideoPoller.create(client).awaitCompleted(VideoId.of("video_123"));
 *   VideoDownloader downloader = VideoDownloader.create(client);
 *   DownloadResult mp4 = downloader.download(video, Path.of("out/cat.mp4"));
 *   downloader.download(video, Path.of("out/cat.webp"), DownloadOptions.builder()
 *       .variant(Variant.THUMBNAIL)
 *       .onProgress((bytes, total) -> bar.update(bytes, total))
 *       .build());
 * }
 * }</pre>
 */
public final class VideoDownloader {
  /** The default longest silence of a body before the transfer counts as cut off: 30 s. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

  private final VideoContentPort port;
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final Duration stallTimeout;
  private final DownloadRetries retries;
  private final Optional<VideoStatusPort> statusPort;
  private final GuardedObserver observer;

  private VideoDownloader(Builder b) {
    this.port = b.port;
    this.clock = b.clock;
    this.scheduler = b.scheduler;
    this.stallTimeout = b.stallTimeout;
    this.retries = b.retries;
    this.statusPort = Optional.ofNullable(b.statusPort);
    this.observer = b.observer;
  }

  /** Returns a downloader over {@code port} on the system's time with the default retries, for tests. */
  static VideoDownloader create(VideoContentPort port) {
    return builder(port).build();
  }

  /**
   * Returns a downloader that streams through {@code client}, judging time and retrying with what the
   * client's configuration holds: its clock, scheduler and retry policy (so the testkit's fake,
   * whose client carries virtual time, needs nothing more). Closing the client ends its downloads.
   *
   * @param client the client whose transport streams the content
   * @return the downloader
   * @throws NullPointerException if {@code client} is null
   */
  public static VideoDownloader create(SoraClient client) {
    return builder(client).build();
  }

  /**
   * Returns a builder that streams through {@code client}, with the time and retries of the client's
   * configuration, to change the stall timeout.
   *
   * @param client the client whose transport streams the content
   * @return a new builder
   * @throws NullPointerException if {@code client} is null
   */
  public static Builder builder(SoraClient client) {
    return builder(Objects.requireNonNull(client, "client == null").contentPort()).config(client.config())
        .statusPort(client);
  }

  /** Returns a builder over {@code port} on the system's time, for tests that script the content. */
  static Builder builder(VideoContentPort port) {
    return new Builder(Objects.requireNonNull(port, "port == null"));
  }

  /**
   * Downloads the video of {@code video} to {@code target} with the default options, blocking until it is
   * complete.
   *
   * @param video a completed video, as last read
   * @param target the file to create; missing parent directories are created
   * @return the file's path, size, media type and SHA-256
   * @throws NullPointerException if an argument is null
   * @throws VideoDownloadException with a {@link VideoDownloadException#reason() reason}: {@code NOT_READY}
   *     if the video is not completed, {@code EXPIRED} if it has expired (no request is made) or its content
   *     URL answers HTTP 410 or 404, {@code TARGET_EXISTS} if {@code target} exists or is a directory,
   *     {@code REJECTED} if the body is not a video, image or binary data or its size or hash is wrong,
   *     {@code WRITE_FAILED} if the file could not be written or moved into place
   * @throws SoraApiException for another error status that retrying (and, for a download URL refused with
   *     401 or 403, one status re-read for a fresh URL) did not cure
   * @throws SoraTransportException if the transfer kept failing, or the thread was interrupted (with its
   *     interrupt flag set again)
   */
  public DownloadResult download(Video video, Path target) {
    return download(video, target, DownloadOptions.defaults());
  }

  /**
   * Downloads one file of {@code video} to {@code target}, blocking until it is complete. On any failure
   * the temporary file is removed and no target is created.
   *
   * @param video a completed video, as last read
   * @param target the file to create; missing parent directories are created
   * @param options the variant, overwrite, size limit and progress listener
   * @return the file's path, size, media type and SHA-256
   * @throws NullPointerException if an argument is null
   * @throws VideoDownloadException with a {@link VideoDownloadException#reason() reason}: {@code NOT_READY}
   *     if the video is not completed (no request is made), {@code EXPIRED} if it has expired, before any
   *     request or while retrying, {@code TARGET_EXISTS} if {@code target} exists and {@code overwrite} is
   *     not set, or it is a directory, {@code REJECTED} if the body is not a video, image or binary data, is
   *     empty, is longer or (after retries) shorter than declared, is larger than {@code maxBytes}, or its
   *     length or SHA-256 differs from what the status body announced ({@link Video#sizeBytes()},
   *     {@link Video#sha256()}), {@code WRITE_FAILED} if the file could not be written or moved into place;
   *     {@code EXPIRED} also when the content URL answers HTTP 410 or 404
   * @throws SoraApiException for another error status that retrying (and, for a download URL refused with
   *     401 or 403, one status re-read for a fresh URL) did not cure
   * @throws SoraTransportException if the transfer kept failing, or the thread was interrupted (with its
   *     interrupt flag set again)
   * @throws VideoDownloadException if the file could not be written or moved into place
   */
  public DownloadResult download(Video video, Path target, DownloadOptions options) {
    checkArguments(video, target, options);
    Instant start = observer.start(clock);
    if (start == null) {
      return transfer(video, target, options);
    }
    observer.downloadStarted(video.id());
    DownloadResult result = null;
    Throwable failure = null;
    try {
      result = transfer(video, target, options);
      return result;
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      downloadFinished(video, start, result, failure);
    }
  }

  private void downloadFinished(Video video, Instant start, DownloadResult result, Throwable failure) {
    observer.downloadFinished(video.id(), Optional.ofNullable(failure), result != null ? result.bytes() : 0,
        GuardedObserver.since(clock, start));
  }

  private DownloadResult transfer(Video video, Path target, DownloadOptions options) {
    DownloadJob job = DownloadJob.start(this, video, target, options);
    boolean finished = false;
    try {
      while (true) {
        Throwable failure;
        Runnable workDone = scheduler.beginWork(); // the transfer and its finish, not the sleep before a retry
        try {
          job.startAttempt().get();
          DownloadResult result = job.finish();
          finished = true;
          return result;
        } catch (ExecutionException e) {
          failure = e.getCause();
        } catch (CancellationException e) {
          failure = e;
        } finally {
          workDone.run();
        }
        Duration delay = job.retryDelay(failure);
        if (!delay.isZero()) {
          scheduler.sleep(delay);
        }
        job.checkNotExpired();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw job.interrupted(e);
    } finally {
      if (!finished) {
        job.abort();
      }
    }
  }

  /**
   * Downloads the video of {@code video} to {@code target} with the default options, without blocking.
   *
   * @param video a completed video, as last read
   * @param target the file to create
   * @return a future of the result, failing as {@link #download(Video, Path)} throws
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<DownloadResult> downloadAsync(Video video, Path target) {
    return downloadAsync(video, target, DownloadOptions.defaults());
  }

  /**
   * Downloads one file of {@code video} to {@code target} without blocking and without holding a thread
   * while waiting: bytes are written on the transport's threads as they arrive, and retries wait on the
   * scheduler. Cancelling the future abandons the transfer and removes the temporary file.
   *
   * @param video a completed video, as last read
   * @param target the file to create
   * @param options the variant, overwrite, size limit and progress listener
   * @return a future of the result, failing with the exceptions {@link #download(Video, Path, DownloadOptions)}
   *     throws
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<DownloadResult> downloadAsync(Video video, Path target, DownloadOptions options) {
    checkArguments(video, target, options);
    Instant start = observer.start(clock);
    if (start != null) {
      observer.downloadStarted(video.id());
    }
    DownloadJob job;
    try {
      job = DownloadJob.start(this, video, target, options);
    } catch (RuntimeException e) {
      if (start != null) {
        downloadFinished(video, start, null, e);
      }
      return CompletableFuture.failedFuture(e);
    }
    DownloadFuture result = new DownloadFuture(job);
    if (start != null) {
      result.whenComplete((r, failure) -> downloadFinished(video, start, r, failure));
    }
    result.whenComplete((r, failure) -> {
      if (failure != null) {
        job.abort(); // for obtrusions only: cancel and completeExceptionally abort before they complete
      }
    });
    runAttempt(job, result);
    return result;
  }

  /**
   * The future {@link #downloadAsync} returns: cancelling it, or failing it (as the download's own failures
   * and {@code orTimeout} do), removes the temporary file before the future completes, so that whoever sees
   * the ending, a waiting thread or a stage of its own, finds no partial file. A cancel that comes once
   * the file has been moved into place returns false, and the future completes with the result.
   */
  private static final class DownloadFuture extends CompletableFuture<DownloadResult> {
    private final DownloadJob job;
    /** Set by the first cancel or failure; the abort's own echoes (the exchange failing) must not win. */
    private final AtomicBoolean ending = new AtomicBoolean();

    DownloadFuture(DownloadJob job) {
      this.job = job;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return abortThen(() -> super.cancel(mayInterruptIfRunning));
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
      return abortThen(() -> super.completeExceptionally(failure));
    }

    /** Aborts the job, then completes as {@code complete} does; false if another ending or the result came first. */
    private boolean abortThen(BooleanSupplier complete) {
      if (isDone() || !ending.compareAndSet(false, true)) {
        return false;
      }
      if (!job.abort()) {
        ending.set(false); // finished, the file in place: the result is on its way
        return false;
      }
      return complete.getAsBoolean();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>(); // dependent stages are plain futures: cancelling one aborts nothing here
    }
  }

  private void runAttempt(DownloadJob job, DownloadFuture result) {
    if (result.isDone()) {
      return;
    }
    Runnable workDone = scheduler.beginWork(); // an attempt's transfer and finish, not its retry's wait
    CompletableFuture<Void> attempt;
    try {
      attempt = job.startAttempt();
    } catch (RuntimeException | Error e) {
      workDone.run();
      throw e;
    }
    attempt.whenComplete((ignored, failure) -> {
      try {
        settleAttempt(job, result, failure);
      } finally {
        workDone.run();
      }
    });
  }

  /** Completes the download after an attempt, or schedules the next one. */
  private void settleAttempt(DownloadJob job, DownloadFuture result, Throwable failure) {
    if (result.isDone()) {
      return;
    }
    if (failure == null) {
      try {
        result.complete(job.finish());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
      return;
    }
    try {
      Duration delay = job.retryDelay(failure);
      Runnable next = () -> {
        try {
          job.checkNotExpired();
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
          return;
        }
        runAttempt(job, result);
      };
      if (delay.isZero()) {
        next.run(); // the status re-read for a fresh URL: nothing to wait for
      } else {
        job.retryScheduled(scheduler.schedule(delay, next));
      }
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e); // removes the temporary file first, as every ending does
    }
  }

  private static void checkArguments(Video video, Path target, DownloadOptions options) {
    Objects.requireNonNull(video, "video == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(options, "options == null");
    if (target.getFileName() == null) {
      throw new IllegalArgumentException("target must name a file, not a root: " + target);
    }
  }

  VideoContentPort port() {
    return port;
  }

  Clock clock() {
    return clock;
  }

  TaskScheduler scheduler() {
    return scheduler;
  }

  Duration stallTimeout() {
    return stallTimeout;
  }

  DownloadRetries retries() {
    return retries;
  }

  Optional<VideoStatusPort> statusPort() {
    return statusPort;
  }

  GuardedObserver observer() {
    return observer;
  }

  @Override
  public String toString() {
    return "VideoDownloader[" + port + ", stallTimeout=" + stallTimeout + ", " + retries + "]";
  }

  /**
   * Builds a {@link VideoDownloader} over a {@link SoraClient}, whose configuration gives it time and
   * retries; what is left to choose is the stall timeout and, if downloads should retry otherwise than
   * status reads, a retry policy of their own.
   */
  public static final class Builder {
    private final VideoContentPort port;
    private Clock clock = Clock.systemUTC();
    private TaskScheduler scheduler = TaskScheduler.system();
    private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
    private DownloadRetries retries = DownloadRetries.DEFAULTS;
    private VideoStatusPort statusPort;
    private GuardedObserver observer = GuardedObserver.NO_OP;

    private Builder(VideoContentPort port) {
      this.port = port;
    }

    /**
     * Sets the clock that expiry is judged by (default the UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets how downloads wait between attempts ({@link VideoDownloader#downloadAsync} with a task, the
     * blocking {@link VideoDownloader#download} with {@link TaskScheduler#sleep}) and what times the stall
     * check (default {@link TaskScheduler#system()}); tests pass virtual time.
     *
     * @param scheduler the scheduler
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is null
     */
    Builder scheduler(TaskScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Sets the longest a body may send nothing before the transfer counts as cut off and is resumed
     * (default 30 s). The wait for a response's head is bounded by the transport's request timeout.
     *
     * @param stallTimeout a positive duration
     * @return this builder
     * @throws NullPointerException if {@code stallTimeout} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder stallTimeout(Duration stallTimeout) {
      Objects.requireNonNull(stallTimeout, "stallTimeout == null");
      if (stallTimeout.isZero() || stallTimeout.isNegative()) {
        throw new IllegalArgumentException("stallTimeout must be positive but was " + stallTimeout);
      }
      this.stallTimeout = stallTimeout;
      return this;
    }

    /**
     * Gives downloads a retry policy of their own (default: the client configuration's
     * {@link SoraConfig#retryPolicy()}). Either way a download counts its attempts apart from status reads:
     * its attempts count only attempts in a row that brought no new bytes, the status re-read for a fresh
     * URL spends the status read's own attempts, and the policy's per-call deadline does not apply, since a
     * large file may rightly take longer.
     *
     * <pre>{@code
     * VideoDownloader downloader = VideoDownloader.builder(client)
     *     .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
     *     .build();
     * }</pre>
     *
     * @param retryPolicy the policy; {@link RetryPolicy#none()} makes every download a single request
     * @return this builder
     * @throws NullPointerException if {@code retryPolicy} is null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retries = DownloadRetries.from(Objects.requireNonNull(retryPolicy, "retryPolicy == null"));
      return this;
    }

    /**
     * Takes the clock, scheduler and retry policy of {@code config}, so that downloads judge time
     * and retry as the port's own calls do.
     *
     * @param config the configuration the port was built from
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    Builder config(SoraConfig config) {
      Objects.requireNonNull(config, "config == null");
      clock(config.clock());
      scheduler(config.scheduler());
      observer = config.guardedObserver();
      return retryPolicy(config.retryPolicy());
    }

    /**
     * Sets what is told of each download's start, bytes and end (default the observer of the client's
     * configuration, {@link SoraConfig#observer()}).
     *
     * <pre>{@code
     * VideoDownloader downloader = VideoDownloader.builder(client)
     *     .observer(SoraMetrics.create(meterRegistry))
     *     .build();
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
     * Sets the port the status is read through, once, for a fresh download URL when the last one was refused
     * with 401 or 403 (default: the client the builder was made from; none for a bare content port).
     *
     * @param statusPort the port
     * @return this builder
     * @throws NullPointerException if {@code statusPort} is null
     */
    Builder statusPort(VideoStatusPort statusPort) {
      this.statusPort = Objects.requireNonNull(statusPort, "statusPort == null");
      return this;
    }

    /**
     * Returns the downloader.
     *
     * @return a new downloader
     */
    public VideoDownloader build() {
      return new VideoDownloader(this);
    }
  }
}
