package dev.sorastatus.testkit;

import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.WaitOutcome;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions for a {@link WaitOutcome}, how a wait of the poller ended; every failure message shows
 * the job, the kind, the video and the error. Start with {@link SoraAssertions#assertThat(WaitOutcome)}.
 *
 * <pre>{@code
 * WaitOutcome outcome = api.runUntilDone(poller.awaitOutcomeAsync(id));
 * assertThat(outcome).isCompleted().hasVideoSatisfying(v -> assertThat(v).hasDownloadUrl());
 * }</pre>
 */
public final class WaitOutcomeAssert extends AbstractObjectAssert<WaitOutcomeAssert, WaitOutcome> {

  /**
   * Creates assertions for {@code actual}.
   *
   * @param actual the outcome, or null (which every assertion but {@code isNull()} rejects)
   */
  public WaitOutcomeAssert(WaitOutcome actual) {
    super(actual, WaitOutcomeAssert.class);
  }

  /**
   * Checks that the job completed and its video can be downloaded.
   *
   * @return this
   */
  public WaitOutcomeAssert isCompleted() {
    return hasKind(WaitOutcome.Kind.COMPLETED);
  }

  /**
   * Checks how the wait ended.
   *
   * @param expected such as {@link WaitOutcome.Kind#FAILED}
   * @return this
   */
  public WaitOutcomeAssert hasKind(WaitOutcome.Kind expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (actual.kind() != expected) {
      fail("to have ended " + expected + " but it ended " + actual.kind());
    }
    return this;
  }

  /**
   * Checks which job was waited for.
   *
   * @param expected the id
   * @return this
   */
  public WaitOutcomeAssert isFor(VideoId expected) {
    Objects.requireNonNull(expected, "expected == null");
    isNotNull();
    if (!actual.id().equals(expected)) {
      fail("to be for " + expected + " but it is for " + actual.id());
    }
    return this;
  }

  /**
   * Checks that the outcome has a video (the final one, or the last one read) and that it meets
   * {@code requirements}, which throw an {@link AssertionError} when it does not.
   *
   * @param requirements such as {@code v -> assertThat(v).hasProgress(100)}
   * @return this
   */
  public WaitOutcomeAssert hasVideoSatisfying(Consumer<? super Video> requirements) {
    Objects.requireNonNull(requirements, "requirements == null");
    isNotNull();
    if (actual.video().isEmpty()) {
      fail("to have a video but it has none");
    }
    requirements.accept(actual.video().get());
    return this;
  }

  /**
   * Checks the type of the error that ended the wait, itself and not its cause: a
   * {@link dev.sorastatus.VideoWaitException} for {@link WaitOutcome.Kind#ERROR}, whose cause is the request's typed
   * error.
   *
   * @param type the error's class or a superclass of it
   * @return this
   */
  public WaitOutcomeAssert hasErrorInstanceOf(Class<? extends SoraException> type) {
    Objects.requireNonNull(type, "type == null");
    isNotNull();
    if (!actual.error().map(type::isInstance).orElse(false)) {
      fail("to have ended with " + type.getSimpleName() + " but it "
          + actual.error().map(e -> "ended with " + e.getClass().getSimpleName()).orElse("has no error"));
    }
    return this;
  }

  private void fail(String expectation) {
    failWithMessage("%nExpecting the wait for %s %s:%n%s", actual.id(), expectation, describe(actual));
  }

  private static String describe(WaitOutcome o) {
    String n = System.lineSeparator();
    return "  kind ....... " + o.kind() + n
        + "  video ...... " + o.video().map(v -> v.status() + " (raw \"" + v.rawStatus() + "\") at "
            + v.progress() + "%").orElse("(none)") + n
        + "  error ...... " + o.error().map(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
            .orElse("(none)");
  }
}
