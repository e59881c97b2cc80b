package dev.sorastatus.testkit;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.time.Duration;

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
