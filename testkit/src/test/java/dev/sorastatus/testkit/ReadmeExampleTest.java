package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.VideoId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's Javadoc example, compiled and run as written, with both static imports. */
class ReadmeExampleTest {
  @RegisterExtension
  static final FakeVideoApiExtension api = FakeVideoApiExtension.create();

  @Test
  void publishesTheVideoOnceItIsReady() {
    VideoId id = api.job()
        .queued()
        .processing(40)
        .processing(90)
        .completed()                 // download URL and expiry filled in
        .create();
    // hand api.port() (or api.baseUrl() for a real transport) to the code under test ...
    assertThat(api.port().retrieve(id)).isQueued();
    assertThat(api.retrievals(id)).isEqualTo(1);
  }
}
