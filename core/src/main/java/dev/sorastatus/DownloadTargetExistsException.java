package dev.sorastatus;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The target file already exists and {@link DownloadOptions.Builder#overwrite(boolean)} was not set, or it
 * is a directory. Checked before any request, and again, atomically, when the finished file is moved into
 * place.
 */
public final class DownloadTargetExistsException extends VideoDownloadException {
  private static final long serialVersionUID = 1L;

  private final transient Path target;
  /** The target path as text, kept because {@link java.nio.file.Path} is not serializable. */
  private final String targetText;

  /**
   * Creates the error.
   *
   * @param videoId the job being downloaded
   * @param target the file that is in the way
   * @param directory whether it is a directory, which is never replaced
   * @throws NullPointerException if an argument is null
   */
  public DownloadTargetExistsException(VideoId videoId, Path target, boolean directory) {
    super(videoId, (directory ? "target " + target + " is a directory" : "target " + target + " already exists")
        + "; video " + videoId + " was not downloaded"
        + (directory ? "" : " (set DownloadOptions.overwrite(true) to replace it)"), null);
    this.target = Objects.requireNonNull(target, "target == null");
    this.targetText = target.toString();
  }

  /**
   * Returns the file that is in the way.
   *
   * @return the path as given, or its text form after deserialisation
   */
  public Path target() {
    return target != null ? target : Path.of(targetText);
  }
}
