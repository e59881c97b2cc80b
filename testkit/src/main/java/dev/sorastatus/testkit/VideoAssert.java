package dev.sorastatus.testkit;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions for a {@link Video}; every failure message shows the whole video. Start with
 * {@link SoraAssertions#assertThat(Video)}.
 *
 * <pre>{@code
 * assertThat(port.retrieve(id)).isProcessing().hasProgress(40);
 * assertThat(port.retrieve(id)).isCompleted().hasDownloadUrl().isNotExpiredAt(time.now());
 * }</pre>
 */
public final class VideoAssert extends AbstractObjectAssert<VideoAssert, Video> {

  /**
   * Creates assertions for {@code actual}.
   *
   * @param actual the video, or null (which every assertion but {@code isNull()} rejects)
   */
  public VideoAssert(Video actual) {
    super(actual, VideoAssert.class);
  }

  /**
   * Checks that the job is queued.
   *
   * @return this
   */
  public VideoAssert isQueued() {
    return hasStatus(VideoStatus.QUEUED);
  }

  /**
   * Checks that the job is being generated.
   *
   * @return this
   */
  public VideoAssert isProcessing() {
    return hasStatus(VideoStatus.PROCESSING);
  }

  /**
   * Checks that the job completed.
   *
   * @return this
   */
  public VideoAssert isCompleted() {
    return hasStatus(VideoStatus.COMPLETED);
  }

  /**
   * Checks that the job failed.
   *
   * @return this
   */
  public VideoAssert isFailed() {
    return hasStatus(VideoStatus.FAILED);
  }

  /**
   * Checks that the job's status is one this library does not know.
   *
   * @return this
   */
  public VideoAssert isUnknown() {
    return hasStatus(VideoStatus.UNKNOWN);
  }

  /**
   * Checks the job's normalised status.
   *
   * @param expected the status
   * @return this
   */
  public VideoAssert hasStatus(VideoStatus expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (actual.status() != expected) {
      fail("to be " + expected + " but it is " + actual.status());
    }
    return this;
  }

  /**
   * Checks the status exactly as the server spelled it.
   *
   * @param expected such as {@code in_progress}
   * @return this
   */
  public VideoAssert hasRawStatus(String expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.rawStatus().equals(expected)) {
      fail("to have raw status \"" + expected + "\" but it is \"" + actual.rawStatus() + "\"");
    }
    return this;
  }

  /**
   * Checks that the job will never change again (completed or failed).
   *
   * @return this
   */
  public VideoAssert isTerminal() {
    isNotNull();
    if (!actual.isTerminal()) {
      fail("to be terminal (COMPLETED or FAILED) but it is " + actual.status());
    }
    return this;
  }

  /**
   * Checks that the job may still change.
   *
   * @return this
   */
  public VideoAssert isNotTerminal() {
    isNotNull();
    if (actual.isTerminal()) {
      fail("not to be terminal but it is " + actual.status());
    }
    return this;
  }

  /**
   * Checks the progress.
   *
   * @param expected percent done
   * @return this
   */
  public VideoAssert hasProgress(int expected) {
    isNotNull();
    if (actual.progress() != expected) {
      fail("to have progress " + expected + " but it has " + actual.progress());
    }
    return this;
  }

  /**
   * Checks that the job has a download URL.
   *
   * @return this
   */
  public VideoAssert hasDownloadUrl() {
    isNotNull();
    if (actual.downloadUrl().isEmpty()) {
      fail("to have a download URL but it has none");
    }
    return this;
  }

  /**
   * Checks the download URL.
   *
   * @param expected the URL
   * @return this
   */
  public VideoAssert hasDownloadUrl(URI expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.downloadUrl().equals(Optional.of(expected))) {
      fail("to have download URL " + expected + " but it has " + actual.downloadUrl().map(URI::toString).orElse("none"));
    }
    return this;
  }

  /**
   * Checks that the job has no download URL.
   *
   * @return this
   */
  public VideoAssert hasNoDownloadUrl() {
    isNotNull();
    if (actual.downloadUrl().isPresent()) {
      fail("to have no download URL but it has " + actual.downloadUrl().get());
    }
    return this;
  }

  /**
   * Checks the error code of a failed job.
   *
   * @param expected such as {@code moderation_blocked}
   * @return this
   */
  public VideoAssert hasErrorCode(String expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    Optional<String> code = actual.error().flatMap(VideoError::code);
    if (!code.equals(Optional.of(expected))) {
      fail("to have error code \"" + expected + "\" but it has "
          + (actual.error().isEmpty() ? "no error" : code.map(c -> "\"" + c + "\"").orElse("no code")));
    }
    return this;
  }

  /**
   * Checks the error message of a failed job.
   *
   * @param expected the message
   * @return this
   */
  public VideoAssert hasErrorMessage(String expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    Optional<String> message = actual.error().map(VideoError::message);
    if (!message.equals(Optional.of(expected))) {
      fail("to have error message \"" + expected + "\" but it has "
          + message.map(m -> "\"" + m + "\"").orElse("no error"));
    }
    return this;
  }

  /**
   * Checks that the job reports no error.
   *
   * @return this
   */
  public VideoAssert hasNoError() {
    isNotNull();
    if (actual.error().isPresent()) {
      fail("to have no error but it has " + actual.error().get());
    }
    return this;
  }

  /**
   * Checks that the content can no longer be downloaded at {@code instant}.
   *
   * @param instant the instant to judge by
   * @return this
   */
  public VideoAssert isExpiredAt(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    isNotNull();
    if (!actual.isExpired(instant)) {
      fail("to be expired at " + instant + " but it "
          + actual.expiresAt().map(e -> "expires at " + e).orElse("has no expiry"));
    }
    return this;
  }

  /**
   * Checks that the content can still be downloaded at {@code instant}.
   *
   * @param instant the instant to judge by
   * @return this
   */
  public VideoAssert isNotExpiredAt(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    isNotNull();
    if (actual.isExpired(instant)) {
      fail("not to be expired at " + instant + " but it expired at " + actual.expiresAt().orElseThrow());
    }
    return this;
  }

  /**
   * Checks the job's id.
   *
   * @param expected the id
   * @return this
   */
  public VideoAssert hasId(VideoId expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.id().equals(expected)) {
      fail("to have id " + expected + " but it has " + actual.id());
    }
    return this;
  }

  /**
   * Checks when the job finished.
   *
   * @param expected the instant
   * @return this
   */
  public VideoAssert wasCompletedAt(Instant expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.completedAt().equals(Optional.of(expected))) {
      fail("to have completed at " + expected + " but it " + actual.completedAt().map(c -> "completed at " + c)
          .orElse("has no completion time"));
    }
    return this;
  }

  private void fail(String expectation) {
    failWithMessage("%nExpecting video %s %s:%n%s", actual.id(), expectation, describe(actual));
  }

  /** Returns every present field of {@code v}, one per line. */
  static String describe(Video v) {
    StringBuilder sb = new StringBuilder();
    line(sb, "id", v.id().value());
    line(sb, "status", v.status() + " (raw \"" + v.rawStatus() + "\")");
    line(sb, "progress", v.progress() + "%");
    v.createdAt().ifPresent(t -> line(sb, "createdAt", t));
    v.completedAt().ifPresent(t -> line(sb, "completedAt", t));
    v.expiresAt().ifPresent(t -> line(sb, "expiresAt", t));
    v.error().ifPresent(e -> line(sb, "error", e.code().map(c -> c + ": ").orElse("") + e.message()));
    v.downloadUrl().ifPresent(u -> line(sb, "downloadUrl", u));
    v.model().ifPresent(m -> line(sb, "model", m));
    v.size().ifPresent(s -> line(sb, "size", s));
    if (v.seconds().isPresent()) {
      line(sb, "seconds", v.seconds().getAsInt());
    }
    v.remixedFromVideoId().ifPresent(r -> line(sb, "remixOf", r));
    v.prompt().ifPresent(p -> line(sb, "prompt", p));
    v.pollAfter().ifPresent(p -> line(sb, "pollAfter", p));
    return sb.toString().stripTrailing();
  }

  private static void line(StringBuilder sb, String name, Object value) {
    sb.append("  ").append(name).append(' ').append(".".repeat(Math.max(1, 12 - name.length()))).append(' ')
        .append(value).append(System.lineSeparator());
  }
}
