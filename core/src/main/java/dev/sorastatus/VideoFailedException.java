package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;

/**
 * The job ended in {@link VideoStatus#FAILED} where a completed video was required
 * ({@link VideoPoller#awaitCompleted(VideoId)}). Carries the failed video and the server's reason.
 */
public final class VideoFailedException extends VideoWaitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param video the failed video
   * @throws NullPointerException if {@code video} is null
   */
  public VideoFailedException(Video video) {
    super(Objects.requireNonNull(video, "video == null").id(), message(video), Optional.of(video), null);
  }

  /**
   * Returns the failed video.
   *
   * @return the video, in status {@link VideoStatus#FAILED}
   */
  public Video video() {
    return lastSeen().orElseThrow();
  }

  /**
   * Returns why the job failed, as the server reported it.
   *
   * @return the error, if the server sent one
   */
  public Optional<VideoError> error() {
    return video().error();
  }

  /**
   * Returns the server's machine-readable reason, such as {@code moderation_blocked}.
   *
   * @return the code, if the server sent one
   */
  public Optional<String> code() {
    return error().flatMap(VideoError::code);
  }

  private static String message(Video video) {
    String reason = video.error()
        .map(e -> e.code().map(c -> c + ": ").orElse("") + e.message())
        .filter(s -> !s.isEmpty())
        .orElse("no reason given");
    return "video " + video.id() + " failed (" + video.rawStatus() + "): " + reason;
  }
}
