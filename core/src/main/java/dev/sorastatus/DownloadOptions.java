package dev.sorastatus;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one download is made: which {@link Variant}, whether an existing file may be replaced, the largest
 * size accepted, who is told of progress, and whether the file is forced to disk. Immutable;
 * {@link #defaults()} downloads the video, never overwrites, accepts any size, reports to no one and is
 * durable.
 *
 * <pre>{@code
 * DownloadOptions options = DownloadOptions.builder()
 *     .variant(Variant.THUMBNAIL)
 *     .overwrite(true)
 *     .maxBytes(50 * 1024 * 1024)
 *     .onProgress((bytes, total) -> bar.update(bytes, total))
 *     .build();
 * }</pre>
 */
public final class DownloadOptions {
  private static final DownloadOptions DEFAULTS = new Builder().build();

  private final Variant variant;
  private final boolean overwrite;
  private final long maxBytes;
  private final DownloadProgressListener progress;
  private final boolean durable;

  private DownloadOptions(Builder b) {
    this.variant = b.variant;
    this.overwrite = b.overwrite;
    this.maxBytes = b.maxBytes;
    this.progress = b.progress;
    this.durable = b.durable;
  }

  /**
   * Returns the defaults: the video, no overwrite, no size limit, no progress listener.
   *
   * @return the default options
   */
  public static DownloadOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these options.
   *
   * @return a builder initialised from these options
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.variant = variant;
    b.overwrite = overwrite;
    b.maxBytes = maxBytes;
    b.progress = progress;
    b.durable = durable;
    return b;
  }

  /**
   * Returns which file of the job is downloaded.
   *
   * @return the variant
   */
  public Variant variant() {
    return variant;
  }

  /**
   * Returns whether an existing target file is replaced.
   *
   * @return true to replace it
   */
  public boolean overwrite() {
    return overwrite;
  }

  /**
   * Returns the largest file accepted; a larger one fails with a {@code REJECTED} {@link
   * VideoDownloadException}.
   *
   * @return the limit in bytes, if set
   */
  public OptionalLong maxBytes() {
    return maxBytes == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(maxBytes);
  }

  /**
   * Returns who is told of progress.
   *
   * @return the listener, if set
   */
  public Optional<DownloadProgressListener> onProgress() {
    return Optional.ofNullable(progress);
  }

  /**
   * Returns whether the file is forced to disk before it is moved into place, so that a crash or power loss
   * right after the download never leaves a short file under the target name.
   *
   * @return true unless turned off, for tests and scratch files
   */
  public boolean durable() {
    return durable;
  }

  @Override
  public String toString() {
    return "DownloadOptions[variant=" + variant.wireName() + ", overwrite=" + overwrite
        + ", maxBytes=" + (maxBytes == Long.MAX_VALUE ? "none" : maxBytes)
        + (progress != null ? ", with progress" : "") + (durable ? "" : ", not durable") + "]";
  }

  /** Builds {@link DownloadOptions}; each setter validates its argument. */
  public static final class Builder {
    private Variant variant = Variant.VIDEO;
    private boolean overwrite;
    private long maxBytes = Long.MAX_VALUE;
    private DownloadProgressListener progress;
    private boolean durable = true;

    private Builder() {}

    /**
     * Sets which file of the job to download (default {@link Variant#VIDEO}). Only the video is taken from
     * the status body's download URL; the other variants always come from the content endpoint.
     *
     * @param variant the variant
     * @return this builder
     * @throws NullPointerException if {@code variant} is null
     */
    public Builder variant(Variant variant) {
      this.variant = Objects.requireNonNull(variant, "variant == null");
      return this;
    }

    /**
     * Sets whether an existing target file is replaced (default false: the download fails with
     * a {@code TARGET_EXISTS} {@link VideoDownloadException} before any request).
     *
     * @param overwrite true to replace an existing file
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * Sets the largest file accepted (default no limit). A declared size above it fails before the body is
     * read; an undeclared one fails as soon as the limit is passed.
     *
     * @param maxBytes a positive byte count
     * @return this builder
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be > 0 but was " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * Sets who is told of progress after each chunk written (default no one).
     *
     * @param listener the listener, such as {@code (bytes, total) -> bar.update(bytes, total)}
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder onProgress(DownloadProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Sets whether the file is forced to disk before it is moved into place (default true). Turn it off in
     * tests and for scratch files: the file is still written beside the target, hashed and moved into place
     * whole, so no reader ever sees a partial file, but after a power loss its bytes may not all have reached
     * the disk.
     *
     * @param durable false to skip forcing the file to disk
     * @return this builder
     */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /**
     * Returns the options.
     *
     * @return new immutable options
     */
    public DownloadOptions build() {
      return new DownloadOptions(this);
    }
  }
}
