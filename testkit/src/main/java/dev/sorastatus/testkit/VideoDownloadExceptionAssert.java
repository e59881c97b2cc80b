package dev.sorastatus.testkit;

import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoId;
import java.util.Objects;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * AssertJ assertions for a {@link VideoDownloadException}, a download refused or failed for a reason of its
 * own; every failure message shows the job, the reason and the message. Start with
 * {@link SoraAssertions#assertThat(VideoDownloadException)}.
 *
 * <pre>{@code
 * VideoDownloadException e = catchThrowableOfType(VideoDownloadException.class,
 *     () -> downloader.download(video, target));
 * assertThat(e).isFor(id).hasReason(VideoDownloadException.Reason.NOT_READY);
 * }</pre>
 */
public final class VideoDownloadExceptionAssert
    extends AbstractThrowableAssert<VideoDownloadExceptionAssert, VideoDownloadException> {

  /**
   * Creates assertions for {@code actual}.
   *
   * @param actual the error, or null (which every assertion but {@code isNull()} rejects)
   */
  public VideoDownloadExceptionAssert(VideoDownloadException actual) {
    super(actual, VideoDownloadExceptionAssert.class);
  }

  /**
   * Checks which job's content was being downloaded.
   *
   * @param expected the id
   * @return this
   */
  public VideoDownloadExceptionAssert isFor(VideoId expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.videoId().equals(expected)) {
      fail("to be for " + expected + " but it is for " + actual.videoId());
    }
    return this;
  }

  /**
   * Checks why the download failed.
   *
   * @param expected the reason, such as {@link VideoDownloadException.Reason#EXPIRED}
   * @return this
   */
  public VideoDownloadExceptionAssert hasReason(VideoDownloadException.Reason expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (actual.reason() != expected) {
      fail("to have failed because " + expected + " but it failed because " + actual.reason());
    }
    return this;
  }

  private void fail(String expectation) {
    failWithMessage("%nExpecting the download of %s %s:%n  reason ..... %s%n  message .... %s",
        actual.videoId(), expectation, actual.reason(), actual.getMessage());
  }
}
