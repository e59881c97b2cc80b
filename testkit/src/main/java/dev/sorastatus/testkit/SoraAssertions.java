package dev.sorastatus.testkit;

import dev.sorastatus.Video;
import org.assertj.core.api.Assertions;

/**
 * The entry point of the AssertJ assertions for this library's values. It extends AssertJ's
 * {@link Assertions}, so one static import serves both:
 *
 * <pre>{@code
 * import static dev.sorastatus.testkit.SoraAssertions.assertThat;
 *
 * assertThat(port.retrieve(id)).isQueued();
 * assertThat(api.retrievals(id)).isEqualTo(1);
 * }</pre>
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
}
