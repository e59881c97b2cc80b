package dev.sorastatus;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
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
 * <p>An immutable value, equal to another video whose components are all equal. It is a class rather than
 * a record so that the download URL can stay checked text until {@link #downloadUrl()} is first called:
 * building a {@code URI} costs more than reading the rest of a status body. {@link #toString()} leaves out
 * the download URL's query, which is often a signature that grants access.
 */
public final class Video {
  private final VideoId id;
  private final VideoStatus status;
  private final String rawStatus;
  private final int progress;
  private final Instant createdAt;
  private final Instant completedAt;
  private final Instant expiresAt;
  private final VideoError error;
  private final String model;
  /** Checked text of the download URL, or null; {@link #downloadUrl} is built from it on first use. */
  private final String downloadUrlText;
  private final VideoId remixedFromVideoId;
  private final String size;
  private final Integer seconds;
  private final String prompt;
  private final Duration pollAfter;
  /** The download URL once built; volatile, since a {@code URI} is not safe to publish through a race. */
  private volatile URI downloadUrl;

  /**
   * Creates a video from every component, as a record's canonical constructor would.
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
  public Video(
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
    this.id = Objects.requireNonNull(id, "id == null");
    this.status = Objects.requireNonNull(status, "status == null");
    this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus == null");
    this.progress = checkProgress(progress, status);
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt == null").orElse(null);
    this.completedAt = Objects.requireNonNull(completedAt, "completedAt == null").orElse(null);
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt == null").orElse(null);
    this.error = Objects.requireNonNull(error, "error == null").orElse(null);
    this.model = Objects.requireNonNull(model, "model == null").orElse(null);
    this.downloadUrl = Objects.requireNonNull(downloadUrl, "downloadUrl == null").orElse(null);
    this.downloadUrlText = null;
    this.remixedFromVideoId = Objects.requireNonNull(remixedFromVideoId, "remixedFromVideoId == null").orElse(null);
    this.size = Objects.requireNonNull(size, "size == null").orElse(null);
    this.seconds = Objects.requireNonNull(seconds, "seconds == null").isPresent() ? seconds.getAsInt() : null;
    this.prompt = Objects.requireNonNull(prompt, "prompt == null").orElse(null);
    this.pollAfter = Objects.requireNonNull(pollAfter, "pollAfter == null").orElse(null);
  }

  private Video(Builder b) {
    this.id = b.id;
    this.status = b.status;
    this.rawStatus = b.rawStatus;
    this.progress = checkProgress(b.progress != null ? b.progress : 0, b.status);
    this.createdAt = b.createdAt;
    this.completedAt = b.completedAt;
    this.expiresAt = b.expiresAt;
    this.error = b.error;
    this.model = b.model;
    this.downloadUrl = b.downloadUrl;
    this.downloadUrlText = b.downloadUrlText;
    this.remixedFromVideoId = b.remixedFromVideoId;
    this.size = b.size;
    this.seconds = b.seconds;
    this.prompt = b.prompt;
    this.pollAfter = b.pollAfter;
  }

  private static int checkProgress(int progress, VideoStatus status) {
    if (progress < 0 || progress > 100) {
      throw new IllegalArgumentException("progress must be 0..100 but was " + progress);
    }
    return status == VideoStatus.COMPLETED ? 100 : progress; // a finished job is done, whatever a gateway said
  }

  /**
   * Returns the job's id.
   *
   * @return the id
   */
  public VideoId id() {
    return id;
  }

  /**
   * Returns the normalised status.
   *
   * @return the status
   */
  public VideoStatus status() {
    return status;
  }

  /**
   * Returns the status exactly as the server spelled it (kept for {@link VideoStatus#UNKNOWN}).
   *
   * @return the raw status
   */
  public String rawStatus() {
    return rawStatus;
  }

  /**
   * Returns percent done, 0 to 100; always 100 once {@link VideoStatus#COMPLETED}.
   *
   * @return the progress
   */
  public int progress() {
    return progress;
  }

  /**
   * Returns when the job was created, when reported.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  /**
   * Returns when the job finished, when reported.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> completedAt() {
    return Optional.ofNullable(completedAt);
  }

  /**
   * Returns when the finished video can no longer be downloaded, when reported.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Returns why the job failed, when reported.
   *
   * @return the error, or empty
   */
  public Optional<VideoError> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns the model that renders the job, such as {@code sora-2}.
   *
   * @return the model, or empty
   */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /**
   * Returns where the finished video can be fetched, when the server put it in the body: an absolute
   * http(s) URI. Built on the first call when it was read as text; the same instance after that.
   *
   * @return the URI, or empty
   */
  public Optional<URI> downloadUrl() {
    URI uri = downloadUrl;
    if (uri == null && downloadUrlText != null) {
      uri = URI.create(downloadUrlText); // HttpUrlText.isPlain checked it parses; a race builds an equal one
      downloadUrl = uri;
    }
    return Optional.ofNullable(uri);
  }

  /**
   * Returns the job this one remixes, if any.
   *
   * @return the source job's id, or empty
   */
  public Optional<VideoId> remixedFromVideoId() {
    return Optional.ofNullable(remixedFromVideoId);
  }

  /**
   * Returns the resolution, such as {@code 1280x720}.
   *
   * @return the size, or empty
   */
  public Optional<String> size() {
    return Optional.ofNullable(size);
  }

  /**
   * Returns the clip length in whole seconds.
   *
   * @return the seconds, or empty
   */
  public OptionalInt seconds() {
    return seconds == null ? OptionalInt.empty() : OptionalInt.of(seconds);
  }

  /**
   * Returns the prompt, when the server echoes it.
   *
   * @return the prompt, or empty
   */
  public Optional<String> prompt() {
    return Optional.ofNullable(prompt);
  }

  /**
   * Returns the server's hint for when to ask again ({@code openai-poll-after-ms}), when sent.
   *
   * @return a positive duration, or empty
   */
  public Optional<Duration> pollAfter() {
    return Optional.ofNullable(pollAfter);
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
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * Returns whether {@code o} is a video with equal components; download URLs compare as {@code URI}s.
   *
   * @param o the object to compare with
   * @return true when every component is equal
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Video)) {
      return false;
    }
    Video v = (Video) o;
    return progress == v.progress
        && id.equals(v.id)
        && status == v.status
        && rawStatus.equals(v.rawStatus)
        && Objects.equals(createdAt, v.createdAt)
        && Objects.equals(completedAt, v.completedAt)
        && Objects.equals(expiresAt, v.expiresAt)
        && Objects.equals(error, v.error)
        && Objects.equals(model, v.model)
        && downloadUrl().equals(v.downloadUrl())
        && Objects.equals(remixedFromVideoId, v.remixedFromVideoId)
        && Objects.equals(size, v.size)
        && Objects.equals(seconds, v.seconds)
        && Objects.equals(prompt, v.prompt)
        && Objects.equals(pollAfter, v.pollAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, rawStatus, progress, createdAt, completedAt, expiresAt, error, model,
        downloadUrl().orElse(null), remixedFromVideoId, size, seconds, prompt, pollAfter);
  }

  /**
   * Returns the components in a record's format, the download URL without its query.
   *
   * @return text for logs and messages
   */
  @Override
  public String toString() {
    return "Video[id=" + id + ", status=" + status + ", rawStatus=" + rawStatus + ", progress=" + progress
        + ", createdAt=" + createdAt() + ", completedAt=" + completedAt() + ", expiresAt=" + expiresAt()
        + ", error=" + error() + ", model=" + model()
        + ", downloadUrl=" + downloadUrl().map(u -> "Optional[" + Urls.withoutQuery(u) + "]").orElse("Optional.empty")
        + ", remixedFromVideoId=" + remixedFromVideoId() + ", size=" + size() + ", seconds=" + seconds()
        + ", prompt=" + prompt() + ", pollAfter=" + pollAfter() + "]";
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
    /** The download URL's checked text, when it was given as text and its {@code URI} not built yet. */
    private String downloadUrlText;

    private Builder(VideoId id, VideoStatus status) {
      this.id = Objects.requireNonNull(id, "id == null");
      status(status);
    }

    private Builder(Video video) {
      this.id = video.id;
      this.status = video.status;
      this.rawStatus = video.rawStatus;
      this.progress = video.progress;
      this.createdAt = video.createdAt;
      this.completedAt = video.completedAt;
      this.expiresAt = video.expiresAt;
      this.error = video.error;
      this.model = video.model;
      this.downloadUrl = video.downloadUrl;
      this.downloadUrlText = video.downloadUrlText;
      this.remixedFromVideoId = video.remixedFromVideoId;
      this.size = video.size;
      this.seconds = video.seconds;
      this.prompt = video.prompt;
      this.pollAfter = video.pollAfter;
    }

    /**
     * Sets the status and resets the raw status to its lower-case name.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(VideoStatus status) {
      this.status = Objects.requireNonNull(status, "status == null");
      this.rawStatus = status.lowerCaseName();
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
      this.downloadUrlText = null;
      return this;
    }

    /**
     * Sets where the finished video can be fetched, from its text. Text in the plain form download URLs
     * take (an http(s) scheme, a host name, an optional port, then only URI characters and well-formed
     * escapes) is checked without building its {@code URI}, which {@link Video#downloadUrl()} builds on
     * first use: a status read that nobody downloads from does not pay for it. Any other text is parsed at
     * once.
     *
     * @param downloadUrl an absolute {@code http} or {@code https} URI
     * @return this builder
     * @throws IllegalArgumentException if the text is not an absolute http(s) URI
     */
    public Builder downloadUrl(String downloadUrl) {
      Objects.requireNonNull(downloadUrl, "downloadUrl == null");
      if (!HttpUrlText.isPlain(downloadUrl)) {
        URI uri;
        try {
          uri = new URI(downloadUrl);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("downloadUrl must be an absolute http(s) URI", e);
        }
        return downloadUrl(uri);
      }
      this.downloadUrl = null;
      this.downloadUrlText = downloadUrl;
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
      return new Video(this);
    }
  }
}
