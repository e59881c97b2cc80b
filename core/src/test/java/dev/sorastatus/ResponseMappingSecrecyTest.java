package dev.sorastatus;

import static dev.sorastatus.ResponseMappingTest.CANARY;
import static dev.sorastatus.ResponseMappingTest.CONFIG;
import static dev.sorastatus.ResponseMappingTest.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraException;
import dev.sorastatus.VideoId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The API key never leaves in an error, whichever way the server echoes it. */
class ResponseMappingSecrecyTest {
  private static final VideoId ID = VideoId.of("video_1");
  private final ResponseMapping mapping = new ResponseMapping(CONFIG);

  static Stream<Arguments> echoes() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (int status : new int[] {301, 400, 401, 403, 404, 409, 429, 500, 503}) {
      cases.add(Arguments.of(status, "in the error message", response(status,
          "{\"error\":{\"message\":\"Incorrect API key provided: " + CANARY + "\",\"code\":\"invalid_api_key\"}}")));
      cases.add(Arguments.of(status, "in the error code", response(status,
          "{\"error\":{\"message\":\"bad key\",\"code\":\"" + CANARY + "\"}}")));
      cases.add(Arguments.of(status, "in a flat body", response(status,
          "{\"code\":\"" + CANARY + "\",\"message\":\"key " + CANARY + " unknown\"}")));
      cases.add(Arguments.of(status, "in an error string", response(status, "{\"error\":\"" + CANARY + "\"}")));
      cases.add(Arguments.of(status, "in a detail", response(status, "{\"detail\":\"Bearer " + CANARY + "\"}")));
      cases.add(Arguments.of(status, "in plain text", response(status,
          "invalid token\r\nAuthorization: Bearer " + CANARY + "\r\n")));
      cases.add(Arguments.of(status, "in an HTML page", response(status,
          "<html><body><pre>api_key=" + CANARY + "</pre></body></html>", "Content-Type", "text/html")));
      cases.add(Arguments.of(status, "in the request id header", response(status, "{}",
          "x-request-id", CANARY)));
      cases.add(Arguments.of(status, "in the one-api request id header", response(status, "{}",
          "X-Oneapi-Request-Id", "req-" + CANARY)));
      cases.add(Arguments.of(status, "in the location header", response(status, "",
          "Location", "https://" + "evil.example/?key=" + CANARY)));
      cases.add(Arguments.of(status, "glued to other text", response(status,
          "{\"error\":{\"message\":\"x" + CANARY + "x\"}}")));
    }
    return cases.build();
  }

  @ParameterizedTest(name = "HTTP {0}, key {1}")
  @MethodSource("echoes")
  void keyNeverAppearsInAnError(int status, String where, TransportResponse response) {
    SoraException e = catchThrowableOfType(SoraException.class, () -> mapping.toVideo(ID, response, ""));

    assertThat(e).isInstanceOf(SoraApiException.class);
    SoraApiException api = (SoraApiException) e;
    assertThat(api.statusCode()).isEqualTo(status);
    assertNoKey(api.getMessage());
    assertNoKey(api.toString());
    assertNoKey(api.bodyExcerpt());
    api.errorCode().ifPresent(ResponseMappingSecrecyTest::assertNoKey);
    api.requestId().ifPresent(ResponseMappingSecrecyTest::assertNoKey);
    assertNoKey(stackTrace(api));
  }

  static Stream<Arguments> malformedEchoes() {
    return Stream.of(
        Arguments.of("JSON without a status", response(200, "{\"object\":\"video\",\"api_key\":\"" + CANARY + "\"}")),
        Arguments.of("HTML", response(200, "<p>Bearer " + CANARY + "</p>", "Content-Type", "text/html")),
        Arguments.of("not JSON", response(200, "key=" + CANARY)),
        Arguments.of("truncated JSON", response(200, "{\"id\":\"video_1\",\"note\":\"" + CANARY)),
        Arguments.of("over the limit", response(200, ("{\"key\":\"" + CANARY + "\"").getBytes(
            java.nio.charset.StandardCharsets.UTF_8), true)),
        Arguments.of("key as the id", response(200, "{\"id\":\"" + CANARY + "x/\",\"status\":\"queued\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedEchoes")
  void keyNeverAppearsInAMalformedResponseError(String name, TransportResponse response) {
    MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
        () -> mapping.toVideo(ID, response, ""));

    assertThat(e).isNotNull();
    assertNoKey(e.getMessage());
    assertNoKey(e.toString());
    assertNoKey(e.bodyExcerpt());
    assertNoKey(stackTrace(e));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {200, 302, 401, 404, 429, 500})
  void keyThatLooksLikeNoKnownSecretIsStillMasked(int status) {
    String plainKey = "juhe0a1b2c3d4e5f6a7b8c9d";
    ResponseMapping plain = new ResponseMapping(CONFIG.toBuilder().apiKey(plainKey).build());
    TransportResponse response = response(status, "{\"error\":{\"message\":\"unknown key " + plainKey
        + "\",\"code\":\"" + plainKey + "\"}}", "x-request-id", plainKey, "Location", "https://x.example/" + plainKey);

    SoraException e = catchThrowableOfType(SoraException.class, () -> plain.toVideo(ID, response, ""));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).doesNotContain(plainKey);
    assertThat(stackTrace(e)).doesNotContain(plainKey);
    if (e instanceof SoraApiException) {
      SoraApiException api = (SoraApiException) e;
      assertThat(api.bodyExcerpt()).doesNotContain(plainKey).contains("unknown key ***");
      assertThat(api.errorCode().orElse("")).doesNotContain(plainKey);
      assertThat(api.requestId().orElse("")).doesNotContain(plainKey);
    } else {
      assertThat(((MalformedResponseException) e).bodyExcerpt()).doesNotContain(plainKey).contains("unknown key ***");
    }
  }

  @Test
  void responseToStringShowsNeitherHeaderValuesNorTheBody() {
    TransportResponse r = response(401, "{\"error\":\"" + CANARY + "\"}", "x-request-id", CANARY);

    assertThat(r.toString()).isEqualTo("TransportResponse[401, headers=[x-request-id], body=38 bytes]");
  }

  private static void assertNoKey(String text) {
    assertThat(text).doesNotContain(CANARY).doesNotContain("canary-0123").doesNotContain("0123456789abcdef");
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
