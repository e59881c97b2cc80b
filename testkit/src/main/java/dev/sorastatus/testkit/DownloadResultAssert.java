package dev.sorastatus.testkit;

import dev.sorastatus.DownloadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions for a finished download's {@link DownloadResult}; every failure message shows the whole
 * result. Start with {@link SoraAssertions#assertThat(DownloadResult)}.
 *
 * <pre>{@code
 * DownloadResult result = downloader.download(video, dir.resolve("clip.mp4"));
 * assertThat(result).isAt(dir.resolve("clip.mp4")).hasContent(api.content(id)).tookAttempts(1);
 * }</pre>
 */
public final class DownloadResultAssert extends AbstractObjectAssert<DownloadResultAssert, DownloadResult> {

  /**
   * Creates assertions for {@code actual}.
   *
   * @param actual the result, or null (which every assertion but {@code isNull()} rejects)
   */
  public DownloadResultAssert(DownloadResult actual) {
    super(actual, DownloadResultAssert.class);
  }

  /**
   * Checks the size the download reports.
   *
   * @param expected the number of bytes
   * @return this
   */
  public DownloadResultAssert hasBytes(long expected) {
    isNotNull();
    if (actual.bytes() != expected) {
      fail("to have " + expected + " bytes but it has " + actual.bytes());
    }
    return this;
  }

  /**
   * Checks that the reported SHA-256 is the digest of {@code expected}, so that a test need not compute it.
   *
   * @param expected the bytes the file should hold
   * @return this
   */
  public DownloadResultAssert hasSha256Of(byte[] expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    String digest = sha256(expected);
    if (!actual.sha256().equals(digest)) {
      fail("to have sha256 " + digest + " (of the " + expected.length + " expected bytes) but it has "
          + actual.sha256());
    }
    return this;
  }

  /**
   * Checks that the file at {@link DownloadResult#path()} holds exactly {@code expected}, and that the
   * reported size agrees; the message names the first byte that differs.
   *
   * @param expected the bytes the file should hold
   * @return this
   */
  public DownloadResultAssert hasContent(byte[] expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (actual.bytes() != expected.length) {
      fail("to have " + expected.length + " bytes of content but it reports " + actual.bytes());
    }
    byte[] file;
    try {
      file = Files.readAllBytes(actual.path());
    } catch (IOException e) {
      fail("to have a readable file but reading it failed: " + e);
      return this;
    }
    int first = Arrays.mismatch(file, expected);
    if (first >= 0) {
      fail("to hold the " + expected.length + " expected bytes but the file has " + file.length
          + " and differs first at byte " + first);
    }
    return this;
  }

  /**
   * Checks the media type the server sent.
   *
   * @param expected such as {@code video/mp4}
   * @return this
   */
  public DownloadResultAssert hasContentType(String expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.contentType().equals(Optional.of(expected))) {
      fail("to have content type \"" + expected + "\" but it has "
          + actual.contentType().map(t -> "\"" + t + "\"").orElse("none"));
    }
    return this;
  }

  /**
   * Checks how many requests the download took: 1 when nothing was retried or resumed.
   *
   * @param expected the number of attempts
   * @return this
   */
  public DownloadResultAssert tookAttempts(int expected) {
    isNotNull();
    if (actual.attempts() != expected) {
      fail("to have taken " + expected + " attempt" + (expected == 1 ? "" : "s") + " but it took "
          + actual.attempts());
    }
    return this;
  }

  /**
   * Checks where the file is, comparing absolute, normalised paths.
   *
   * @param expected the target path
   * @return this
   */
  public DownloadResultAssert isAt(Path expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!normal(actual.path()).equals(normal(expected))) {
      fail("to be at " + expected + " but it is at " + actual.path());
    }
    return this;
  }

  private static Path normal(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private void fail(String expectation) {
    failWithMessage("%nExpecting download %s %s:%n%s", actual.path().getFileName(), expectation, describe(actual));
  }

  private static String describe(DownloadResult r) {
    return "  path ....... " + r.path() + System.lineSeparator()
        + "  bytes ...... " + r.bytes() + System.lineSeparator()
        + "  type ....... " + r.contentType().orElse("(none)") + System.lineSeparator()
        + "  sha256 ..... " + r.sha256() + System.lineSeparator()
        + "  attempts ... " + r.attempts();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
