package dev.sorastatus;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The state of one video job at the moment it was read. Every gateway dialect decodes to this one shape:
 * absent values are empty {@code Optional}s, never nulls.
 *
 * <pre>{@code
 * Video video = port.retrieve(VideoId.of("video_123"));
 * if (video.status() == VideoStatus.COMPLETED) {
 *   video.downloadUrl().ifPresent(url -> fetch(url));
 * }
 * }</pre>
 *
 * @param id the job's id
 * @param status the normalised status
 * @param rawStatus the status exactly as the server spelled it (kept for {@link VideoStatus#UNKNOWN})
 * @param progress percent done, 0 to 100; always 100 once {@link VideoStatus#COMPLETED}
 * @param createdAt when the job was created, when reported
 * @param completedAt when the job finished, when reported
 * @param expiresAt when the finished video can no longer be downloaded, when reported
 * @param error why the job failed, when reported
 * @param model the model that renders the job, such as {@code sora-2}
 * @param downloadUrl where the finished video can be fetched, when the server put it in the body
 * @param remixedFromVideoId the job this one remixes, if any
 * @param size the resolution, such as {@code 1280x720}
 * @param seconds the clip length in whole seconds
 * @param prompt the prompt, when the server echoes it
 * @param pollAfter the server's hint for when to ask again ({@code openai-poll-after-ms}), when sent
 */
public record Video(
    VideoId id,
    VideoStatus status,
    String rawStatus,
    int progress,
    Optional<Instant> createdAt,
    Optional<Instant> completedAt,
    Optional<Instant> expiresAt,
    Optional<VideoError> error,
    Optional<String> model,
    Optional<URI> downloadUrl,
    Optional<VideoId> remixedFromVideoId,
    Optional<String> size,
    OptionalInt seconds,
    Optional<String> prompt,
    Optional<Duration> pollAfter) {

  /**
   * Checks every component.
   *
   * @param id the job's id
   * @param status the normalised status
   * @param rawStatus the status exactly as the server spelled it (kept for {@link VideoStatus#UNKNOWN})
   * @param progress percent done, 0 to 100; always 100 once {@link VideoStatus#COMPLETED}
   * @param createdAt when the job was created, when reported
   * @param completedAt when the job finished, when reported
   * @param expiresAt when the finished video can no longer be downloaded, when reported
   * @param error why the job failed, when reported
   * @param model the model that renders the job, such as {@code sora-2}
   * @param downloadUrl where the finished video can be fetched, when the server put it in the body
   * @param remixedFromVideoId the job this one remixes, if any
   * @param size the resolution, such as {@code 1280x720}
   * @param seconds the clip length in whole seconds
   * @param prompt the prompt, when the server echoes it
   * @param pollAfter the server's hint for when to ask again ({@code openai-poll-after-ms}), when sent
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code progress} is outside 0..100
   */
  public Video {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(rawStatus, "rawStatus == null");
    if (progress < 0 || progress > 100) {
      throw new IllegalArgumentException("progress must be 0..100 but was " + progress);
    }
    if (status == VideoStatus.COMPLETED) {
      progress = 100; // a finished job is done, whatever a gateway reported last
    }
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(completedAt, "completedAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
    Objects.requireNonNull(error, "error == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(downloadUrl, "downloadUrl == null");
    Objects.requireNonNull(remixedFromVideoId, "remixedFromVideoId == null");
    Objects.requireNonNull(size, "size == null");
    Objects.requireNonNull(seconds, "seconds == null");
    Objects.requireNonNull(prompt, "prompt == null");
    Objects.requireNonNull(pollAfter, "pollAfter == null");
  }

  /**
   * Returns a builder for a video in {@code status}, its raw status set to the status' lower-case name.
   *
   * @param id the job's id
   * @param status its status
   * @return a builder with every optional value absent and progress 0 (100 when completed)
   */
  public static Builder builder(VideoId id, VideoStatus status) {
    return new Builder(id, status);
  }

  /**
   * Returns a builder holding this video's values, for deriving a changed copy.
   *
   * @return a builder initialised from this video
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns whether this job will never change again.
   *
   * @return true when {@link #status()} is {@link VideoStatus#COMPLETED} or {@link VideoStatus#FAILED}
   */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /**
   * Returns whether the finished video can no longer be downloaded at {@code now}.
   *
   * @param now the instant to judge by, usually from the injected clock
   * @return true when {@link #expiresAt()} is present and not after {@code now}
   */
  public boolean isExpired(Instant now) {
    Objects.requireNonNull(now, "now == null");
    return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
  }

  /** Builds a {@link Video}; every setter validates its argument. */
  public static final class Builder {
    private final VideoId id;
    private VideoStatus status;
    private String rawStatus;
    private Integer progress;
    private Instant createdAt;
    private Instant completedAt;
    private Instant expiresAt;
    private VideoError error;
    private String model;
    private URI downloadUrl;
    private VideoId remixedFromVideoId;
    private String size;
    private Integer seconds;
    private String prompt;
    private Duration pollAfter;

    private Builder(VideoId id, VideoStatus status) {
      this.id = Objects.requireNonNull(id, "id == null");
      status(status);
    }

    private Builder(Video video) {
      this.id = video.id;
      this.status = video.status;
      this.rawStatus = video.rawStatus;
      this.progress = video.progress;
      this.createdAt = video.createdAt.orElse(null);
      this.completedAt = video.completedAt.orElse(null);
      this.expiresAt = video.expiresAt.orElse(null);
      this.error = video.error.orElse(null);
      this.model = video.model.orElse(null);
      this.downloadUrl = video.downloadUrl.orElse(null);
      this.remixedFromVideoId = video.remixedFromVideoId.orElse(null);
      this.size = video.size.orElse(null);
      this.seconds = video.seconds.isPresent() ? video.seconds.getAsInt() : null;
      this.prompt = video.prompt.orElse(null);
      this.pollAfter = video.pollAfter.orElse(null);
    }

    /**
     * Sets the status and resets the raw status to its lower-case name.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(VideoStatus status) {
      this.status = Objects.requireNonNull(status, "status == null");
      this.rawStatus = status.name().toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * Sets the status string as the server spelled it; call after {@link #status(VideoStatus)}.
     *
     * @param rawStatus the raw status
     * @return this builder
     */
    public Builder rawStatus(String rawStatus) {
      this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus == null");
      return this;
    }

    /**
     * Sets the progress.
     *
     * @param progress percent done, 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if {@code progress} is outside 0..100
     */
    public Builder progress(int progress) {
      if (progress < 0 || progress > 100) {
        throw new IllegalArgumentException("progress must be 0..100 but was " + progress);
      }
      this.progress = progress;
      return this;
    }

    /**
     * Sets when the job was created.
     *
     * @param createdAt the instant
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt == null");
      return this;
    }

    /**
     * Sets when the job finished.
     *
     * @param completedAt the instant
     * @return this builder
     */
    public Builder completedAt(Instant completedAt) {
      this.completedAt = Objects.requireNonNull(completedAt, "completedAt == null");
      return this;
    }

    /**
     * Sets when the finished video expires.
     *
     * @param expiresAt the instant
     * @return this builder
     */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt == null");
      return this;
    }

    /**
     * Sets why the job failed.
     *
     * @param error the error
     * @return this builder
     */
    public Builder error(VideoError error) {
      this.error = Objects.requireNonNull(error, "error == null");
      return this;
    }

    /**
     * Sets the model.
     *
     * @param model the model name
     * @return this builder
     */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /**
     * Sets where the finished video can be fetched.
     *
     * @param downloadUrl an absolute {@code http} or {@code https} URI
     * @return this builder
     * @throws IllegalArgumentException if the URI is not absolute http(s)
     */
    public Builder downloadUrl(URI downloadUrl) {
      Objects.requireNonNull(downloadUrl, "downloadUrl == null");
      String scheme = downloadUrl.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
          || downloadUrl.getHost() == null) {
        throw new IllegalArgumentException("downloadUrl must be an absolute http(s) URI");
      }
      this.downloadUrl = downloadUrl;
      return this;
    }

    /**
     * Sets the job this one remixes.
     *
     * @param remixedFromVideoId the source job's id
     * @return this builder
     */
    public Builder remixedFromVideoId(VideoId remixedFromVideoId) {
      this.remixedFromVideoId = Objects.requireNonNull(remixedFromVideoId, "remixedFromVideoId == null");
      return this;
    }

    /**
     * Sets the resolution.
     *
     * @param size such as {@code 1280x720}
     * @return this builder
     */
    public Builder size(String size) {
      this.size = Objects.requireNonNull(size, "size == null");
      return this;
    }

    /**
     * Sets the clip length.
     *
     * @param seconds whole seconds, zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code seconds} is negative
     */
    public Builder seconds(int seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("seconds must be >= 0 but was " + seconds);
      }
      this.seconds = seconds;
      return this;
    }

    /**
     * Sets the prompt.
     *
     * @param prompt the prompt text
     * @return this builder
     */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt == null");
      return this;
    }

    /**
     * Sets the server's hint for when to ask again.
     *
     * @param pollAfter a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code pollAfter} is zero or negative
     */
    public Builder pollAfter(Duration pollAfter) {
      Objects.requireNonNull(pollAfter, "pollAfter == null");
      if (pollAfter.isZero() || pollAfter.isNegative()) {
        throw new IllegalArgumentException("pollAfter must be positive but was " + pollAfter);
      }
      this.pollAfter = pollAfter;
      return this;
    }

    /**
     * Returns the video.
     *
     * @return a new immutable video
     */
    public Video build() {
      return new Video(
          id,
          status,
          rawStatus,
          progress != null ? progress : 0,
          Optional.ofNullable(createdAt),
          Optional.ofNullable(completedAt),
          Optional.ofNullable(expiresAt),
          Optional.ofNullable(error),
          Optional.ofNullable(model),
          Optional.ofNullable(downloadUrl),
          Optional.ofNullable(remixedFromVideoId),
          Optional.ofNullable(size),
          seconds == null ? OptionalInt.empty() : OptionalInt.of(seconds),
          Optional.ofNullable(prompt),
          Optional.ofNullable(pollAfter));
    }
  }
}
