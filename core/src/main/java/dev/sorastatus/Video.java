package dev.sorastatus;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

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
 * <p>The canonical constructor is the one place that validates: {@link #builder(VideoId, VideoStatus)} and
 * {@link #toBuilder()} build through it, and their setters fail fast with the same checks. Equal to another
 * video whose components are all equal (download URLs compare as {@code URI}s). {@link #toString()} leaves
 * out the download URL's query, which is often a signature that grants access.
 *
 * @param id the job's id
 * @param status the normalised status
 * @param rawStatus the status exactly as the server spelled it (kept for {@link VideoStatus#UNKNOWN})
 * @param progress percent done, 0 to 100; always 100 once {@link VideoStatus#COMPLETED}
 * @param createdAt when the job was created, when reported
 * @param startedAt when rendering started, when reported
 * @param completedAt when the job finished, when reported
 * @param expiresAt when the finished video can no longer be downloaded, when reported
 * @param error why the job failed, when reported
 * @param model the model that renders the job, such as {@code sora-2}
 * @param downloadUrl where the finished video can be fetched, when the server put it in the body: an
 *     absolute {@code http} or {@code https} URI
 * @param remixedFromVideoId the job this one remixes, if any
 * @param size the resolution, such as {@code 1280x720}
 * @param seconds the clip length in whole seconds, zero or more
 * @param prompt the prompt, when the server echoes it
 * @param pollAfter the server's hint for when to ask again ({@code openai-poll-after-ms}), when sent: a
 *     positive duration
 * @param sha256 the SHA-256 of the video's bytes as the status body announced it ({@code sha256}): 64
 *     lower-case hex digits; the downloader checks what it saves against it
 * @param sizeBytes the video's length in bytes as the status body announced it ({@code size_bytes}), zero
 *     or more; the downloader checks what it saves against it
 */
public record Video(
    VideoId id,
    VideoStatus status,
    String rawStatus,
    int progress,
    Optional<Instant> createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> completedAt,
    Optional<Instant> expiresAt,
    Optional<VideoError> error,
    Optional<String> model,
    Optional<URI> downloadUrl,
    Optional<VideoId> remixedFromVideoId,
    Optional<String> size,
    OptionalInt seconds,
    Optional<String> prompt,
    Optional<Duration> pollAfter,
    Optional<String> sha256,
    OptionalLong sizeBytes) {

  /**
   * Checks every component and sets the progress of a completed job to 100.
   *
   * @param id the job's id
   * @param status the normalised status
   * @param rawStatus the status exactly as the server spelled it (kept for {@link VideoStatus#UNKNOWN})
   * @param progress percent done, 0 to 100; taken as 100 when {@code status} is {@link VideoStatus#COMPLETED}
   * @param createdAt when the job was created, when reported
   * @param startedAt when rendering started, when reported
   * @param completedAt when the job finished, when reported
   * @param expiresAt when the finished video can no longer be downloaded, when reported
   * @param error why the job failed, when reported
   * @param model the model that renders the job, such as {@code sora-2}
   * @param downloadUrl where the finished video can be fetched: an absolute {@code http} or {@code https} URI
   * @param remixedFromVideoId the job this one remixes, if any
   * @param size the resolution, such as {@code 1280x720}
   * @param seconds the clip length in whole seconds, zero or more
   * @param prompt the prompt, when the server echoes it
   * @param pollAfter the server's hint for when to ask again, a positive duration
   * @param sha256 the announced SHA-256 of the video's bytes, 64 hex digits (kept in lower case)
   * @param sizeBytes the announced length of the video in bytes, zero or more
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code progress} is outside 0..100, {@code downloadUrl} is not an
   *     absolute http(s) URI, {@code seconds} or {@code sizeBytes} is negative, {@code pollAfter} is zero or
   *     negative, or {@code sha256} is not 64 hex digits
   */
  public Video {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(rawStatus, "rawStatus == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
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
    Objects.requireNonNull(sha256, "sha256 == null");
    Objects.requireNonNull(sizeBytes, "sizeBytes == null");
    checkProgress(progress);
    progress = status == VideoStatus.COMPLETED ? 100 : progress; // a finished job is done, whatever a gateway said
    downloadUrl.ifPresent(Video::checkDownloadUrl);
    seconds.ifPresent(Video::checkSeconds);
    pollAfter.ifPresent(Video::checkPollAfter);
    sha256 = sha256.map(Video::checkSha256);
    sizeBytes.ifPresent(Video::checkSizeBytes);
  }

  private static void checkProgress(int progress) {
    if (progress < 0 || progress > 100) {
      throw new IllegalArgumentException("progress must be 0..100 but was " + progress);
    }
  }

  private static void checkDownloadUrl(URI downloadUrl) {
    String scheme = downloadUrl.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
        || downloadUrl.getHost() == null) {
      throw new IllegalArgumentException("downloadUrl must be an absolute http(s) URI");
    }
  }

  private static void checkSeconds(int seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("seconds must be >= 0 but was " + seconds);
    }
  }

  private static String checkSha256(String sha256) {
    if (sha256.length() != 64) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits but has " + sha256.length() + " characters");
    }
    for (int i = 0; i < 64; i++) {
      if (Character.digit(sha256.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("sha256 must be 64 hex digits but has a non-hex character at " + i);
      }
    }
    return sha256.toLowerCase(Locale.ROOT);
  }

  private static void checkSizeBytes(long sizeBytes) {
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be >= 0 but was " + sizeBytes);
    }
  }

  private static void checkPollAfter(Duration pollAfter) {
    if (pollAfter.isZero() || pollAfter.isNegative()) {
      throw new IllegalArgumentException("pollAfter must be positive but was " + pollAfter);
    }
  }

  /**
   * Returns a builder for a video in {@code status}, its raw status set to the status' lower-case name.
   *
   * @param id the job's id
   * @param status its status
   * @return a builder with every optional value absent and progress 0 (100 when completed)
   * @throws NullPointerException if an argument is null
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
   * @throws NullPointerException if {@code now} is null
   */
  public boolean isExpired(Instant now) {
    Objects.requireNonNull(now, "now == null");
    return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
  }

  /**
   * Returns the components in a record's format, the download URL without its query.
   *
   * @return text for logs and messages
   */
  @Override
  public String toString() {
    return "Video[id=" + id + ", status=" + status + ", rawStatus=" + rawStatus + ", progress=" + progress
        + ", createdAt=" + createdAt + ", startedAt=" + startedAt + ", completedAt=" + completedAt + ", expiresAt=" + expiresAt
        + ", error=" + error + ", model=" + model
        + ", downloadUrl=" + downloadUrl.map(u -> "Optional[" + Urls.withoutQuery(u) + "]").orElse("Optional.empty")
        + ", remixedFromVideoId=" + remixedFromVideoId + ", size=" + size + ", seconds=" + seconds
        + ", prompt=" + prompt + ", pollAfter=" + pollAfter + ", sha256=" + sha256 + ", sizeBytes=" + sizeBytes
        + "]";
  }

  /**
   * Builds a {@link Video} through its canonical constructor; every setter fails fast with the check that
   * constructor makes.
   */
  public static final class Builder {
    private final VideoId id;
    private VideoStatus status;
    private String rawStatus;
    private int progress;
    private Optional<Instant> createdAt = Optional.empty();
    private Optional<Instant> startedAt = Optional.empty();
    private Optional<Instant> completedAt = Optional.empty();
    private Optional<Instant> expiresAt = Optional.empty();
    private Optional<VideoError> error = Optional.empty();
    private Optional<String> model = Optional.empty();
    private Optional<URI> downloadUrl = Optional.empty();
    private Optional<VideoId> remixedFromVideoId = Optional.empty();
    private Optional<String> size = Optional.empty();
    private OptionalInt seconds = OptionalInt.empty();
    private Optional<String> prompt = Optional.empty();
    private Optional<Duration> pollAfter = Optional.empty();
    private Optional<String> sha256 = Optional.empty();
    private OptionalLong sizeBytes = OptionalLong.empty();

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
      this.startedAt = video.startedAt;
      this.completedAt = video.completedAt;
      this.expiresAt = video.expiresAt;
      this.error = video.error;
      this.model = video.model;
      this.downloadUrl = video.downloadUrl;
      this.remixedFromVideoId = video.remixedFromVideoId;
      this.size = video.size;
      this.seconds = video.seconds;
      this.prompt = video.prompt;
      this.pollAfter = video.pollAfter;
      this.sha256 = video.sha256;
      this.sizeBytes = video.sizeBytes;
    }

    /**
     * Sets the status and resets the raw status to its lower-case name.
     *
     * @param status the status
     * @return this builder
     * @throws NullPointerException if {@code status} is null
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
     * @throws NullPointerException if {@code rawStatus} is null
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
      checkProgress(progress);
      this.progress = progress;
      return this;
    }

    /**
     * Sets when the job was created.
     *
     * @param createdAt the instant
     * @return this builder
     * @throws NullPointerException if {@code createdAt} is null
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Optional.of(Objects.requireNonNull(createdAt, "createdAt == null"));
      return this;
    }

    /**
     * Sets when rendering started.
     *
     * @param startedAt the instant
     * @return this builder
     * @throws NullPointerException if {@code startedAt} is null
     */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = Optional.of(Objects.requireNonNull(startedAt, "startedAt == null"));
      return this;
    }

    /**
     * Sets when the job finished.
     *
     * @param completedAt the instant
     * @return this builder
     * @throws NullPointerException if {@code completedAt} is null
     */
    public Builder completedAt(Instant completedAt) {
      this.completedAt = Optional.of(Objects.requireNonNull(completedAt, "completedAt == null"));
      return this;
    }

    /**
     * Sets when the finished video expires.
     *
     * @param expiresAt the instant
     * @return this builder
     * @throws NullPointerException if {@code expiresAt} is null
     */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Optional.of(Objects.requireNonNull(expiresAt, "expiresAt == null"));
      return this;
    }

    /**
     * Sets why the job failed.
     *
     * @param error the error
     * @return this builder
     * @throws NullPointerException if {@code error} is null
     */
    public Builder error(VideoError error) {
      this.error = Optional.of(Objects.requireNonNull(error, "error == null"));
      return this;
    }

    /**
     * Sets the model.
     *
     * @param model the model name
     * @return this builder
     * @throws NullPointerException if {@code model} is null
     */
    public Builder model(String model) {
      this.model = Optional.of(Objects.requireNonNull(model, "model == null"));
      return this;
    }

    /**
     * Sets where the finished video can be fetched.
     *
     * @param downloadUrl an absolute {@code http} or {@code https} URI
     * @return this builder
     * @throws NullPointerException if {@code downloadUrl} is null
     * @throws IllegalArgumentException if the URI is not absolute http(s)
     */
    public Builder downloadUrl(URI downloadUrl) {
      Objects.requireNonNull(downloadUrl, "downloadUrl == null");
      checkDownloadUrl(downloadUrl);
      this.downloadUrl = Optional.of(downloadUrl);
      return this;
    }

    /**
     * Sets where the finished video can be fetched, from its text, as a gateway's status body gives it.
     *
     * @param downloadUrl an absolute {@code http} or {@code https} URI
     * @return this builder
     * @throws NullPointerException if {@code downloadUrl} is null
     * @throws IllegalArgumentException if the text is not an absolute http(s) URI
     */
    public Builder downloadUrl(String downloadUrl) {
      Objects.requireNonNull(downloadUrl, "downloadUrl == null");
      URI uri;
      try {
        uri = new URI(downloadUrl);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("downloadUrl must be an absolute http(s) URI", e);
      }
      return downloadUrl(uri);
    }

    /**
     * Sets the job this one remixes.
     *
     * @param remixedFromVideoId the source job's id
     * @return this builder
     * @throws NullPointerException if {@code remixedFromVideoId} is null
     */
    public Builder remixedFromVideoId(VideoId remixedFromVideoId) {
      this.remixedFromVideoId =
          Optional.of(Objects.requireNonNull(remixedFromVideoId, "remixedFromVideoId == null"));
      return this;
    }

    /**
     * Sets the resolution.
     *
     * @param size such as {@code 1280x720}
     * @return this builder
     * @throws NullPointerException if {@code size} is null
     */
    public Builder size(String size) {
      this.size = Optional.of(Objects.requireNonNull(size, "size == null"));
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
      checkSeconds(seconds);
      this.seconds = OptionalInt.of(seconds);
      return this;
    }

    /**
     * Sets the prompt.
     *
     * @param prompt the prompt text
     * @return this builder
     * @throws NullPointerException if {@code prompt} is null
     */
    public Builder prompt(String prompt) {
      this.prompt = Optional.of(Objects.requireNonNull(prompt, "prompt == null"));
      return this;
    }

    /**
     * Sets the server's hint for when to ask again.
     *
     * @param pollAfter a positive duration
     * @return this builder
     * @throws NullPointerException if {@code pollAfter} is null
     * @throws IllegalArgumentException if {@code pollAfter} is zero or negative
     */
    public Builder pollAfter(Duration pollAfter) {
      Objects.requireNonNull(pollAfter, "pollAfter == null");
      checkPollAfter(pollAfter);
      this.pollAfter = Optional.of(pollAfter);
      return this;
    }

    /**
     * Sets the SHA-256 of the video's bytes that the server announced.
     *
     * @param sha256 64 hex digits, in either case
     * @return this builder
     * @throws NullPointerException if {@code sha256} is null
     * @throws IllegalArgumentException if {@code sha256} is not 64 hex digits
     */
    public Builder sha256(String sha256) {
      Objects.requireNonNull(sha256, "sha256 == null");
      this.sha256 = Optional.of(checkSha256(sha256));
      return this;
    }

    /**
     * Sets the length of the video in bytes that the server announced.
     *
     * @param sizeBytes zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code sizeBytes} is negative
     */
    public Builder sizeBytes(long sizeBytes) {
      checkSizeBytes(sizeBytes);
      this.sizeBytes = OptionalLong.of(sizeBytes);
      return this;
    }

    /**
     * Returns the video, built and checked by its canonical constructor.
     *
     * @return a new immutable video
     */
    public Video build() {
      return new Video(id, status, rawStatus, progress, createdAt, startedAt, completedAt, expiresAt, error, model,
          downloadUrl, remixedFromVideoId, size, seconds, prompt, pollAfter, sha256, sizeBytes);
    }
  }
}
