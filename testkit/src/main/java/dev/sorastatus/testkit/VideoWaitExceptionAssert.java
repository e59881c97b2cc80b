package dev.sorastatus.testkit;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.WaitOutcome;
import java.util.Objects;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * AssertJ assertions for a {@link VideoWaitException}, a wait of the poller that ended without its video;
 * every failure message shows the job, how the wait ended and the last video read. Start with
 * {@link SoraAssertions#assertThat(VideoWaitException)}.
 *
 * <pre>{@code
 * VideoWaitException e = catchThrowableOfType(VideoWaitException.class, () -> poller.awaitCompleted(id));
 * assertThat(e).isFor(id).hasKind(WaitOutcome.Kind.FAILED).lastSawStatus(VideoStatus.FAILED);
 * }</pre>
 */
public final class VideoWaitExceptionAssert
    extends AbstractThrowableAssert<VideoWaitExceptionAssert, VideoWaitException> {

  /**
   * Creates assertions for {@code actual}.
   *
   * @param actual the error, or null (which every assertion but {@code isNull()} rejects)
   */
  public VideoWaitExceptionAssert(VideoWaitException actual) {
    super(actual, VideoWaitExceptionAssert.class);
  }

  /**
   * Checks how the wait ended.
   *
   * @param expected such as {@link WaitOutcome.Kind#TIMED_OUT}
   * @return this
   */
  public VideoWaitExceptionAssert hasKind(WaitOutcome.Kind expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (actual.kind() != expected) {
      fail("to have ended " + expected + " but it ended " + actual.kind());
    }
    return this;
  }

  /**
   * Checks the status of the last video read during the wait; fails if no read succeeded.
   *
   * @param expected the status
   * @return this
   */
  public VideoWaitExceptionAssert lastSawStatus(VideoStatus expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (actual.lastSeen().map(Video::status).orElse(null) != expected) {
      fail("to have last seen the job " + expected + " but it "
          + actual.lastSeen().map(v -> "last saw it " + v.status()).orElse("never read it"));
    }
    return this;
  }

  /**
   * Checks which job was waited for.
   *
   * @param expected the id
   * @return this
   */
  public VideoWaitExceptionAssert isFor(VideoId expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.videoId().equals(expected)) {
      fail("to be for " + expected + " but it is for " + actual.videoId());
    }
    return this;
  }

  private void fail(String expectation) {
    failWithMessage("%nExpecting the wait for %s %s:%n%s", actual.videoId(), expectation, describe(actual));
  }

  private static String describe(VideoWaitException e) {
    String n = System.lineSeparator();
    return "  kind ....... " + e.kind() + n
        + "  lastSeen ... " + e.lastSeen().map(v -> v.status() + " (raw \"" + v.rawStatus() + "\") at "
            + v.progress() + "%").orElse("(never read)") + n
        + "  message .... " + e.getMessage();
  }
}
