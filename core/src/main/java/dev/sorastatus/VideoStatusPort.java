package dev.sorastatus;

import java.util.concurrent.CompletableFuture;

/**
 * Reads where a video job stands. This is the port the rest of the library (the poller, the downloader)
 * and your code depend on; {@link SoraClient} (over either transport) and the testkit's fake implement it.
 * Implementations are thread-safe.
 *
 * <pre>{@code
 * try (var port = SoraClient.create(config)) {
 *   Video video = port.retrieve(VideoId.of("video_123"));
 * }
 * }</pre>
 */
public interface VideoStatusPort {

  /**
   * Returns the latest state of the job {@code id}, blocking until it is read.
   *
   * <p>The video returned always has {@code id} as its id: an answer that names another job is refused as
   * malformed, and one that names no job at all is taken as this job's. {@code VideoPoller} checks this again
   * for every port, so a port that breaks the rule costs a read, never a wrong result.
   *
   * @param id the job to read
   * @return the job's state, whose {@link Video#id()} equals {@code id}
   * @throws NullPointerException if {@code id} is null
   * @throws VideoNotFoundException if the server does not know the job (it never existed, expired or
   *     was deleted)
   * @throws SoraApiException for any other error status, its {@link SoraApiException#kind() kind} saying
   *     which: the API key was refused (HTTP 401), the key may not read the job (403), the server asked to
   *     slow down (429, with {@link SoraApiException#retryAfter()}), the server failed (5xx), a redirect
   *     (never followed), or any other status
   * @throws MalformedResponseException if a successful response is not a video of this job (empty, not
   *     JSON, no status, another job's id) or is larger than the configured limit
   * @throws SoraTransportException if the request could not be sent or answered (connection refused or
   *     reset, a timeout, an interrupt), or a port that retries ran out of its per-call deadline ({@link
   *     SoraTransportException#deadline()}, {@link RetryPolicy#deadline()})
   */
  Video retrieve(VideoId id);

  /**
   * Returns the latest state of the job {@code id} without blocking the calling thread.
   *
   * <p>The future completes with the same values and fails with the same exceptions as
   * {@link #retrieve(VideoId)}; cancelling it abandons the request.
   *
   * @param id the job to read
   * @return a future of the job's state
   * @throws NullPointerException if {@code id} is null
   */
  CompletableFuture<Video> retrieveAsync(VideoId id);
}
