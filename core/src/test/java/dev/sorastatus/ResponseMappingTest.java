package dev.sorastatus;

import static dev.sorastatus.Fixtures.bytes;
import static dev.sorastatus.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseMappingTest {
  static final String CANARY = "sk-canary-0123456789abcdef";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-21T07:27:30Z"), ZoneOffset.UTC);
  private static final VideoId ID = VideoId.of("video_404");

  static final SoraConfig CONFIG = SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey(CANARY)
      .maxResponseBytes(1024).clock(CLOCK).build();

  private final ResponseMapping mapping = new ResponseMapping(CONFIG);

  /** A response with {@code headers} given as name, value, name, value...; repeated names add values. */
  static TransportResponse response(int status, String body, String... headers) {
    return response(status, utf8(body), false, headers);
  }

  static TransportResponse response(int status, byte[] body, boolean truncated, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
    }
    return new TransportResponse(status, map, body, truncated);
  }

  private SoraException error(TransportResponse response) {
    SoraException fromToVideo = catchThrowableOfType(SoraException.class, () -> mapping.toVideo(ID, response, ""));
    assertThat(fromToVideo).as("toVideo throws what toError returns")
        .isExactlyInstanceOf(mapping.toError(ID, response, "").getClass());
    return fromToVideo;
  }

  @Test
  void notFoundCarriesTheIdCodeMessageAndRequestId() {
    String body = "{\"error\":{\"message\":\"Video with id 'video_404' not found.\",\"type\":\"invalid_request_error\","
        + "\"param\":null,\"code\":\"video_not_found\"}}";

    SoraException e = error(response(404, body, "x-request-id", "req_7f3a9c"));

    assertThat(e).isExactlyInstanceOf(VideoNotFoundException.class)
        .hasMessage("HTTP 404: video video_404 was not found: Video with id 'video_404' not found. "
            + "(code video_not_found, request req_7f3a9c)");
    VideoNotFoundException nf = (VideoNotFoundException) e;
    assertThat(nf.videoId()).isEqualTo(ID);
    assertThat(nf.statusCode()).isEqualTo(404);
    assertThat(nf.errorCode()).contains("video_not_found");
    assertThat(nf.requestId()).contains("req_7f3a9c");
    assertThat(nf.bodyExcerpt()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}",
      "{\"code\":\"TASK_NOT_EXIST\",\"message\":\"\u4efb\u52a1\u4e0d\u5b58\u5728\"}",
      "{\"error\":{\"message\":\"task_not_exist\",\"type\":\"new_api_error\",\"code\":\"\"}}",
      "{\"message\":\" task_not_exist \"}",
  })
  void badRequestSayingTheTaskDoesNotExistIsNotFound(String body) {
    SoraException e = error(response(400, body, "X-Oneapi-Request-Id", "20251021072730123456789"));

    assertThat(e).isExactlyInstanceOf(VideoNotFoundException.class)
        .hasMessageStartingWith("HTTP 400: video video_404 was not found: ");
    assertThat(((VideoNotFoundException) e).videoId()).isEqualTo(ID);
    assertThat(((VideoNotFoundException) e).statusCode()).isEqualTo(400);
    assertThat(((VideoNotFoundException) e).requestId()).contains("20251021072730123456789");
  }

  @Test
  void otherBadRequestIsAPlainApiError() {
    SoraException e = error(response(400,
        "{\"error\":{\"message\":\"Invalid video id.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_value\"}}"));

    assertThat(e).isExactlyInstanceOf(SoraApiException.class)
        .hasMessage("HTTP 400: unexpected status: Invalid video id. (code invalid_value)");
  }

  @Test
  void unauthorizedIsAnAuthenticationErrorThatNeverShowsTheKey() {
    String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + CANARY + ". You can find your API key "
        + "at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,"
        + "\"code\":\"invalid_api_key\"}}";

    SoraException e = error(response(401, body, "x-request-id", "req_401"));

    assertThat(e).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.AUTHENTICATION))
        .hasMessage("HTTP 401: the API key was refused: Incorrect API key provided: ***. You can find your API key "
            + "at https://platform.openai.com/account/api-keys. (code invalid_api_key, request req_401)");
    assertThat(((SoraApiException) e).statusCode()).isEqualTo(401);
    assertThat(((SoraApiException) e).bodyExcerpt()).doesNotContain(CANARY)
        .startsWith("{\"error\":{\"message\":\"Incorrect API key provided: ***. You can find");
  }

  @Test
  void forbiddenIsPermissionDenied() {
    SoraException e = error(response(403,
        "{\"error\":{\"message\":\"You are not allowed to sample from this model\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"model_not_allowed\"}}"));

    assertThat(e).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.PERMISSION_DENIED))
        .hasMessage("HTTP 403: permission denied: You are not allowed to sample from this model (code model_not_allowed)");
    assertThat(((SoraApiException) e).statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 520, 599})
  void serverErrorsAreApiErrorsOfTheirKind(int status) {
    SoraException e = error(response(status, "upstream overloaded", "x-request-id", "req_5xx"));

    assertThat(e).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR))
        .hasMessage("HTTP " + status + ": server error: upstream overloaded (no code, request req_5xx)");
    assertThat(((SoraApiException) e).statusCode()).isEqualTo(status);
    assertThat(((SoraApiException) e).errorCode()).isEmpty();
    assertThat(((SoraApiException) e).requestId()).contains("req_5xx");
    assertThat(((SoraApiException) e).bodyExcerpt()).isEqualTo("upstream overloaded");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 405, 409, 410, 413, 418, 422, 451})
  void otherClientErrorsArePlainApiErrors(int status) {
    SoraException e = error(response(status, "{\"error\":{\"message\":\"nope\",\"code\":\"c\"}}"));

    assertThat(e).isExactlyInstanceOf(SoraApiException.class)
        .hasMessage("HTTP " + status + ": unexpected status: nope (code c)");
    assertThat(((SoraApiException) e).statusCode()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectNamesTheTargetHostOnly(int status) {
    SoraException e = error(response(status, "",
        "Location", "https://evil.example.net/collect/keys?token=" + CANARY + "&from=sora#frag"));

    assertThat(e).isExactlyInstanceOf(SoraApiException.class)
        .hasMessage("HTTP " + status + " redirect to host evil.example.net was not followed: redirects are never "
            + "followed, so that the API key stays with the API");
    assertThat(e.getMessage()).doesNotContain("/collect").doesNotContain("token").doesNotContain(CANARY);
    assertThat(((SoraApiException) e).statusCode()).isEqualTo(status);
  }

  @ParameterizedTest
  @MethodSource("locations")
  void redirectWithoutAnAbsoluteLocationSaysSo(String[] headers, String target) {
    SoraException e = error(response(302, "", headers));

    assertThat(e).hasMessageStartingWith("HTTP 302 redirect to " + target + " was not followed");
  }

  static Stream<Arguments> locations() {
    return Stream.of(
        Arguments.of(new String[0], "no location"),
        Arguments.of(new String[] {"Location", "/v2/videos/video_404?sig=abc"}, "a relative location"),
        Arguments.of(new String[] {"Location", "https://exa mple.com/x"}, "an unparseable location"));
  }

  static Stream<Arguments> retryDelays() {
    return Stream.of(
        Arguments.of("retry-after-ms", new String[] {"retry-after-ms", "1500"}, Optional.of(Duration.ofMillis(1500))),
        Arguments.of("retry-after-ms decimal", new String[] {"retry-after-ms", "250.5"},
            Optional.of(Duration.ofNanos(250_500_000))),
        Arguments.of("Retry-After seconds", new String[] {"Retry-After", "2"}, Optional.of(Duration.ofSeconds(2))),
        Arguments.of("Retry-After decimal seconds", new String[] {"Retry-After", "2.5"},
            Optional.of(Duration.ofMillis(2500))),
        Arguments.of("Retry-After padded", new String[] {"Retry-After", " 3 "}, Optional.of(Duration.ofSeconds(3))),
        Arguments.of("Retry-After HTTP date", new String[] {"Retry-After", "Tue, 21 Oct 2025 07:28:00 GMT"},
            Optional.of(Duration.ofSeconds(30))),
        Arguments.of("Retry-After HTTP date an hour ahead", new String[] {"Retry-After", "Tue, 21 Oct 2025 08:27:30 GMT"},
            Optional.of(Duration.ofHours(1))),
        Arguments.of("retry-after-ms wins over Retry-After",
            new String[] {"Retry-After", "60", "retry-after-ms", "750"}, Optional.of(Duration.ofMillis(750))),
        Arguments.of("garbage retry-after-ms falls back to Retry-After",
            new String[] {"retry-after-ms", "soon", "Retry-After", "4"}, Optional.of(Duration.ofSeconds(4))),
        Arguments.of("a huge delay is capped at a day", new String[] {"Retry-After", "99999999999"},
            Optional.of(Duration.ofDays(1))),
        Arguments.of("none", new String[0], Optional.empty()),
        Arguments.of("zero", new String[] {"Retry-After", "0"}, Optional.empty()),
        Arguments.of("zero ms", new String[] {"retry-after-ms", "0"}, Optional.empty()),
        Arguments.of("negative", new String[] {"Retry-After", "-5"}, Optional.empty()),
        Arguments.of("negative ms", new String[] {"retry-after-ms", "-100"}, Optional.empty()),
        Arguments.of("garbage", new String[] {"Retry-After", "later"}, Optional.empty()),
        Arguments.of("NaN", new String[] {"retry-after-ms", "NaN"}, Optional.empty()),
        Arguments.of("Infinity", new String[] {"Retry-After", "Infinity"}, Optional.empty()),
        Arguments.of("hex", new String[] {"Retry-After", "0x10"}, Optional.empty()),
        Arguments.of("HTTP date in the past", new String[] {"Retry-After", "Tue, 21 Oct 2025 07:27:00 GMT"},
            Optional.empty()),
        Arguments.of("HTTP date now", new String[] {"Retry-After", "Tue, 21 Oct 2025 07:27:30 GMT"}, Optional.empty()),
        Arguments.of("HTTP date with the wrong weekday", new String[] {"Retry-After", "Mon, 21 Oct 2025 07:28:00 GMT"},
            Optional.empty()),
        Arguments.of("ISO date is not an HTTP date", new String[] {"Retry-After", "2025-10-21T07:28:00Z"},
            Optional.empty()),
        Arguments.of("duplicated Retry-After", new String[] {"Retry-After", "5", "Retry-After", "5"}, Optional.empty()),
        Arguments.of("duplicated in two spellings", new String[] {"Retry-After", "5", "retry-after", "6"},
            Optional.empty()),
        Arguments.of("duplicated retry-after-ms and no Retry-After",
            new String[] {"retry-after-ms", "100", "retry-after-ms", "200"}, Optional.empty()),
        Arguments.of("overlong number", new String[] {"Retry-After", "1" + "0".repeat(40)}, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retryDelays")
  void rateLimitCarriesTheServersDelay(String name, String[] headers, Optional<Duration> expected) {
    SoraException e = error(response(429,
        "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
        headers));

    assertThat(e).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED));
    SoraApiException limited = (SoraApiException) e;
    assertThat(limited.retryAfter()).isEqualTo(expected);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.errorCode()).contains("rate_limit_exceeded");
    assertThat(limited).hasMessage("HTTP 429: rate limited"
        + expected.map(d -> ", retry after " + d.toMillis() + " ms").orElse("")
        + ": Rate limit reached for requests (code rate_limit_exceeded)");
  }

  static Stream<Arguments> errorBodies() {
    return Stream.of(
        Arguments.of("OpenAI object",
            "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":\"internal_error\"}}",
            Optional.of("internal_error"), "The server had an error while processing your request."),
        Arguments.of("flat", "{\"code\":\"upstream_error\",\"message\":\"bad upstream response\",\"data\":null}",
            Optional.of("upstream_error"), "bad upstream response"),
        Arguments.of("error string", "{\"error\":\"upstream timed out\"}", Optional.empty(), "upstream timed out"),
        Arguments.of("detail", "{\"detail\":\"Internal Server Error\"}", Optional.empty(), "Internal Server Error"),
        Arguments.of("plain text", "upstream connect error or disconnect/reset before headers",
            Optional.empty(), "upstream connect error or disconnect/reset before headers"),
        Arguments.of("HTML", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body>\r\n</html>",
            Optional.empty(), "<html> <head><title>502 Bad Gateway</title></head> <body>nginx</body> </html>"),
        Arguments.of("empty", "", Optional.empty(), "(empty body)"),
        Arguments.of("JSON without code or message", "{\"ok\":false}", Optional.empty(), "{\"ok\":false}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorBodies")
  void errorBodiesOfEveryShapeGiveStatusCodeMessageRequestIdAndExcerpt(
      String name, String body, Optional<String> code, String detail) {
    SoraException e = error(response(502, body, "X-Oneapi-Request-Id", "2025102107273012"));

    SoraApiException api = (SoraApiException) e;
    assertThat(api.statusCode()).isEqualTo(502);
    assertThat(api.errorCode()).isEqualTo(code);
    assertThat(api.requestId()).contains("2025102107273012");
    assertThat(api.bodyExcerpt()).isEqualTo(body.isEmpty() ? "" : body.replaceAll("\\s+", " ").trim());
    assertThat(api).hasMessage("HTTP 502: server error: " + detail
        + code.map(c -> " (code " + c).orElse(" (no code") + ", request 2025102107273012)");
  }

  @Test
  void xRequestIdWinsOverTheOneApiRequestId() {
    SoraApiException e = (SoraApiException) error(response(500, "",
        "X-Oneapi-Request-Id", "oneapi_1", "X-Request-Id", "req_1"));

    assertThat(e.requestId()).contains("req_1");
  }

  @Test
  void noRequestIdIsLeftOutOfTheMessage() {
    SoraApiException e = (SoraApiException) error(response(500, ""));

    assertThat(e.requestId()).isEmpty();
    assertThat(e).hasMessage("HTTP 500: server error: (empty body) (no code)");
  }

  static Stream<Arguments> malformedOks() {
    return Stream.of(
        Arguments.of("empty 200", response(200, ""), "HTTP 200 response has an empty body; expected a video"),
        Arguments.of("204", response(204, ""), "HTTP 204 response has an empty body; expected a video"),
        Arguments.of("HTML", response(200, "<!DOCTYPE html><html><title>Sign in</title></html>",
            "Content-Type", "text/html; charset=utf-8"),
            "HTTP 200 response is an HTML page, not a video; body starts: <!DOCTYPE html><html><title>Sign in</title></html>"),
        Arguments.of("HTML with JSON inside", response(200, "{\"id\":\"video_404\",\"status\":\"queued\"}",
            "content-type", "Text/HTML"),
            "HTTP 200 response is an HTML page, not a video; body starts: {\"id\":\"video_404\",\"status\":\"queued\"}"),
        Arguments.of("not JSON", response(200, "OK"), "HTTP 200 response is not a video: "),
        Arguments.of("JSON array", response(200, "[]"),
            "HTTP 200 response is not a video: expected a JSON object but found BEGIN_ARRAY; body starts: []"),
        Arguments.of("another job", response(200, "{\"id\":\"video_405\",\"status\":\"completed\"}"),
            "HTTP 200 response is not a video: the body is for another job: it names 'video_405' but video_404 was"
                + " asked for; body starts: {\"id\":\"video_405\",\"status\":\"completed\"}"),
        Arguments.of("no status", response(201, "{\"object\":\"video\"}"),
            "HTTP 201 response is not a video: the body has no status; body starts: {\"object\":\"video\"}"),
        Arguments.of("error envelope", response(200, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}"),
            "HTTP 200 response is not a video: the body has no status; body starts: "),
        Arguments.of("truncated", response(200, utf8("{\"id\":\"video_404\",\"status\":\"queued\",\"pad\":\""), true),
            "HTTP 200 response body is larger than the 1024-byte limit (SoraConfig.maxResponseBytes); body starts: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedOks")
  void successWithoutAVideoIsMalformed(String name, TransportResponse response, String messageStart) {
    MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
        () -> mapping.toVideo(ID, response, ""));

    assertThat(e).isNotNull().hasMessageStartingWith(messageStart);
    assertThat(e.statusCode()).isEqualTo(response.statusCode());
  }

  @Test
  void malformedBodyKeepsTheDecodingCauseAndAnExcerpt() {
    MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
        () -> mapping.toVideo(ID, response(200, "{\"id\":\"video_404\",\"status\":\"queu"), ""));

    assertThat(e.getCause()).isInstanceOf(JsonFormatException.class);
    assertThat(e.bodyExcerpt()).isEqualTo("{\"id\":\"video_404\",\"status\":\"queu");
  }

  @Test
  void truncatedBodyIsRefusedEvenWhenWhatArrivedIsAVideo() {
    MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
        () -> mapping.toVideo(ID, response(200, bytes("openai-in-progress.json"), true), ""));

    assertThat(e).hasMessageContaining("1024-byte limit");
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 203})
  void successWithAVideoIsTheVideo(int status) {
    Video v = mapping.toVideo(ID, response(status, "{\"id\":\"video_404\",\"status\":\"running\",\"progress\":\"12%\"}",
        "Content-Type", "application/json; charset=utf-8"), "");

    assertThat(v).isEqualTo(Video.builder(ID, VideoStatus.PROCESSING).rawStatus("running").progress(12).build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pollHints")
  void pollAfterHeaderSetsThePollHint(String name, String[] headers, Optional<Duration> expected) {
    Video v = mapping.toVideo(ID, response(200, "{\"id\":\"video_404\",\"status\":\"queued\"}", headers), "");

    assertThat(v.pollAfter()).isEqualTo(expected);
  }

  static Stream<Arguments> pollHints() {
    return Stream.of(
        Arguments.of("ms", new String[] {"openai-poll-after-ms", "2500"}, Optional.of(Duration.ofMillis(2500))),
        Arguments.of("any case", new String[] {"OpenAI-Poll-After-Ms", "1000"}, Optional.of(Duration.ofSeconds(1))),
        Arguments.of("decimal", new String[] {"openai-poll-after-ms", "1.5"}, Optional.of(Duration.ofNanos(1_500_000))),
        Arguments.of("absent", new String[0], Optional.empty()),
        Arguments.of("zero", new String[] {"openai-poll-after-ms", "0"}, Optional.empty()),
        Arguments.of("negative", new String[] {"openai-poll-after-ms", "-1"}, Optional.empty()),
        Arguments.of("garbage", new String[] {"openai-poll-after-ms", "soon"}, Optional.empty()),
        Arguments.of("duplicated", new String[] {"openai-poll-after-ms", "100", "openai-poll-after-ms", "100"},
            Optional.empty()),
        Arguments.of("Retry-After is not a poll hint", new String[] {"Retry-After", "5"}, Optional.empty()));
  }

  @Test
  void pollAfterTooSmallToMeasureIsIgnored() {
    Video v = mapping.toVideo(ID, response(200, "{\"id\":\"video_404\",\"status\":\"queued\"}",
        "openai-poll-after-ms", "0.0000001"), "");

    assertThat(v.pollAfter()).isEmpty();
  }

  @Test
  void toErrorOfATransportsResponseNeverThrowsForAnyStatus() {
    for (int status = 300; status <= 599; status++) {
      assertThat(mapping.toError(ID, response(status, "x"), "")).isInstanceOf(SoraApiException.class);
    }
  }

  @Test
  void mappingNeedsOnlyTheConfigsClockForDates() {
    ResponseMapping later = new ResponseMapping(CONFIG.toBuilder()
        .clock(Clock.fixed(Instant.parse("2025-10-21T07:27:50Z"), ZoneOffset.UTC)).build());

    SoraApiException e = (SoraApiException) later.toError(ID,
        response(429, "", "Retry-After", "Tue, 21 Oct 2025 07:28:00 GMT"), "");

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
  }

  @Test
  void toVideoOfARedirectThrowsTheRedirectError() {
    assertThatThrownBy(() -> mapping.toVideo(ID, response(302, "", "Location", "https://other.example/"), ""))
        .isExactlyInstanceOf(SoraApiException.class)
        .hasMessageStartingWith("HTTP 302 redirect to host other.example");
  }
}
