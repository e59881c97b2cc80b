package dev.sorastatus;

import java.time.Duration;
import java.util.Optional;

/**
 * Is told what the library does, for metrics and tracing (as OkHttp's {@code EventListener} is): each status
 * or listing read with its outcome, HTTP status and duration, each retry and rate-limit wait, each download
 * and its bytes, each wait of a poller. Every method does nothing by default, so implement only what you
 * need; {@code sora-status-micrometer} implements it all. Started and finished events come in pairs, so an
 * observer can count what is in flight.
 *
 * <p>Install one observer once: {@link SoraConfig.Builder#observer(SoraObserver)} reaches the client built
 * from that configuration, the downloaders and the pollers built over that client; a poller over another
 * port takes one with {@link VideoPoller.Builder#observer(SoraObserver)}. Durations are measured on the
 * configured {@link java.time.Clock}, so they follow virtual time in tests.
 *
 * <p>Calls come on whichever thread did the work (a caller's, a worker's, the transport's or the
 * scheduler's), at once and concurrently, so keep them short and thread-safe. An exception thrown by an
 * observer is logged once and otherwise ignored: it never breaks a read, a wait or a download. With no
 * observer installed nothing is measured and nothing is allocated for it.
 *
 * <pre>{@code
 * SoraObserver slowReads = new SoraObserver() {
 *   @Override public void readFinished(Operation operation, Optional<Throwable> error, int statusCode,
 *       Duration duration) {
 *     if (duration.compareTo(Duration.ofSeconds(5)) > 0) {
 *       log.warn("slow {}: {} ms", operation, duration.toMillis());
 *     }
 *   }
 * };
 * SoraConfig config = SoraConfig.fromEnvironment(System::getenv).observer(slowReads).build();
 * }</pre>
 */
public interface SoraObserver {

  /** What a read asked the API for. */
  enum Operation {
    /** A job's status, {@code GET /videos/{id}}: {@link VideoStatusPort#retrieve(VideoId)} and its async twin. */
    RETRIEVE,
    /** A page of the listing, {@code GET /videos}: {@link VideoStatusPort#list(VideoListQuery)} and its async twin. */
    LIST
  }

  /**
   * Returns the observer that ignores everything: the default.
   *
   * @return the no-op observer, the same instance every time
   */
  static SoraObserver none() {
    return GuardedObserver.NO_OP;
  }

  /**
   * Receives the start of a read, before it waits in line or sends its first attempt.
   *
   * @param operation what is read
   */
  default void readStarted(Operation operation) {}

  /**
   * Receives the end of a read, after all its attempts.
   *
   * @param operation what was read
   * @param error empty when the read succeeded; else what it failed with: a {@link SoraApiException} (its
   *     {@link SoraApiException#kind()}), a {@link SoraTransportException}, a
   *     {@link MalformedResponseException}, or a {@link java.util.concurrent.CancellationException} for an
   *     asynchronous read that was cancelled
   * @param statusCode the HTTP status of the last response, or {@code 0} when the last attempt got none
   * @param duration from {@link #readStarted} to now, retries and their waits included
   */
  default void readFinished(Operation operation, Optional<Throwable> error, int statusCode, Duration duration) {}

  /**
   * Receives a transient error that is retried: by a read's {@link RetryPolicy}, or by a poller that reads
   * the job again later.
   *
   * @param cause the error: a {@link SoraApiException} (rate limited, a server error or a retryable status),
   *     a {@link SoraTransportException} or a {@link MalformedResponseException}
   * @param delay how long until the next attempt
   */
  default void retryScheduled(SoraException cause, Duration delay) {}

  /**
   * Receives a rate limit that holds requests back: a 429 a read retries, or one that reached a poller.
   *
   * @param delay how long the server asked to wait, or the backoff used when it did not say
   */
  default void rateLimited(Duration delay) {}

  /**
   * Receives the start of a download, before its video and target are checked and before any request: a
   * download refused at once (a video not completed, a target that exists) is started and finished too.
   *
   * @param id the job whose file is downloaded
   */
  default void downloadStarted(VideoId id) {}

  /**
   * Receives bytes of a download as they are written; a transfer that starts over counts its bytes again.
   *
   * @param id the job whose file is downloaded
   * @param bytes how many bytes were just written, more than zero
   */
  default void downloadBytes(VideoId id, long bytes) {}

  /**
   * Receives the end of a download, moved into place or abandoned.
   *
   * @param id the job whose file was downloaded
   * @param error empty when the file is in place; else what the download failed with: a
   *     {@link VideoDownloadException} (its {@link VideoDownloadException#reason()}), a
   *     {@link SoraApiException}, a {@link SoraTransportException}, or a
   *     {@link java.util.concurrent.CancellationException} when it was cancelled
   * @param bytes the size of the file in place, or {@code 0} when it was abandoned (what arrived was told
   *     by {@link #downloadBytes})
   * @param duration from {@link #downloadStarted} to now, retries included
   */
  default void downloadFinished(VideoId id, Optional<Throwable> error, long bytes, Duration duration) {}

  /**
   * Receives the start of a wait of a {@link VideoPoller}, new or resumed.
   *
   * @param id the job waited for
   */
  default void waitStarted(VideoId id) {}

  /**
   * Receives the end of a wait; exactly once for each {@link #waitStarted}.
   *
   * @param id the job waited for
   * @param outcome how the wait ended, {@link WaitOutcome.Kind#CANCELLED} included
   * @param duration from the wait's start (for a resumed wait, its start in the process that began it) to now
   */
  default void waitFinished(VideoId id, WaitOutcome.Kind outcome, Duration duration) {}
}
