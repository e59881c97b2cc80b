package dev.sorastatus;

import static dev.sorastatus.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One parameterized test per row of the dialect table, each on a minimal body. */
class VideoMapperTest {
  private static final VideoId ID = VideoId.of("video_1");

  private static Video decode(String json) {
    return VideoMapper.decode(utf8(json), ID);
  }

  /** A body with id and status plus {@code fields}, a comma-separated JSON member list. */
  private static Video with(String status, String fields) {
    return decode("{\"id\":\"video_1\",\"status\":\"" + status + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
  }

  @ParameterizedTest(name = "progress {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "33|33",
      "33.9|33",
      "0.5|0",
      "\"33\"|33",
      "\" 33 \"|33",
      "\"33.7\"|33",
      "\"45%\"|45",
      "\"45 %\"|45",
      "\"99.5%\"|99",
      "1e1|10",
      "100|100",
      "150|100",
      "\"250%\"|100",
      "-5|0",
      "\"-5%\"|0",
      "0|0",
      "null|0",
      "\"\"|0",
      "\"soon\"|0",
      "\"%\"|0",
      "\"NaN\"|0",
      "\"Infinity\"|0",
      "\"0x20\"|0",
      "true|0",
      "{\"value\":50}|0",
      "[50]|0",
  })
  void progressIsReadFromNumbersStringsAndPercentagesAndClamped(String json, int expected) {
    assertThat(with("in_progress", "\"progress\":" + json).progress()).isEqualTo(expected);
  }

  @Test
  void absentProgressIsZero() {
    assertThat(with("in_progress", "").progress()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\"progress\":0", "\"progress\":\"40%\"", "\"progress\":null"})
  void completedProgressIsOneHundredWhateverWasReported(String fields) {
    assertThat(with("completed", fields).progress()).isEqualTo(100);
  }

