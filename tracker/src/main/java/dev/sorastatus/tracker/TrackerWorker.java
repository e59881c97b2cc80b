package dev.sorastatus.tracker;

import dev.sorastatus.DownloadOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.TaskScheduler;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Works a store's due jobs: claims a batch, spaces their reads over this worker's share of the request
 * budget, saves each result and delivers each outcome. Every step runs on the executor; the scheduler only
 * says when.
 */
final class TrackerWorker {
  private static final Logger LOG = System.getLogger(VideoTracker.class.getName());

  /**
   * How often a worker says it is alive, and how far ahead one claim reaches: a batch never holds more reads
   * than one second of this worker's share, so that a worker joining the fleet is counted before any other
   * worker's older share runs out.
   */
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);
  /** How long after its last heartbeat a worker still counts in the budget's division. */
  static final Duration ALIVE_FOR = Duration.ofSeconds(10);
  /** How long the worker waits before it looks for due jobs again when it found none. */
  static final Duration IDLE = Duration.ofSeconds(1);

  private final VideoStatusPort port;
  private final TrackerStore store;
  private final OutcomeHandler handler;
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final Executor executor;
  private final double requestsPerSecond;
  private final int batchSize;
  private final ReadSchedule schedule;
  private final int notFoundReadsBeforeSeen;
  private final RetryPolicy handlerRetry;
  private final Optional<Path> downloadDirectory;
  private final Optional<VideoDownloader> downloader;
  private final String workerId;
  private final Duration leaseMargin;

  private final Object lock = new Object();
  private final Set<Pending> scheduled = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private Instant nextSlot = Instant.MIN;
  private Instant lastBeat;
  private int liveWorkers = 1;

  TrackerWorker(VideoTracker.Builder b) {
    this.port = b.port;
    this.store = b.store;
    this.handler = b.handler;
    this.clock = b.clock;
    this.scheduler = b.scheduler;
    this.executor = b.executor;
    this.requestsPerSecond = b.requestsPerSecond;
    this.batchSize = b.batchSize;
    this.schedule = new ReadSchedule(b.pollOptions);
    this.notFoundReadsBeforeSeen = b.pollOptions.notFoundReadsBeforeSeen();
    this.handlerRetry = b.handlerRetry;
    this.downloadDirectory = Optional.ofNullable(b.downloadDirectory);
    this.downloader = Optional.ofNullable(b.downloader);
    this.workerId = b.workerId;
    this.leaseMargin = b.leaseMargin;
  }

  String workerId() {
    return workerId;
  }

  /** Joins the fleet with a heartbeat and starts claiming one heartbeat later, once every worker counts it. */
  void start() {
    running = true;
    later(Duration.ZERO, this::join);
  }

  private void join() {
    try {
      Instant now = clock.instant();
      liveWorkers = Math.max(1, store.heartbeat(workerId, now, now.minus(ALIVE_FOR)));
      lastBeat = now;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "tracker " + workerId + " could not send its first heartbeat: " + e);
    }
    later(HEARTBEAT_EVERY, this::tick);
  }

  /** Stops scheduling work and hands this worker's leases back; a read already running ends unsaved. */
  void stop() {
    running = false;
    scheduled.forEach(Pending::cancel);
    scheduled.clear();
    store.leave(workerId);
  }

  private void later(Duration delay, Runnable step) {
    if (!running) {
      return;
    }
    Pending p = new Pending(step);
    scheduled.add(p);
    p.handle = scheduler.schedule(delay, p);
    if (p.ran) {
      scheduled.remove(p);
    }
  }

  /** A step waiting on the scheduler, kept so that {@link #stop()} withdraws it. */
  private final class Pending implements Runnable {
    private final Runnable step;
    volatile TaskScheduler.Scheduled handle;
    volatile boolean ran;

    Pending(Runnable step) {
      this.step = step;
    }

    @Override
    public void run() {
      ran = true;
      scheduled.remove(this);
      if (running) {
        executor.execute(() -> {
          if (running) {
            step.run();
          }
        });
      }
    }

    void cancel() {
      TaskScheduler.Scheduled h = handle;
      if (h != null) {
        h.cancel();
      }
    }
  }

  /** Claims a batch of due jobs and gives each unfinished one the next free read slot. */
  void tick() {
    Instant now = clock.instant();
    Instant slot;
    int claimed;
    int limit;
    try {
      if (lastBeat == null || !now.isBefore(lastBeat.plus(HEARTBEAT_EVERY))) {
        liveWorkers = Math.max(1, store.heartbeat(workerId, now, now.minus(ALIVE_FOR)));
        lastBeat = now;
      }
      long spacing = spacingNanos();
      synchronized (lock) {
        slot = nextSlot.isAfter(now) ? nextSlot : now;
      }
      limit = spacing == 0 ? batchSize
          : (int) Math.max(1, Math.min(batchSize, HEARTBEAT_EVERY.toNanos() / spacing));
      Instant leaseUntil = ReadSchedule.saturatedPlus(slot, Duration.ofNanos(spacing).multipliedBy(limit)
          .plus(leaseMargin));
      List<TrackedJob> jobs = store.claimDue(now, limit, workerId, leaseUntil);
      claimed = jobs.size();
      for (TrackedJob job : jobs) {
        if (job.status().isFinished()) {
          executor.execute(() -> deliver(job));
        } else if (!now.isBefore(schedule.deadline(job.trackedAt()))) {
          end(job, JobStatus.TIMED_OUT, Optional.empty(), now);
        } else {
          Instant readBy = ReadSchedule.saturatedPlus(slot, leaseMargin.dividedBy(2));
          later(Duration.between(now, slot), () -> read(job, readBy));
          slot = slot.plusNanos(spacing);
        }
      }
      synchronized (lock) {
        if (slot.isAfter(nextSlot)) {
          nextSlot = slot;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "tracker " + workerId + " could not claim due jobs, trying again in " + IDLE
          + ": " + e);
      later(IDLE, this::tick);
      return;
    }
    // A full batch: claim the next one when its reads are done, so that claimed jobs never wait long.
    Duration untilFree = Duration.between(now, slot);
    later(claimed == limit ? untilFree : (untilFree.compareTo(IDLE) > 0 ? untilFree : IDLE), this::tick);
  }

  private long spacingNanos() {
    return Double.isInfinite(requestsPerSecond) ? 0 : (long) Math.ceil(1e9 * liveWorkers / requestsPerSecond);
  }

  /**
   * Reads one claimed job and saves what it says; a read that starts so late (a busy executor) that its
   * lease is half gone is left out, so that it never overlaps another worker's read after the lease expires.
   */
  void read(TrackedJob job, Instant readBy) {
    if (clock.instant().isAfter(readBy)) {
      LOG.log(Level.DEBUG, () -> "tracker " + workerId + ": read of " + job.id() + " started too late for its "
          + "lease; it is left to the next claim");
      return;
    }
    Instant deadline = schedule.deadline(job.trackedAt());
    Video video;
    try {
      video = port.retrieve(job.id());
    } catch (VideoNotFoundException e) {
      Instant now = clock.instant();
      if (job.lastVideo().isPresent() || job.failures() + 1 >= notFoundReadsBeforeSeen) {
        end(job, JobStatus.NOT_FOUND, Optional.empty(), now);
      } else {
        store.recordRead(job.withFailure(schedule.afterFailure(job.failures() + 1, null, now, deadline)), workerId);
      }
      return;
    } catch (RuntimeException e) {
      Instant now = clock.instant();
      Duration serverDelay = e instanceof SoraApiException api ? api.retryAfter().orElse(null) : null;
      if (serverDelay != null) {
        pauseUntil(ReadSchedule.saturatedPlus(now, serverDelay)); // one 429 slows every read of this worker
      }
      LOG.log(Level.DEBUG, () -> "tracker " + workerId + ": read of " + job.id() + " failed (" + (job.failures() + 1)
          + " in a row): " + e);
      store.recordRead(job.withFailure(schedule.afterFailure(job.failures() + 1, serverDelay, now, deadline)),
          workerId);
      return;
    }
    Instant now = clock.instant();
    JobStatus status = statusOf(video, now);
    if (status.isFinished()) {
      end(job, status, Optional.of(video), now);
    } else {
      store.recordRead(job.withRead(status, video, schedule.afterRead(job.reads() + 1, video, now, deadline)),
          workerId);
    }
  }

  private void pauseUntil(Instant until) {
    synchronized (lock) {
      if (until.isAfter(nextSlot)) {
        nextSlot = until;
      }
    }
  }

  static JobStatus statusOf(Video video, Instant now) {
    VideoStatus s = video.status();
    switch (s) {
      case COMPLETED:
        return video.isExpired(now) ? JobStatus.EXPIRED : JobStatus.COMPLETED;
      case FAILED:
        return JobStatus.FAILED;
      case QUEUED:
        return JobStatus.QUEUED;
      case PROCESSING:
        return JobStatus.PROCESSING;
      default:
        return JobStatus.UNKNOWN;
    }
  }

  private void end(TrackedJob job, JobStatus outcome, Optional<Video> video, Instant now) {
    TrackedJob finished = job.finished(outcome, video, now);
    if (store.finish(finished, workerId, ReadSchedule.saturatedPlus(now, leaseMargin))) {
      deliver(finished);
    }
  }

  /** Hands a finished job's outcome to the handler; the job is handled only once the handler returned. */
  void deliver(TrackedJob job) {
    String deliveryId = job.deliveryId().orElseThrow();
    try {
      Optional<Path> path = Optional.empty();
      if (job.status() == JobStatus.COMPLETED && downloadDirectory.isPresent() && job.lastVideo().isPresent()) {
        Path target = downloadDirectory.get().resolve(job.id().value() + ".mp4");
        downloader.orElseThrow().download(job.lastVideo().get(), target,
            DownloadOptions.builder().overwrite(true).build());
        path = Optional.of(target);
      }
      handler.handle(new TrackedOutcome(job.id(), job.status(), job.lastVideo(), job.tags(), deliveryId, path));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Instant retryAt = ReadSchedule.saturatedPlus(clock.instant(), handlerRetry.backoff(job.deliveries() + 1));
      LOG.log(Level.WARNING, () -> "tracker " + workerId + ": delivery " + deliveryId + " failed (attempt "
          + (job.deliveries() + 1) + "), delivering again at " + retryAt + ": " + e);
      store.deliveryFailed(deliveryId, workerId, retryAt);
      return;
    }
    store.markHandled(deliveryId);
  }
}
