package dev.sorastatus.testkit;

import dev.sorastatus.DownloadResult;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.WaitOutcome;
import org.assertj.core.api.Assertions;

/**
 * The entry point of the AssertJ assertions for this library's values, errors and the fake's journal. It
 * extends AssertJ's {@link Assertions}, so one static import serves both:
 *
 * <pre>{@code
 * import static dev.sorastatus.testkit.SoraAssertions.assertThat;
 * import static dev.sorastatus.testkit.SoraAssertions.assertThatJournal;
 *
 * assertThat(port.retrieve(id)).isQueued();                              // VideoAssert
 * assertThat(downloader.download(video, target)).hasContent(api.content(id)); // DownloadResultAssert
 * assertThat(api.runUntilDone(poller.awaitOutcomeAsync(id))).isCompleted();   // WaitOutcomeAssert
 * assertThat(catchThrowableOfType(SoraApiException.class, () -> port.retrieve(id))).hasStatus(404);
 * assertThatJournal(api).everyRequestAuthorized().hasReadsOf(id, 3);     // JournalAssert
 * assertThat(api.retrievals(id)).isEqualTo(3);                           // AssertJ's own
 * }</pre>
 *
 * <p>The overloads take the library's concrete types, so AssertJ's {@code assertThat(Throwable)} still
 * serves any other exception (and a {@code SoraException} whose type is not one of these). The journal has
 * an entry of its own, {@link #assertThatJournal(FakeVideoApi)}: an {@code assertThat(List<RecordedRequest>)}
 * would erase to AssertJ's {@code assertThat(List)} and not compile, and taking the fake lets the assertions
 * know which key every request should carry.
 */
public final class SoraAssertions extends Assertions {
  private SoraAssertions() {}

  /**
   * Returns assertions for {@code actual}.
   *
   * @param actual the video
   * @return the assertions
   */
  public static VideoAssert assertThat(Video actual) {
    return new VideoAssert(actual);
  }

  /**
   * Returns assertions for a finished download.
   *
   * @param actual the download's result
   * @return the assertions
   */
  public static DownloadResultAssert assertThat(DownloadResult actual) {
    return new DownloadResultAssert(actual);
  }

  /**
   * Returns assertions for how a wait ended.
   *
   * @param actual the outcome
   * @return the assertions
   */
  public static WaitOutcomeAssert assertThat(WaitOutcome actual) {
    return new WaitOutcomeAssert(actual);
  }

  /**
   * Returns assertions for an error status the API answered with, including its subclasses such as
   * {@link dev.sorastatus.VideoNotFoundException}.
   *
   * @param actual the error
   * @return the assertions
   */
  public static SoraApiExceptionAssert assertThat(SoraApiException actual) {
    return new SoraApiExceptionAssert(actual);
  }

  /**
   * Returns assertions for a wait that ended without its video.
   *
   * @param actual the error
   * @return the assertions
   */
  public static VideoWaitExceptionAssert assertThat(VideoWaitException actual) {
    return new VideoWaitExceptionAssert(actual);
  }

  /**
   * Returns assertions for a download that was refused or failed, whatever its reason.
   *
   * @param actual the error
   * @return the assertions
   */
  public static VideoDownloadExceptionAssert assertThat(VideoDownloadException actual) {
    return new VideoDownloadExceptionAssert(actual);
  }

  /**
   * Returns assertions for the requests {@code fake} has answered so far.
   *
   * @param fake the fake whose journal to check
   * @return the assertions
   * @throws NullPointerException if {@code fake} is null
   */
  public static JournalAssert assertThatJournal(FakeVideoApi fake) {
    return new JournalAssert(fake);
  }
}