  @ParameterizedTest(name = "created_at {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "1758941485|2025-09-27T02:51:25Z",
      "1758941485.5|2025-09-27T02:51:25.500Z",
      "\"1758941485\"|2025-09-27T02:51:25Z",
      "\" 1758941485 \"|2025-09-27T02:51:25Z",
      "\"1758941485.25\"|2025-09-27T02:51:25.250Z",
      "1.758941485e9|2025-09-27T02:51:25Z",
      "1758941485123|2025-09-27T02:51:25.123Z",
      "\"1758941485123\"|2025-09-27T02:51:25.123Z",
      "1758941485123.5|2025-09-27T02:51:25.123500Z",
      "100000000000|5138-11-16T09:46:40Z",
      "100000000001|1973-03-03T09:46:40.001Z",
      "1|1970-01-01T00:00:01Z",
      "\"2025-09-27T02:51:25Z\"|2025-09-27T02:51:25Z",
      "\"2025-09-27T02:51:25.123456Z\"|2025-09-27T02:51:25.123456Z",
      "\"2025-09-27T10:51:25+08:00\"|2025-09-27T02:51:25Z",
      "\"2025-09-27T02:51:25.765994+00:00\"|2025-09-27T02:51:25.765994Z",
      "\"2025-09-26T21:51:25-05:00\"|2025-09-27T02:51:25Z",
      "\"2025-09-27T02:51:25\"|2025-09-27T02:51:25Z",
      "\"2025-09-27T02:51:25.5\"|2025-09-27T02:51:25.500Z",
      "\"2025-09-27 02:51:25\"|2025-09-27T02:51:25Z",
      "\"2025-09-27 02:51:25.123+00:00\"|2025-09-27T02:51:25.123Z",
  })
  void timestampsAreReadAsSecondsMillisecondsOrIso(String json, Instant expected) {
    assertThat(with("queued", "\"created_at\":" + json).createdAt()).contains(expected);
    assertThat(with("completed", "\"completed_at\":" + json).completedAt()).contains(expected);
    assertThat(with("completed", "\"expires_at\":" + json).expiresAt()).contains(expected);
  }

  @ParameterizedTest(name = "created_at {0} is absent")
  @ValueSource(strings = {
      "0", "\"0\"", "0.0", "null", "\"\"", "-1", "\"-1758941485\"", "\"yesterday\"", "true", "{}", "[]",
      "1e16", "\"2025-09-27\"", "\"2025-09-27T25:00:00Z\"", "\"02:51:25\""})
  void zeroNullNegativeAndUnreadableTimestampsAreAbsent(String json) {
    Video v = with("completed",
        "\"created_at\":" + json + ",\"completed_at\":" + json + ",\"expires_at\":" + json);

    assertThat(v.createdAt()).isEmpty();
    assertThat(v.completedAt()).isEmpty();
    assertThat(v.expiresAt()).isEmpty();
  }

  @Test
  void createdIsAnAliasOfCreatedAt() {
    assertThat(with("queued", "\"created\":1758941485").createdAt())
        .contains(Instant.parse("2025-09-27T02:51:25Z"));
  }

  @Test
  void finishTimeIsAnAliasOfCompletedAt() {
    assertThat(with("completed", "\"finish_time\":\"1758941612000\"").completedAt())
        .contains(Instant.parse("2025-09-27T02:53:32Z"));
  }

  @Test
  void canonicalTimestampNamesWinOverTheirAliases() {
    Video v = with("completed", "\"created\":1,\"created_at\":1758941485,\"finish_time\":2,\"completed_at\":1758941612");

    assertThat(v.createdAt()).contains(Instant.parse("2025-09-27T02:51:25Z"));
    assertThat(v.completedAt()).contains(Instant.parse("2025-09-27T02:53:32Z"));
  }

  @Test
  void nullCanonicalTimestampFallsBackToItsAlias() {
    Video v = with("completed", "\"created_at\":null,\"created\":1758941485,\"completed_at\":null,\"finish_time\":1758941612");

    assertThat(v.createdAt()).contains(Instant.parse("2025-09-27T02:51:25Z"));
    assertThat(v.completedAt()).contains(Instant.parse("2025-09-27T02:53:32Z"));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("object with every field",
            "\"error\":{\"code\":\"moderation_blocked\",\"message\":\"Blocked.\",\"type\":\"invalid_request_error\",\"param\":\"prompt\"}",
            Optional.of(VideoError.of("moderation_blocked", "Blocked."))),
        Arguments.of("object with code and message",
            "\"error\":{\"code\":\"video_generation_failed\",\"message\":\"Generation failed.\"}",
            Optional.of(VideoError.of("video_generation_failed", "Generation failed."))),
        Arguments.of("object with a numeric code",
            "\"error\":{\"code\":500,\"message\":\"Internal error.\"}",
            Optional.of(VideoError.of("500", "Internal error."))),
        Arguments.of("object with an empty code",
            "\"error\":{\"code\":\"\",\"message\":\"No code here.\"}",
            Optional.of(VideoError.of(null, "No code here."))),
        Arguments.of("object with a null code",
            "\"error\":{\"code\":null,\"message\":\"No code here.\"}",
            Optional.of(VideoError.of(null, "No code here."))),
        Arguments.of("object with a code only",
            "\"error\":{\"code\":\"internal_error\"}",
            Optional.of(VideoError.of("internal_error", ""))),
        Arguments.of("object whose message is padded",
            "\"error\":{\"code\":\" timeout \",\"message\":\"  Took too long.\\n\"}",
            Optional.of(VideoError.of("timeout", "Took too long."))),
        Arguments.of("object with unknown nested fields",
            "\"error\":{\"details\":{\"retryable\":false,\"hints\":[\"a\",{\"b\":null}]},\"code\":\"x\",\"message\":\"y\"}",
            Optional.of(VideoError.of("x", "y"))),
        Arguments.of("plain string",
            "\"error\":\"content policy violation\"",
            Optional.of(VideoError.of(null, "content policy violation"))),
        Arguments.of("null", "\"error\":null", Optional.empty()),
        Arguments.of("absent", "", Optional.empty()),
        Arguments.of("empty string", "\"error\":\"\"", Optional.empty()),
        Arguments.of("object with null members", "\"error\":{\"code\":null,\"message\":null}", Optional.empty()),
        Arguments.of("empty object", "\"error\":{}", Optional.empty()),
        Arguments.of("array", "\"error\":[\"a\",\"b\"]", Optional.empty()),
        Arguments.of("fail_reason",
            "\"fail_reason\":\"upstream timeout\"",
            Optional.of(VideoError.of(null, "upstream timeout"))),
        Arguments.of("empty fail_reason", "\"fail_reason\":\"\"", Optional.empty()),
        Arguments.of("null error and a fail_reason",
            "\"error\":null,\"fail_reason\":\"quota exhausted\"",
            Optional.of(VideoError.of(null, "quota exhausted"))),
        Arguments.of("string error wins over fail_reason",
            "\"error\":\"content policy violation\",\"fail_reason\":\"content_policy\"",
            Optional.of(VideoError.of(null, "content policy violation"))),
        Arguments.of("object error wins over fail_reason",
            "\"fail_reason\":\"generic\",\"error\":{\"code\":\"c\",\"message\":\"specific\"}",
            Optional.of(VideoError.of("c", "specific"))),
        Arguments.of("object without message takes fail_reason's",
            "\"error\":{\"code\":\"upstream_error\",\"message\":\"\"},\"fail_reason\":\"the upstream said no\"",
            Optional.of(VideoError.of("upstream_error", "the upstream said no"))));
  }

  @ParameterizedTest(name = "error as {0}")
  @MethodSource("errors")
  void errorIsReadFromEveryShape(String name, String fields, Optional<VideoError> expected) {
    assertThat(with("failed", fields).error()).isEqualTo(expected);
  }

  private static final String META_DATA = "\"meta_data\":{\"url\":\"https://a.example/meta_data.mp4\"}";
  private static final String METADATA_URL = "\"metadata\":{\"url\":\"https://b.example/metadata-url.mp4\"}";
  private static final String METADATA_VIDEO_URL =
      "\"metadata\":{\"video_url\":\"https://c.example/metadata-video_url.mp4\"}";
  private static final String METADATA_BOTH = "\"metadata\":{\"video_url\":\"https://c.example/metadata-video_url.mp4\","
      + "\"url\":\"https://b.example/metadata-url.mp4\"}";
  private static final String VIDEO_URL = "\"video_url\":\"https://d.example/video_url.mp4\"";
  private static final String URL = "\"url\":\"https://e.example/url.mp4\"";
  private static final String RESULT_URL = "\"result_url\":\"https://f.example/result_url.mp4\"";

  static Stream<Arguments> downloadUrls() {
    return Stream.of(
        Arguments.of("meta_data.url alone", META_DATA, "https://a.example/meta_data.mp4"),
        Arguments.of("metadata.url alone", METADATA_URL, "https://b.example/metadata-url.mp4"),
        Arguments.of("metadata.video_url alone", METADATA_VIDEO_URL, "https://c.example/metadata-video_url.mp4"),
        Arguments.of("video_url alone", VIDEO_URL, "https://d.example/video_url.mp4"),
        Arguments.of("url alone", URL, "https://e.example/url.mp4"),
        Arguments.of("result_url alone", RESULT_URL, "https://f.example/result_url.mp4"),
        Arguments.of("all of them, last first",
            String.join(",", RESULT_URL, URL, VIDEO_URL, METADATA_BOTH, META_DATA), "https://a.example/meta_data.mp4"),
        Arguments.of("metadata.url before metadata.video_url",
            String.join(",", RESULT_URL, URL, VIDEO_URL, METADATA_BOTH), "https://b.example/metadata-url.mp4"),
        Arguments.of("metadata.video_url before video_url",
            String.join(",", RESULT_URL, URL, VIDEO_URL, METADATA_VIDEO_URL), "https://c.example/metadata-video_url.mp4"),
        Arguments.of("video_url before url", String.join(",", RESULT_URL, URL, VIDEO_URL), "https://d.example/video_url.mp4"),
        Arguments.of("url before result_url", String.join(",", RESULT_URL, URL), "https://e.example/url.mp4"),
        Arguments.of("plain http is kept", "\"url\":\"http://cdn.example.com/v.mp4\"", "http://cdn.example.com/v.mp4"),
        Arguments.of("upper-case scheme", "\"url\":\"HTTPS://cdn.example.com/v.mp4\"", "HTTPS://cdn.example.com/v.mp4"),
        Arguments.of("signed URL with a query",
            "\"video_url\":\"https://cdn.example.com/v.mp4?se=2025-09-28T02%3A51%3A25Z&sig=abc%2Bdef\"",
            "https://cdn.example.com/v.mp4?se=2025-09-28T02%3A51%3A25Z&sig=abc%2Bdef"),
        Arguments.of("padded", "\"url\":\"  https://cdn.example.com/v.mp4 \"", "https://cdn.example.com/v.mp4"),
        Arguments.of("ftp meta_data.url is skipped",
            "\"meta_data\":{\"url\":\"ftp://a.example/x.mp4\"}," + URL, "https://e.example/url.mp4"),
        Arguments.of("relative metadata.url is skipped",
            "\"metadata\":{\"url\":\"/files/x.mp4\"}," + RESULT_URL, "https://f.example/result_url.mp4"),
        Arguments.of("unparseable video_url is skipped",
            "\"video_url\":\"https://cdn.example.com/a b.mp4\"," + URL, "https://e.example/url.mp4"),
        Arguments.of("host-less url is skipped", "\"url\":\"https:///x.mp4\"," + RESULT_URL, "https://f.example/result_url.mp4"),
        Arguments.of("javascript url is skipped", "\"url\":\"javascript:alert(1)\"," + RESULT_URL,
            "https://f.example/result_url.mp4"),
        Arguments.of("data url is skipped", "\"video_url\":\"data:video/mp4;base64,AAAA\"," + URL, "https://e.example/url.mp4"),
        Arguments.of("empty and null values are skipped",
            "\"meta_data\":{\"url\":\"\"},\"metadata\":{\"url\":null},\"video_url\":\"\"," + URL, "https://e.example/url.mp4"),
        Arguments.of("non-object meta_data is skipped",
            "\"meta_data\":\"https://a.example/x.mp4\",\"metadata\":[1]," + URL, "https://e.example/url.mp4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("downloadUrls")
  void downloadUrlIsTheFirstHttpCandidateInOrder(String name, String fields, String expected) {
    assertThat(with("completed", fields).downloadUrl()).contains(URI.create(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\"url\":\"ftp://x.example/v.mp4\"", "\"url\":\"not a url\"", "\"url\":null",
      "\"video_url\":{\"href\":\"https://x.example/v.mp4\"}"})
  void noUsableCandidateMeansNoDownloadUrl(String fields) {
    assertThat(with("completed", fields).downloadUrl()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "id only|{\"id\":\"video_1\",\"status\":\"queued\"}|video_1|video_1",
      "task_id only|{\"task_id\":\"task_9\",\"status\":\"queued\"}|task_9|task_9",
      "task_id equal to the request wins over a row number|{\"id\":4821,\"task_id\":\"task_9\",\"status\":\"queued\"}|task_9|task_9",
      "task_id equal to the request wins over a row number listed after it|{\"task_id\":\"task_9\",\"id\":\"4821\",\"status\":\"queued\"}|task_9|task_9",
      "id wins when task_id is not the request|{\"id\":\"video_1\",\"task_id\":\"upstream_77\",\"status\":\"queued\"}|video_1|video_1",
      "blank id falls back to task_id|{\"id\":\"\",\"task_id\":\"task_9\",\"status\":\"queued\"}|task_9|task_9",
      "null id falls back to task_id|{\"id\":null,\"task_id\":\"task_9\",\"status\":\"queued\"}|task_9|task_9",
      "no id at all is the requested job|{\"status\":\"queued\"}|video_1|video_1",
      "blank ids are the requested job|{\"id\":\" \",\"task_id\":\"\",\"status\":\"queued\"}|video_1|video_1",
      "numeric id|{\"id\":4821,\"status\":\"queued\"}|4821|4821",
      "padded id|{\"id\":\" video_1 \",\"status\":\"queued\"}|video_1|video_1",
  })
  void idIsReadFromIdOrTaskId(String name, String json, String requested, String expected) {
    assertThat(VideoMapper.decode(utf8(json), VideoId.of(requested)).id()).isEqualTo(VideoId.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "another id|{\"id\":\"video_2\",\"status\":\"completed\"}|video_2",
      "another task_id|{\"task_id\":\"video_2\",\"status\":\"completed\"}|video_2",
      "task_id of another job beside a row number|{\"id\":4821,\"task_id\":\"video_2\",\"status\":\"failed\"}|video_2",
      "blank id beside another task_id|{\"id\":\"\",\"task_id\":\"task_9\",\"status\":\"queued\"}|task_9",
      "an id that is no valid video id|{\"id\":\"../../admin\",\"status\":\"queued\"}|../../admin",
      "an enveloped video of another job|{\"code\":\"success\",\"data\":{\"task_id\":\"video_2\",\"status\":\"done\"}}|video_2",
  })
  void bodyNamingAnotherJobIsRefusedWithBothIds(String name, String json, String named) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("the body is for another job: it names '" + named + "' but video_1 was asked for");
  }

  @Test
  void anotherJobsIdIsCutShortAndStrippedOfControlCharacters() {
    String longId = "x".repeat(200) + "\\u0007";
    assertThatThrownBy(() -> decode("{\"id\":\"" + longId + "\",\"status\":\"queued\"}"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("the body is for another job: it names '" + "x".repeat(80) + "...' but video_1 was asked for");
  }

  @Test
  void successEnvelopeIsUnwrapped() {
    Video v = decode("{\"code\":\"success\",\"message\":\"\",\"data\":"
        + "{\"task_id\":\"video_1\",\"status\":\"IN_PROGRESS\",\"progress\":\"30%\"}}");

    assertThat(v.id()).isEqualTo(ID);
    assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING);
    assertThat(v.rawStatus()).isEqualTo("IN_PROGRESS");
    assertThat(v.progress()).isEqualTo(30);
  }

  @Test
  void dataInsideTheEnvelopeDataIsNotReadAsTheVideo() {
    Video v = decode("{\"code\":\"success\",\"data\":{\"task_id\":\"video_1\",\"status\":\"queued\","
        + "\"data\":{\"id\":\"upstream\",\"status\":\"completed\",\"url\":\"https://x.example/v.mp4\"}}}");

    assertThat(v.status()).isEqualTo(VideoStatus.QUEUED);
    assertThat(v.downloadUrl()).isEmpty();
  }

  @Test
  void bodyWithItsOwnStatusIsNotUnwrapped() {
    Video v = decode("{\"id\":\"video_1\",\"status\":\"processing\",\"data\":{\"id\":\"other\",\"status\":\"failed\"}}");

    assertThat(v.id()).isEqualTo(ID);
    assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING);
  }

  @Test
  void envelopeWithoutAVideoIsMalformed() {
    assertThatThrownBy(() -> decode("{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("the body has no status");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "\"object\":\"video\"",
      "\"usage\":null",
      "\"usage\":{\"status\":\"failed\",\"id\":\"other\",\"progress\":99}",
      "\"history\":[{\"status\":\"failed\"},[[[]]],null,1,\"x\",true]",
      "\"deep\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":[{\"f\":{\"g\":null}}]}}}}}",
      "\"big\":123456789012345678901234567890.5e10",
      "\"flag\":false",
      "\"unicode\":\"\\u00e9\\u4e2d \\\"quoted\\\" \\\\ \\n\"",
      "\"\":\"empty name\"",
      "\"ID\":\"upper-case is another field\",\"Status\":\"failed\"",
  })
  void unknownFieldsAreSkippedNeverFatal(String junk) {
    Video v = decode("{" + junk + ",\"id\":\"video_1\",\"status\":\"processing\",\"progress\":7," + junk + "}");

    assertThat(v).isEqualTo(Video.builder(ID, VideoStatus.PROCESSING).rawStatus("processing").progress(7).build());
  }

  @Test
  void knownFieldsWithUnexpectedShapesAreSkipped() {
    Video v = decode("{\"id\":\"video_1\",\"status\":\"processing\",\"model\":{\"name\":\"sora-2\"},"
        + "\"size\":[1280,720],\"seconds\":{\"value\":8},\"prompt\":[\"a\"],\"remixed_from_video_id\":{},"
        + "\"created_at\":{\"seconds\":1},\"meta_data\":[],\"metadata\":\"x\"}");

    assertThat(v).isEqualTo(Video.builder(ID, VideoStatus.PROCESSING).rawStatus("processing").build());
  }

  @Test
  void modelSizePromptAndRemixSourceAreRead() {
    Video v = with("queued", "\"model\":\" sora-2-pro \",\"size\":\"1792x1024\",\"prompt\":\"  a cat \","
        + "\"remixed_from_video_id\":\"video_0\"");

    assertThat(v.model()).contains("sora-2-pro");
    assertThat(v.size()).contains("1792x1024");
    assertThat(v.prompt()).contains("  a cat ");
    assertThat(v.remixedFromVideoId()).contains(VideoId.of("video_0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"remixed_from_video_id\":\"../etc\"", "\"remixed_from_video_id\":\"\"",
      "\"remixed_from_video_id\":null", "\"model\":\"\",\"size\":\" \",\"prompt\":\"\""})
  void blankOrInvalidOptionalFieldsAreAbsent(String fields) {
    Video v = with("queued", fields);

    assertThat(v.remixedFromVideoId()).isEmpty();
    assertThat(v.model()).isEmpty();
    assertThat(v.size()).isEmpty();
    assertThat(v.prompt()).isEmpty();
  }

  @ParameterizedTest(name = "seconds {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"8\"|8",
      "8|8",
      "12|12",
      "\"4\"|4",
      "7.2|8",
      "\"7.01\"|8",
      "8.0|8",
      "0|0",
  })
  void secondsAreReadFromStringsOrNumbersRoundingUp(String json, int expected) {
    assertThat(with("queued", "\"seconds\":" + json).seconds()).hasValue(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"\"", "\"eight\"", "-1", "1e12", "true"})
  void unreadableSecondsAreAbsent(String json) {
    assertThat(with("queued", "\"seconds\":" + json).seconds()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"paused, paused", "ARCHIVED, ARCHIVED", "'  moderation_review ', moderation_review"})
  void unknownStatusIsKeptAsRawString(String status, String raw) {
    Video v = with(status, "");

    assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
    assertThat(v.rawStatus()).isEqualTo(raw);
    assertThat(v.isTerminal()).isFalse();
  }

  @Test
  void knownStatusKeepsItsRawSpelling() {
    Video v = with("SUCCESS", "");

    assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(v.rawStatus()).isEqualTo("SUCCESS");
  }

  @Test
  void nonStringStatusIsReadAsItsText() {
    Video v = decode("{\"id\":\"video_1\",\"status\":3}");

    assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
    assertThat(v.rawStatus()).isEqualTo("3");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"id\":\"video_1\"}", "{\"task_id\":\"video_1\",\"status\":null}", "{\"id\":\"video_1\",\"status\":\"  \"}",
      "{\"id\":\"video_1\",\"status\":{\"name\":\"queued\"}}", "{\"code\":\"success\",\"data\":{\"task_id\":\"video_1\"}}"})
  void aBodyThatNamesTheJobButHasNoStatusYetIsUnknownWithAnEmptyRawStatus(String json) {
    Video v = decode(json);

    assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
    assertThat(v.rawStatus()).isEmpty();
    assertThat(v.isTerminal()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no id and no status|{\"object\":\"video\"}|the body has no status",
      "no id and a null status|{\"status\":null,\"progress\":5}|the body has no status",
      "array|[{\"id\":\"video_1\",\"status\":\"queued\"}]|expected a JSON object but found BEGIN_ARRAY",
      "string|\"video_1\"|expected a JSON object but found STRING",
      "number|42|expected a JSON object but found NUMBER",
      "null|null|expected a JSON object but found NULL",
  })
  void bodiesWithoutAUsableVideoAreRejected(String name, String json, String message) {
    assertThatThrownBy(() -> decode(json)).isInstanceOf(JsonFormatException.class).hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty|''",
      "truncated|{\"id\":\"video_1\",\"status\":\"queu",
      "truncated after a member|{\"id\":\"video_1\",\"status\":\"queued\",",
      "unclosed object|{\"id\":\"video_1\",\"status\":\"queued\"",
      "trailing garbage|{\"id\":\"video_1\",\"status\":\"queued\"}garbage",
      "second document|{\"id\":\"video_1\",\"status\":\"queued\"}{\"id\":\"video_2\"}",
      "trailing comma in object|{\"id\":\"video_1\",\"status\":\"queued\",}",
      "HTML|<html><body>502 Bad Gateway</body></html>",
      "plain text|Bad Gateway",
      "unquoted names|{id:\"video_1\",status:\"queued\"}",
  })
  void bodiesThatAreNotOneJsonObjectAreRejected(String name, String json) {
    assertThatThrownBy(() -> decode(json)).isInstanceOf(JsonFormatException.class);
  }

  @Test
  void trailingWhiteSpaceIsFine() {
    assertThat(decode("\n {\"id\":\"video_1\",\"status\":\"queued\"} \r\n\t").status()).isEqualTo(VideoStatus.QUEUED);
  }

  @Test
  void singleQuotedJsonIsRejected() {
    assertThatThrownBy(() -> decode("{'id':'video_1','status':'queued'}")).isInstanceOf(JsonFormatException.class);
  }

  @Test
  void bytesThatAreNotJsonTextAreRejectedAsJsonFormat() {
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{', '}'};

    assertThatThrownBy(() -> VideoMapper.decode(notUtf8, ID)).isInstanceOf(JsonFormatException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing comma|{\"id\":\"video_1\",\"status\":\"completed\",\"output\":[\"https://a.example/x.mp4\" \"y\"]}|expected ',' or ']'",
      "unclosed array|{\"id\":\"video_1\",\"status\":\"completed\",\"results\":[{\"url\":\"https://a.example/x.mp4\"}|JSON ends early",
  })
  void aBrokenArrayWhereAUrlIsReadIsMalformed(String name, String json, String message) {
    assertThatThrownBy(() -> decode(json)).isInstanceOf(JsonFormatException.class).hasMessageContaining(message);
  }

  @Test
  void anEmptyOrNonUrlArrayGivesNoDownloadUrl() {
    assertThat(decode("{\"id\":\"video_1\",\"status\":\"completed\",\"output\":[],\"results\":[[1],2],"
        + "\"data\":[null]}").downloadUrl()).isEmpty();
  }
}
