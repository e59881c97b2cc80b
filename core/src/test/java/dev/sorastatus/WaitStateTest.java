package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WaitStateTest {
  private static final VideoId ID = VideoId.of("video_123");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** A video with every component present, nanosecond instants and text that needs escaping. */
  static Video everyComponent() {
    return Video.builder(ID, VideoStatus.PROCESSING)
        .rawStatus("in_progress")
        .progress(42)
        .createdAt(Instant.parse("2025-12-31T23:59:58.123456789Z"))
        .startedAt(Instant.parse("2025-12-31T23:59:59Z"))
        .completedAt(Instant.parse("2026-01-01T00:10:00.5Z"))
        .expiresAt(Instant.parse("2026-01-02T00:10:00Z"))
        .error(VideoError.of("moderation_blocked", "blocked: \"quoted\"\nsecond line"))
        .model("sora-2")
        .downloadUrl("https://cdn.example.com/v/video_123.mp4?sig=abc%2Fdef&exp=1")
        .remixedFromVideoId(VideoId.of("video_000"))
        .size("1280x720")
        .seconds(8)
        .prompt("a cat on a piano, \u00fcn\u00efcode \u2603")
        .pollAfter(Duration.ofMillis(1500))
        .sha256("ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789")
        .sizeBytes(5_000_000_000L)
        .build();
  }

  static WaitState fixed() {
    return new WaitState(ID, START, START.plus(Duration.ofMinutes(30)), 3, 2, Optional.of(everyComponent()),
        START.plusMillis(47_500));
  }

  @Test
  void everyFieldAndEveryVideoComponentRoundTrips() {
    WaitState state = fixed();

    WaitState back = WaitState.fromJson(state.toJson());

    assertThat(back).isEqualTo(state);
    Video video = back.lastVideo().orElseThrow();
    assertThat(video).usingRecursiveComparison().isEqualTo(everyComponent());
    assertThat(video.downloadUrl().orElseThrow()).hasToString(
        "https://cdn.example.com/v/video_123.mp4?sig=abc%2Fdef&exp=1");
    assertThat(video.sizeBytes()).hasValue(5_000_000_000L);
  }

  @Test
  void aStateWithoutAVideoAndAVideoWithNoOptionalsRoundTrip() {
    WaitState none = new WaitState(ID, START, START.plusSeconds(60), 0, 0, Optional.empty(), START);
    WaitState bare = new WaitState(ID, START, START.plusSeconds(60), 1, 0,
        Optional.of(Video.builder(ID, VideoStatus.UNKNOWN).rawStatus("warming_up").build()), START.plusSeconds(10));

    assertThat(WaitState.fromJson(none.toJson())).isEqualTo(none);
    assertThat(WaitState.fromJson(bare.toJson())).isEqualTo(bare);
    assertThat(none.toJson()).doesNotContain("last_video");
  }

  @Test
  void theJsonFormIsStable() {
    assertThat(fixed().toJson()).isEqualTo("{\"version\":1,\"video_id\":\"video_123\","
        + "\"started_at\":\"2026-01-01T00:00:00Z\",\"deadline\":\"2026-01-01T00:30:00Z\","
        + "\"next_read_at\":\"2026-01-01T00:00:47.500Z\",\"reads\":3,\"consecutive_failures\":2,"
        + "\"last_video\":{\"id\":\"video_123\",\"status\":\"processing\",\"raw_status\":\"in_progress\","
        + "\"progress\":42,\"created_at\":\"2025-12-31T23:59:58.123456789Z\","
        + "\"started_at\":\"2025-12-31T23:59:59Z\",\"completed_at\":\"2026-01-01T00:10:00.500Z\","
        + "\"expires_at\":\"2026-01-02T00:10:00Z\","
        + "\"error\":{\"code\":\"moderation_blocked\",\"message\":\"blocked: \\\"quoted\\\"\\nsecond line\"},"
        + "\"model\":\"sora-2\",\"download_url\":\"https://cdn.example.com/v/video_123.mp4?sig=abc%2Fdef&exp=1\","
        + "\"remixed_from_video_id\":\"video_000\",\"size\":\"1280x720\",\"seconds\":8,"
        + "\"prompt\":\"a cat on a piano, \u00fcn\u00efcode \u2603\",\"poll_after\":\"PT1.5S\","
        + "\"sha256\":\"abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789\","
        + "\"size_bytes\":5000000000}}");
  }

  @Test
  void unknownFieldsAnywhereAreIgnoredAndNullsCountAsAbsent() {
    String json = "{\"future\":{\"deep\":[1,{\"x\":null}]},\"version\":1,\"video_id\":\"video_123\","
        + "\"started_at\":\"2026-01-01T00:00:00Z\",\"deadline\":\"2026-01-01T00:30:00Z\","
        + "\"next_read_at\":\"2026-01-01T00:00:10Z\",\"reads\":1,\"consecutive_failures\":0,\"lease\":\"w1\","
        + "\"last_video\":{\"id\":\"video_123\",\"status\":\"queued\",\"raw_status\":\"queued\",\"progress\":0,"
        + "\"thumbnail\":{\"url\":\"https://x\"},\"model\":null,\"error\":null}}";

    WaitState state = WaitState.fromJson(json);

    assertThat(state.lastVideo()).contains(Video.builder(ID, VideoStatus.QUEUED).build());
    assertThat(state.nextReadAt()).isEqualTo(START.plusSeconds(10));
  }

  @Test
  void aStatusNameFromANewerLibraryReadsAsUnknownKeepingTheRawStatus() {
    String json = fixed().toJson().replace("\"status\":\"processing\"", "\"status\":\"paused\"");

    Video video = WaitState.fromJson(json).lastVideo().orElseThrow();

    assertThat(video.status()).isEqualTo(VideoStatus.UNKNOWN);
    assertThat(video.rawStatus()).isEqualTo("in_progress");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "not json                                      | wait state is not valid JSON",
      "`[]`                                          | wait state must be a JSON object but starts with BEGIN_ARRAY",
      "``                                            | wait state must be a JSON object but starts with END_DOCUMENT",
      "`{\"version\":1,` | wait state is not valid JSON",
      "VERSION_MISSING                               | wait state field version is missing",
      "VERSION_2                                     | wait state has version 2, newer than the 1 this library reads",
      "VERSION_0                                     | wait state field version must be 1 or more but is 0",
      "DEADLINE_MISSING                              | wait state field deadline is missing",
      "DEADLINE_TEXT                                 | wait state field deadline is invalid: tomorrow",
      "DEADLINE_OBJECT                               | wait state field deadline must be a string or a number but is BEGIN_OBJECT",
      "DEADLINE_NULL                                 | wait state field deadline is missing",
      "READS_NEGATIVE                                | wait state field reads must be 0 or more but is -1",
      "READS_TEXT                                    | wait state field reads is invalid: many",
      "FAILURES_MISSING                              | wait state field consecutive_failures is missing",
      "ID_BLANK                                      | wait state field video_id is invalid: ",
      "VIDEO_ID_MISSING                              | wait state field last_video.id is missing",
      "VIDEO_ARRAY                                   | wait state field last_video must be an object but is BEGIN_ARRAY",
      "VIDEO_PROGRESS                                | wait state field last_video is invalid: progress must be 0..100 but was 150",
      "VIDEO_OTHER_JOB                               | wait state is inconsistent: lastVideo is video_999, not video_123",
      "ERROR_NO_MESSAGE                              | wait state field last_video.error.message is missing",
      "URL_BAD                                       | wait state field last_video is invalid: downloadUrl must be an absolute http(s) URI",
      "URL_SYNTAX                                    | wait state field last_video.download_url is invalid",
      "TRAILING                                      | wait state has content after its JSON object",
  })
  void badInputIsRefusedWithAMessageNamingTheField(String input, String message) {
    String json = corrupt(input == null ? "" : input);

    assertThatThrownBy(() -> WaitState.fromJson(json))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message.trim());
  }

  @Test
  void aBadDownloadUrlIsNotQuotedSinceItsQueryMayBeASignature() {
    assertThatThrownBy(() -> WaitState.fromJson(corrupt("URL_BAD"))).hasMessageNotContaining("sig=");
    assertThatThrownBy(() -> WaitState.fromJson(corrupt("URL_SYNTAX"))).hasMessageNotContaining("sig=");
  }

  private static String corrupt(String how) {
    String good = fixed().toJson();
    switch (how) {
      case "VERSION_MISSING": return good.replace("\"version\":1,", "");
      case "VERSION_2": return good.replace("\"version\":1", "\"version\":2");
      case "VERSION_0": return good.replace("\"version\":1", "\"version\":0");
      case "DEADLINE_MISSING": return good.replace("\"deadline\":\"2026-01-01T00:30:00Z\",", "");
      case "DEADLINE_TEXT": return good.replace("\"2026-01-01T00:30:00Z\"", "\"tomorrow\"");
      case "DEADLINE_OBJECT": return good.replace("\"2026-01-01T00:30:00Z\"", "{\"at\":1}");
      case "DEADLINE_NULL": return good.replace("\"2026-01-01T00:30:00Z\"", "null");
      case "READS_NEGATIVE": return good.replace("\"reads\":3", "\"reads\":-1");
      case "READS_TEXT": return good.replace("\"reads\":3", "\"reads\":\"many\"");
      case "FAILURES_MISSING": return good.replace("\"consecutive_failures\":2,", "");
      case "ID_BLANK": return good.replace("\"video_id\":\"video_123\"", "\"video_id\":\"\"");
      case "VIDEO_ID_MISSING": return good.replace("{\"id\":\"video_123\",", "{");
      case "VIDEO_ARRAY": return good.substring(0, good.indexOf("\"last_video\"")) + "\"last_video\":[]}";
      case "VIDEO_PROGRESS": return good.replace("\"progress\":42", "\"progress\":150");
      case "VIDEO_OTHER_JOB": return good.replace("{\"id\":\"video_123\"", "{\"id\":\"video_999\"");
      case "ERROR_NO_MESSAGE": return good.replaceAll("\"message\":\"[^}]*\"}", "\"note\":1}");
      case "URL_BAD": return good.replace("https://cdn.example.com", "ftp://cdn.example.com");
      case "URL_SYNTAX": return good.replace("video_123.mp4?", "video 123.mp4?");
      case "TRAILING": return good + "{}";
      default: return how;
    }
  }

  @Test
  void theRecordRefusesInconsistentComponents() {
    assertThatThrownBy(() -> new WaitState(ID, START, START.minusSeconds(1), 0, 0, Optional.empty(), START))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
    assertThatThrownBy(() -> new WaitState(ID, START, START, -1, 0, Optional.empty(), START))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads");
    assertThatThrownBy(() -> new WaitState(ID, START, START, 0, 0, null, START))
        .isInstanceOf(NullPointerException.class).hasMessage("lastVideo == null");
  }

  @Test
  void toStringHidesTheDownloadUrlsQuery() {
    assertThat(fixed().toString()).contains("https://cdn.example.com/v/video_123.mp4").doesNotContain("sig=");
  }
}
