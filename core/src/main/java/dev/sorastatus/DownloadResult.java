package dev.sorastatus;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished download: where the file is, how large, what type the server said it was, and the SHA-256 of
 * exactly the bytes written, for checking or deduplicating it.
 *
 * <pre>{@code
 * DownloadResult result = downloader.download(video, Path.of("out/cat.mp4"));
 * System.out.println(result.path() + ": " + result.bytes() + " bytes, sha256 " + result.sha256());
 * }</pre>
 *
 * @param path the target file, now complete
 * @param bytes the file's size
 * @param contentType the media type the server sent, such as {@code video/mp4}
 * @param sha256 the SHA-256 of the file, 64 lower-case hex digits
 * @param attempts how many requests the download took, 1 when nothing had to be retried or resumed
 */
public record DownloadResult(Path path, long bytes, Optional<String> contentType, String sha256, int attempts) {

  /**
   * Checks the components.
   *
   * @param path the target file, now complete
   * @param bytes the file's size
   * @param contentType the media type the server sent, such as {@code video/mp4}
   * @param sha256 the SHA-256 of the file, 64 lower-case hex digits
   * @param attempts how many requests the download took, 1 when nothing had to be retried or resumed
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a number is out of range or the digest is not 64 hex digits
   */
  public DownloadResult {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(contentType, "contentType == null");
    Objects.requireNonNull(sha256, "sha256 == null");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0 but was " + bytes);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
  }
}
