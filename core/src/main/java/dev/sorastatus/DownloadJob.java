package dev.sorastatus;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One download in progress: the temporary file beside the target, the {@link FileFollower} that hashes and
 * flushes it behind the writer, the bytes held so far and the attempt streaming into them. The blocking and
 * the asynchronous drivers in {@link VideoDownloader} share it, so both check, resume, retry and clean up
 * the same way. Its state is guarded by its own monitor: transport threads write under it, and
 * {@link #abort()} waits for a write in progress before it deletes the file.
 */
final class DownloadJob {
  private static final Logger LOG = System.getLogger(VideoDownloader.class.getName());
  /** Exchanges one download may make in all, however much each of them delivered. */
  static final int MAX_EXCHANGES = 100;
  private static final Set<String> BINARY_TYPES = Set.of(
      "application/octet-stream", "binary/octet-stream", "application/binary", "application/x-binary",
      "application/mp4", "application/force-download", "application/x-download", "application/download");

  private final VideoDownloader downloader;
  private final Video video;
  private final Path target;
  private final Path temp;
  private final DownloadOptions options;
  private ContentRequest base;
  private final FileChannel channel;
  private final FileFollower follower;
  private final long maxBytes;
  /** The length the status body announced for the video ({@code size_bytes}), checked when downloading it. */
  private final OptionalLong announcedSize;
  /** The SHA-256 the status body announced for the video, checked against the hash of the bytes received. */
  private final Optional<String> announcedSha256;

  private long written;
  private long highWater;
  private OptionalLong total = OptionalLong.empty();
  private Optional<String> entityTag = Optional.empty();
  private Optional<String> contentType = Optional.empty();
  private int exchanges;
  private int failuresInARow;
  private Attempt current;
  private TaskScheduler.Scheduled pendingRetry;
  private boolean closed;
  private boolean finished;
  private boolean listenerFailed;
  /** Whether the one status re-read for a fresh download URL was used, or is about to be. */
  private boolean refreshUsed;
  private boolean refreshPending;
  private Throwable lastRefusal;
  /** What ends the download whatever the retry rules say: a refresh that found no fresh URL. */
  private RuntimeException terminal;

  private DownloadJob(VideoDownloader downloader, Video video, Path target, Path temp, FileChannel channel,
      DownloadOptions options, ContentRequest base) {
    this.downloader = downloader;
    this.video = video;
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.options = options;
    this.base = base;
    this.follower = new FileFollower(channel, options.durable());
    this.maxBytes = options.maxBytes().orElse(Long.MAX_VALUE);
    boolean isVideo = options.variant() == Variant.VIDEO; // what a status announces is the video's, not a thumbnail's
    this.announcedSize = isVideo ? video.sizeBytes() : OptionalLong.empty();
    this.announcedSha256 = isVideo ? video.sha256() : Optional.empty();
  }

  /**
   * Checks that {@code video} can be downloaded to {@code target} and creates the temporary file; no
   * request is made.
   */
  static DownloadJob start(VideoDownloader downloader, Video video, Path target, DownloadOptions options) {
    if (video.status() != VideoStatus.COMPLETED) {
      throw VideoDownloadException.notReady(video);
    }
    checkNotExpired(video, downloader);
    if (Files.isDirectory(target)) {
      throw VideoDownloadException.targetExists(video.id(), target, true);
    }
    if (!options.overwrite() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw VideoDownloadException.targetExists(video.id(), target, false);
    }
    ContentRequest base = options.variant() == Variant.VIDEO && video.downloadUrl().isPresent()
        ? ContentRequest.of(video.id(), Variant.VIDEO, video.downloadUrl().get())
        : ContentRequest.of(video.id(), options.variant());
    Path temp = null;
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      String name = target.getFileName().toString();
      String prefix = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
      for (int i = 0; temp == null; i++) {
        Path candidate = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".part");
        try {
          // CREATE_NEW rather than createTempFile: the finished file gets the usual permissions, not 0600
          FileChannel channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              StandardOpenOption.READ); // READ: the follower hashes the file back from the page cache
          temp = candidate;
          return new DownloadJob(downloader, video, target, temp, channel, options, base);
        } catch (FileAlreadyExistsException taken) {
          if (i >= 10) {
            throw taken;
          }
        }
      }
      throw new AssertionError("unreachable");
    } catch (IOException e) {
      throw new VideoDownloadException(video.id(), VideoDownloadException.Reason.WRITE_FAILED, "could not create a temporary file beside " + target
          + " for video " + video.id() + ": " + e, e);
    }
  }

  /** Fails with an {@code EXPIRED} {@link VideoDownloadException} if the video has expired by now. */
  void checkNotExpired() {
    checkNotExpired(video, downloader);
  }

  private static void checkNotExpired(Video video, VideoDownloader downloader) {
    java.time.Instant now = downloader.clock().instant();
    if (video.isExpired(now)) {
      throw VideoDownloadException.expired(video.id(), video.expiresAt().orElseThrow(), now);
    }
  }

  /**
   * Starts the next exchange, from the bytes already held, after reading the status for a fresh download
   * URL when the last one was refused; its future completes when its body ended.
   */
  CompletableFuture<Void> startAttempt() {
    Throwable refusal;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(cancelled());
      }
      if (!refreshPending) {
        return stream();
      }
      refreshPending = false;
      refusal = lastRefusal;
    }
    CompletableFuture<Video> read;
    try {
      read = downloader.statusPort().orElseThrow().retrieveAsync(video.id());
    } catch (RuntimeException e) {
      read = CompletableFuture.failedFuture(e);
    }
    return read.handle((fresh, failure) -> refreshed(fresh, unwrap(failure), refusal))
        .thenCompose(ready -> ready ? stream() : CompletableFuture.failedFuture(refusal));
  }

  /**
   * Takes the fresh download URL of {@code fresh}, or, when the re-read failed or gave none that is new,
   * makes {@code refusal} the download's end; returns whether to try again.
   */
  private synchronized boolean refreshed(Video fresh, Throwable failure, Throwable refusal) {
    URI old = base.url().orElseThrow();
    String why;
    if (failure != null) {
      why = "the status re-read failed: " + failure.getMessage();
    } else if (!fresh.id().equals(video.id())) {
      why = "the status re-read answered for another job, " + fresh.id();
    } else if (fresh.status() != VideoStatus.COMPLETED) {
      why = "the status re-read says the job is " + fresh.rawStatus() + ", not completed";
    } else if (fresh.isExpired(downloader.clock().instant())) {
      why = "the status re-read says the video expired at " + fresh.expiresAt().orElseThrow();
    } else if (fresh.downloadUrl().isEmpty()) {
      why = "the status re-read has no download URL";
    } else if (fresh.downloadUrl().get().equals(old)) {
      why = "the status re-read gave the same download URL";
    } else {
      base = ContentRequest.of(video.id(), Variant.VIDEO, fresh.downloadUrl().get());
      failuresInARow = 0; // a fresh URL is a fresh start: the download's own retries begin again
      LOG.log(Level.DEBUG, () -> "video " + video.id() + ": download URL refused; trying the fresh one once");
      return true;
    }
    SoraException end = new SoraException("video " + video.id() + " was not downloaded again: " + why, failure);
    refusal.addSuppressed(end);
    terminal = refusal instanceof RuntimeException ? (RuntimeException) refusal : end;
    return false;
  }

  /** Streams the next exchange from the bytes already held. */
  private CompletableFuture<Void> stream() {
    Attempt attempt;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(cancelled());
      }
      if (written > 0 && total.isPresent() && written == total.getAsLong()) {
        return CompletableFuture.completedFuture(null); // every byte arrived before the failure: nothing to ask
      }
      exchanges++;
      ContentRequest request = written > 0 ? base.from(written, entityTag) : base;
      attempt = new Attempt(request);
      current = attempt;
      pendingRetry = null;
    }
    CompletableFuture<Void> exchange;
    try {
      exchange = downloader.port().stream(attempt.request, attempt);
      java.util.Objects.requireNonNull(exchange, "VideoContentPort.stream returned null");
    } catch (RuntimeException e) {
      exchange = CompletableFuture.failedFuture(e);
    }
    attempt.exchange = exchange;
    exchange.whenComplete((ignored, failure) -> attempt.settle(unwrap(failure)));
    return attempt.done;
  }

  /**
   * Returns how long to wait before the next attempt after {@code failure}, or throws the error that ends
   * the download: a failure that is not transient, too many in a row, or a server delay too long to wait.
   */
  Duration retryDelay(Throwable failure) {
    Throwable f = unwrap(failure);
    Duration delay;
    int retry;
    long from;
    synchronized (this) {
      if (closed) {
        throw cancelled();
      }
      if (terminal != null) {
        throw terminal;
      }
      if (isGoneOnServer(f)) {
        throw VideoDownloadException.goneOnServer(video, (SoraApiException) f);
      }
      if (mayRefresh(f)) {
        refreshUsed = true;
        refreshPending = true;
        lastRefusal = f;
        return Duration.ZERO; // a fresh URL, not time, is what the next attempt needs; it costs no retry
      }
      boolean progressed = written > highWater;
      highWater = Math.max(highWater, written);
      failuresInARow = progressed ? 1 : failuresInARow + 1; // a transfer that got further is a fresh start
      retry = failuresInARow;
      if (!downloader.retries().isTransient(f) || failuresInARow >= downloader.retries().maxAttempts()
          || exchanges >= MAX_EXCHANGES) {
        throw finalError(f);
      }
      Optional<Duration> d = downloader.retries().delayBefore(retry, f);
      if (d.isEmpty()) {
        throw finalError(f);
      }
      delay = d.get();
      from = written;
    }
    LOG.log(Level.DEBUG, () -> "video " + video.id() + ": download attempt failed (" + f.getMessage()
        + "); retry " + retry + " in " + delay.toMillis() + " ms from byte " + from);
    return delay;
  }

  /** Returns whether {@code f} says the content is gone: 410, or 404 (or the gateway's not-found) after completion. */
  private static boolean isGoneOnServer(Throwable f) {
    return f instanceof VideoNotFoundException
        || (f instanceof SoraApiException && ((SoraApiException) f).statusCode() == 410);
  }

  /**
   * Returns whether {@code f}, a refused signed download URL (401 or 403), may be cured by reading the
   * status once for a fresh URL: only for a URL that came from the status body, once per download, and
   * only with a status port to read through.
   */
  private boolean mayRefresh(Throwable f) {
    if (refreshUsed || base.url().isEmpty() || downloader.statusPort().isEmpty() || !(f instanceof SoraApiException)) {
      return false;
    }
    int status = ((SoraApiException) f).statusCode();
    return status == 401 || status == 403;
  }

  /** Remembers the scheduled next attempt, so that {@link #abort()} can withdraw it. */
  synchronized void retryScheduled(TaskScheduler.Scheduled scheduled) {
    if (closed) {
      scheduled.cancel();
    } else {
      pendingRetry = scheduled;
    }
  }

  /** Closes the finished temporary file and moves it into place. */
  DownloadResult finish() {
    synchronized (this) {
      if (closed) {
        throw cancelled();
      }
      String sha256;
      try {
        sha256 = follower.finish(written);
        checkAnnounced(sha256);
        channel.close();
        moveIntoPlace();
      } catch (IOException e) {
        throw new VideoDownloadException(video.id(), VideoDownloadException.Reason.WRITE_FAILED, "could not move the downloaded video " + video.id()
            + " to " + target + ": " + e, e);
      }
      finished = true;
      closed = true;
      return new DownloadResult(target, written, contentType, sha256, exchanges);
    }
  }

  /** Fails unless the bytes received are as long, and hash as, the status body announced. */
  private void checkAnnounced(String sha256) {
    if (announcedSize.isPresent() && written != announcedSize.getAsLong()) {
      throw VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " is " + written
          + " bytes but the status announced " + announcedSize.getAsLong() + " (size_bytes); it was not kept");
    }
    if (announcedSha256.isPresent() && !announcedSha256.get().equalsIgnoreCase(sha256)) {
      throw VideoDownloadException.rejected(video.id(), "sha256 of the " + written + " bytes received for video "
          + video.id() + " is " + sha256 + " but the status announced " + announcedSha256.get() + "; it was not kept");
    }
  }

  private void moveIntoPlace() throws IOException {
    if (options.overwrite()) {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return;
    }
    try {
      Files.createLink(target, temp); // a hard link never replaces: no window in which another file is lost
      Files.deleteIfExists(temp);
      return;
    } catch (FileAlreadyExistsException e) {
      throw VideoDownloadException.targetExists(video.id(), target, false);
    } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
      // this file system has no hard links: check, then rename, which is atomic within one directory
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw VideoDownloadException.targetExists(video.id(), target, false);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target);
    }
  }

  /**
   * Abandons the download: withdraws the attempt in flight and any scheduled retry, and deletes the
   * temporary file. Idempotent; does nothing once finished.
   *
   * @return false when the download had already finished, its file in place; true when it is abandoned
   */
  boolean abort() {
    CompletableFuture<Void> exchange = null;
    TaskScheduler.Scheduled retry;
    synchronized (this) {
      if (finished) {
        return false;
      }
      if (!closed) {
        closed = true;
        if (current != null) {
          exchange = current.exchange;
        }
      }
      retry = pendingRetry;
      pendingRetry = null;
      follower.stop();
      try {
        channel.close();
      } catch (IOException ignored) {
        // the file is deleted next; nothing was lost that mattered
      }
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not delete the partial download " + temp + ": " + e);
      }
    }
    if (retry != null) {
      retry.cancel();
    }
    if (exchange != null) {
      exchange.cancel(true);
    }
    return true;
  }

  /** Returns the error for an interrupt of the blocking download. */
  SoraTransportException interrupted(InterruptedException e) {
    InterruptedIOException cause = new InterruptedIOException("interrupted");
    cause.initCause(e);
    return new SoraTransportException("download of video " + video.id() + " was interrupted; "
        + "the partial file was removed", cause);
  }

  private SoraException cancelled() {
    return new VideoDownloadException(video.id(), VideoDownloadException.Reason.CANCELLED, "download of video " + video.id() + " was cancelled", null);
  }

  private RuntimeException finalError(Throwable f) {
    if (f instanceof SoraTransportException && f.getCause() instanceof ShortBody) {
      return VideoDownloadException.rejected(video.id(), f.getMessage() + " (after " + exchanges + " attempts)");
    }
    if (f instanceof RuntimeException) {
      return (RuntimeException) f;
    }
    if (f instanceof Error) {
      throw (Error) f;
    }
    return new VideoDownloadException(video.id(), VideoDownloadException.Reason.WRITE_FAILED, "download of video " + video.id() + " failed: " + f, f);
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
        || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Returns whether {@code contentType} may be a video or image: a video, image or binary type, or none. */
  static boolean isMediaType(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return true; // nothing declared: judged by what the caller asked for, not refused blind
    }
    String t = contentType.get();
    int semicolon = t.indexOf(';');
    t = (semicolon >= 0 ? t.substring(0, semicolon) : t).trim().toLowerCase(Locale.ROOT);
    return t.isEmpty() || t.startsWith("video/") || t.startsWith("image/") || BINARY_TYPES.contains(t);
  }

  /** A body that ended cleanly before its declared length. */
  private static final class ShortBody extends EOFException {
    private static final long serialVersionUID = 1L;
    final long received;
    final long expected;

    ShortBody(String message, long received, long expected) {
      super(message);
      this.received = received;
      this.expected = expected;
    }
  }

  /** One exchange streaming into the job; a sink that turns inert once settled. */
  private final class Attempt implements ContentSink {
    final ContentRequest request;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile CompletableFuture<Void> exchange;
    ContentHead head;
    long received;
    long receivedAtLastCheck;
    boolean settled;
    TaskScheduler.Scheduled watchdog;

    Attempt(ContentRequest request) {
      this.request = request;
    }

    @Override
    public void head(ContentHead h) {
      java.util.Objects.requireNonNull(h, "head == null");
      long bytes;
      OptionalLong size;
      synchronized (DownloadJob.this) {
        checkLive();
        if (head != null) {
          throw new IllegalStateException("the content port sent a second head");
        }
        head = h;
        if (!isMediaType(h.contentType())) {
          throw VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " is " + h.contentType().orElse("?")
                  + ", not a video, an image or binary data");
        }
        if (h.offset() != written) {
          if (h.offset() != 0) {
            throw VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " resumed at byte " + h.offset() + " but " + written
                    + " bytes are held");
          }
          restartFromZero(); // the server sent the whole file instead of the rest
        } else if (written > 0 && changed(h)) {
          restartFromZero();
          throw new SoraTransportException("content of video " + video.id()
              + " changed between attempts; starting over", new IOException("entity changed"));
        }
        if (h.totalLength().isPresent() && h.totalLength().getAsLong() > maxBytes) {
          throw tooLarge(h.totalLength().getAsLong());
        }
        if (h.totalLength().isPresent() && announcedSize.isPresent()
            && h.totalLength().getAsLong() != announcedSize.getAsLong()) {
          throw VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " declares "
              + h.totalLength().getAsLong() + " bytes but the status announced " + announcedSize.getAsLong()
              + " (size_bytes)");
        }
        h.contentType().ifPresent(t -> contentType = Optional.of(t));
        h.entityTag().ifPresent(t -> entityTag = Optional.of(t));
        if (h.totalLength().isPresent()) {
          total = h.totalLength();
        }
        bytes = written;
        size = total;
        watchdog = downloader.scheduler().schedule(downloader.stallTimeout(), this::checkStall);
      }
      progress(bytes, size);
    }

    @Override
    public void write(ByteBuffer bytes) {
      long now;
      OptionalLong size;
      int n;
      synchronized (DownloadJob.this) {
        checkLive();
        if (head == null) {
          throw new IllegalStateException("the content port sent bytes before a head");
        }
        n = bytes.remaining();
        if (written + n > maxBytes) {
          throw tooLarge(written + n);
        }
        OptionalLong end = head.end();
        if (announcedSize.isPresent() && written + n > announcedSize.getAsLong()) {
          throw VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " is longer than the "
              + announcedSize.getAsLong() + " bytes the status announced (size_bytes)");
        }
        if (end.isPresent() && written + n > end.getAsLong()) {
          throw VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " is longer than its declared " + head.length().getAsLong()
                  + " bytes");
        }
        try {
          long position = written;
          while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
          }
        } catch (IOException e) {
          throw new VideoDownloadException(video.id(), VideoDownloadException.Reason.WRITE_FAILED, "could not write video " + video.id() + " to " + temp
              + ": " + e, e);
        }
        written += n;
        follower.advanced(written);
        received += n;
        now = written;
        size = total;
      }
      if (n > 0) {
        downloader.observer().downloadBytes(video.id(), n);
      }
      progress(now, size);
    }

    private boolean changed(ContentHead h) {
      boolean tagChanged = h.entityTag().isPresent() && entityTag.isPresent() && !h.entityTag().equals(entityTag);
      boolean sizeChanged = h.totalLength().isPresent() && total.isPresent() && !h.totalLength().equals(total);
      return tagChanged || sizeChanged;
    }

    private void restartFromZero() {
      try {
        channel.truncate(0);
      } catch (IOException e) {
        throw new VideoDownloadException(video.id(), VideoDownloadException.Reason.WRITE_FAILED, "could not truncate " + temp + ": " + e, e);
      }
      follower.restart();
      written = 0;
      total = OptionalLong.empty();
      entityTag = Optional.empty();
    }

    private VideoDownloadException tooLarge(long size) {
      return VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " is larger than the " + maxBytes
              + "-byte limit (DownloadOptions.maxBytes): " + size + " bytes");
    }

    private void checkLive() {
      if (settled || closed) {
        throw new IllegalStateException("this download attempt is over");
      }
    }

    /** Ends this attempt once: with the port's outcome, or with a stall the watchdog saw first. */
    void settle(Throwable failure) {
      Throwable outcome = failure;
      TaskScheduler.Scheduled dog;
      synchronized (DownloadJob.this) {
        if (settled) {
          return;
        }
        settled = true;
        dog = watchdog;
        if (outcome == null) {
          outcome = checkComplete();
        }
      }
      if (dog != null) {
        dog.cancel();
      }
      if (outcome == null) {
        done.complete(null);
      } else {
        done.completeExceptionally(outcome);
      }
    }

    private Throwable checkComplete() {
      if (head == null) {
        return VideoDownloadException.rejected(video.id(), "the content port ended the transfer of video " + video.id() + " without a response");
      }
      boolean declared = head.end().isPresent() || total.isPresent();
      OptionalLong end = head.end().isPresent() ? head.end() : declared ? total : announcedSize;
      if (end.isPresent() && written < end.getAsLong()) {
        long expected = end.getAsLong();
        return new SoraTransportException("content of video " + video.id() + " ended after " + written + " of "
            + expected + " bytes" + (declared ? "" : " the status announced (size_bytes)"),
            new ShortBody("ended early", written, expected));
      }
      if (written == 0) {
        return VideoDownloadException.rejected(video.id(), "content of video " + video.id() + " is empty");
      }
      return null;
    }

    private void checkStall() {
      synchronized (DownloadJob.this) {
        if (settled) {
          return;
        }
        if (received != receivedAtLastCheck) {
          receivedAtLastCheck = received;
          watchdog = downloader.scheduler().schedule(downloader.stallTimeout(), this::checkStall);
          return;
        }
      }
      SocketTimeoutException stall = new SocketTimeoutException("no bytes for "
          + downloader.stallTimeout().toMillis() + " ms");
      settle(new SoraTransportException("content of video " + video.id() + " stalled after " + received
          + " bytes of this transfer: " + stall.getMessage(), stall));
      CompletableFuture<Void> e = exchange;
      if (e != null) {
        e.cancel(true);
      }
    }

    private void progress(long bytes, OptionalLong size) {
      Optional<DownloadProgressListener> listener = options.onProgress();
      if (listener.isEmpty()) {
        return;
      }
      try {
        listener.get().onProgress(bytes, size);
      } catch (RuntimeException e) {
        boolean first;
        synchronized (DownloadJob.this) {
          first = !listenerFailed;
          listenerFailed = true;
        }
        if (first) {
          LOG.log(Level.WARNING, "progress listener of the download of video " + video.id()
              + " threw; it is ignored", e);
        }
      }
    }
  }
}
