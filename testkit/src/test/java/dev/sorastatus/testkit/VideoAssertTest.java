package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VideoAssertTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final URI URL = URI.create("https://cdn.example.com/v.mp4");
  private static final Video DONE = Video.builder(VideoId.of("video_1"), VideoStatus.COMPLETED)
      .createdAt(T).completedAt(T.plusSeconds(90)).expiresAt(T.plusSeconds(3690)).downloadUrl(URL)
      .model("sora-2").size("720x1280").seconds(4).pollAfter(Duration.ofSeconds(2)).build();
  private static final Video FAILED = Video.builder(VideoId.of("video_2"), VideoStatus.FAILED).progress(60)
      .error(VideoError.of("moderation_blocked", "Blocked.")).build();

  @Test
  void passingAssertionsChain() {
    assertThat(DONE).isCompleted().isTerminal().hasProgress(100).hasDownloadUrl().hasDownloadUrl(URL).hasNoError()
        .wasCompletedAt(T.plusSeconds(90)).isNotExpiredAt(T.plusSeconds(3689)).isExpiredAt(T.plusSeconds(3690))
        .hasId(VideoId.of("video_1")).hasRawStatus("completed").hasStatus(VideoStatus.COMPLETED);
    assertThat(FAILED).isFailed().hasErrorCode("moderation_blocked").hasErrorMessage("Blocked.").hasNoDownloadUrl()
        .hasProgress(60);
    assertThat(Video.builder(VideoId.of("video_3"), VideoStatus.PROCESSING).progress(5).build())
        .isProcessing().isNotTerminal();
    assertThat(Video.builder(VideoId.of("video_4"), VideoStatus.QUEUED).build()).isQueued();
    assertThat(Video.builder(VideoId.of("video_5"), VideoStatus.UNKNOWN).rawStatus("moderating").build()).isUnknown();
  }

  @Test
  void failureMessageNamesTheExpectationAndShowsTheWholeVideo() {
    assertThatThrownBy(() -> assertThat(DONE).isProcessing())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting video video_1 to be PROCESSING but it is COMPLETED:")
        .hasMessageContaining("status ...... COMPLETED (raw \"completed\")")
        .hasMessageContaining("completedAt . 2026-01-01T00:01:30Z")
        .hasMessageContaining("downloadUrl . https://cdn.example.com/v.mp4")
        .hasMessageContaining("pollAfter ... PT2S");
  }

  @Test
  void eachFailureSaysWhatWasThere() {
    assertThatThrownBy(() -> assertThat(FAILED).hasErrorCode("other"))
        .hasMessageContaining("to have error code \"other\" but it has \"moderation_blocked\"")
        .hasMessageContaining("error ....... moderation_blocked: Blocked.");
    assertThatThrownBy(() -> assertThat(DONE).hasErrorCode("x")).hasMessageContaining("but it has no error");
    assertThatThrownBy(() -> assertThat(FAILED).hasProgress(100)).hasMessageContaining("progress 100 but it has 60");
    assertThatThrownBy(() -> assertThat(FAILED).hasDownloadUrl()).hasMessageContaining("has none");
    assertThatThrownBy(() -> assertThat(DONE).isExpiredAt(T)).hasMessageContaining("expires at 2026-01-01T01:01:30Z");
    assertThatThrownBy(() -> assertThat(FAILED).isExpiredAt(T)).hasMessageContaining("has no expiry");
    assertThatThrownBy(() -> assertThat(DONE).isNotTerminal()).hasMessageContaining("not to be terminal");
    assertThatThrownBy(() -> assertThat(FAILED).wasCompletedAt(T)).hasMessageContaining("has no completion time");
    assertThatThrownBy(() -> assertThat((Video) null).isQueued()).isInstanceOf(AssertionError.class);
  }
}
