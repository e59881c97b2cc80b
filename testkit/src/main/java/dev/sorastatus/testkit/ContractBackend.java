package dev.sorastatus.testkit;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.time.Duration;
import java.util.List;

/**
 * The server side of {@link VideoStatusPortContract}: scripts what the API answers for a job, in domain
 * terms, so that the same contract runs against a real transport behind WireMock, the fake's HTTP mode and
 * the fake's in-memory port. Implement it to run the contract against your own adapter's server.
 */
public interface ContractBackend extends AutoCloseable {

  /**
   * Answers every read of {@code video.id()} with {@code video}, including its
   * {@linkplain Video#pollAfter() poll hint}.
   *
   * @param video the state to report
   */
  void serve(Video video);

  /**
   * Answers reads of {@code id} as the API does for a job it does not know.
   *
   * @param id the job
   */
  void notFound(VideoId id);

  /**
   * Answers reads of {@code id} with HTTP 401, a refused key.
   *
   * @param id the job
   */
  void unauthorized(VideoId id);

  /**
   * Answers reads of {@code id} with HTTP 403, a key that may not read the job.
   *
   * @param id the job
   */
  void forbidden(VideoId id);

  /**
   * Answers reads of {@code id} with HTTP 429 and a {@code Retry-After} of {@code retryAfter}.
   *
   * @param id the job
   * @param retryAfter the delay to ask for, whole seconds or more precise
   */
  void rateLimited(VideoId id, Duration retryAfter);

  /**
   * Answers reads of {@code id} with a server error.
   *
   * @param id the job
   * @param statusCode 500 to 599
   */
  void serverError(VideoId id, int statusCode);

  /**
   * Answers reads of {@code id} with HTTP 200 and a body that is not a video.
   *
   * @param id the job
   */
  void malformed(VideoId id);

  /**
   * Answers reads of {@code id} with HTTP 200 and the body of another job, as a confused cache or gateway
   * does.
   *
   * @param id the job asked for
   * @param other the job whose state is sent instead
   */
  void serveAnotherJob(VideoId id, Video other);

  /**
   * Answers the listing ({@code GET /videos}) with {@code videos}, newest first, {@code limit} to a page,
   * each page after the first following the last id of the one before. This default throws, so that a
   * backend written before listing existed still compiles; the contract's listing rows need it.
   *
   * @param videos the jobs, newest first
   * @param limit the page size the contract asks for
   * @throws UnsupportedOperationException if this backend cannot serve a listing
   */
  default void serveList(List<Video> videos, int limit) {
    throw new UnsupportedOperationException(getClass().getName() + " does not serve a listing");
  }

  /**
   * Answers the next {@code times} listing requests with an error status (401, 403, 429 asking to wait a
   * second, or 5xx) in the backend's error shape; later ones are answered as {@link #serveList} says.
   *
   * @param statusCode 401, 403, 429 or 500 to 599
   * @param times how many requests fail, one or more
   * @throws UnsupportedOperationException if this backend cannot serve a listing
   */
  default void failList(int statusCode, int times) {
    throw new UnsupportedOperationException(getClass().getName() + " does not serve a listing");
  }

  /**
   * Answers the next {@code times} listing requests with HTTP 200 and a body that is not a list.
   *
   * @param times how many requests get it, one or more
   * @throws UnsupportedOperationException if this backend cannot serve a listing
   */
  default void malformedList(int times) {
    throw new UnsupportedOperationException(getClass().getName() + " does not serve a listing");
  }

  /**
   * Returns how many reads reached the server since the last {@link #reset()}.
   *
   * @return the request count
   */
  long requestCount();

  /** Forgets every script and every recorded request. */
  void reset();

  /** Stops whatever this backend started. */
  @Override
  void close();
}
