package dev.sorastatus;

import static dev.sorastatus.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link VideoJson#readError(byte[])} over the error bodies servers send. */
class VideoJsonTest {

  static Stream<Arguments> errorBodies() {
    return Stream.of(
        Arguments.of("OpenAI error object",
            "{\n  \"error\": {\n    \"message\": \"Video with id 'video_404' not found.\",\n"
                + "    \"type\": \"invalid_request_error\",\n    \"param\": null,\n    \"code\": \"video_not_found\"\n  }\n}",
            new ErrorBody("video_not_found", "Video with id 'video_404' not found.")),
        Arguments.of("OpenAI error object with a null code takes the type",
            "{\"error\":{\"message\":\"The server had an error.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
            new ErrorBody("server_error", "The server had an error.")),
        Arguments.of("new-api error object",
            "{\"error\":{\"message\":\"\u65e0\u6548\u7684\u4ee4\u724c (request id: 2025092702512512345)\","
                + "\"type\":\"new_api_error\",\"param\":\"\",\"code\":\"invalid_api_key\"}}",
            new ErrorBody("invalid_api_key", "\u65e0\u6548\u7684\u4ee4\u724c (request id: 2025092702512512345)")),
        Arguments.of("flat code and message",
            "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}",
            new ErrorBody("task_not_exist", "task_not_exist")),
        Arguments.of("flat numeric code",
            "{\"code\":429,\"message\":\"Too many requests, slow down\",\"success\":false}",
            new ErrorBody("429", "Too many requests, slow down")),
        Arguments.of("flat type without code",
            "{\"type\":\"rate_limit\",\"message\":\"slow down\"}",
            new ErrorBody("rate_limit", "slow down")),
        Arguments.of("error as a string",
            "{\"error\":\"video not found\"}",
            new ErrorBody(null, "video not found")),
        Arguments.of("detail",
            "{\"detail\":\"Not Found\"}",
            new ErrorBody(null, "Not Found")),
        Arguments.of("message wins over detail in either order",
            "{\"detail\":\"the detail\",\"message\":\"the message\"}",
            new ErrorBody(null, "the message")),
        Arguments.of("message before detail",
            "{\"message\":\"the message\",\"detail\":\"the detail\"}",
            new ErrorBody(null, "the message")),
        Arguments.of("nested error wins over flat fields",
            "{\"code\":\"outer\",\"message\":\"outer message\",\"error\":{\"code\":\"inner\",\"message\":\"inner message\"}}",
            new ErrorBody("inner", "inner message")),
        Arguments.of("flat fields fill what the nested error lacks",
            "{\"error\":{\"message\":\"\"},\"code\":\"upstream_error\",\"message\":\"upstream failed\"}",
            new ErrorBody("upstream_error", "upstream failed")),
        Arguments.of("values are trimmed",
            "{\"error\":{\"code\":\"  invalid_api_key \",\"message\":\"\\n Incorrect API key provided. \"}}",
            new ErrorBody("invalid_api_key", "Incorrect API key provided.")),
        Arguments.of("unknown fields at any depth",
            "{\"meta\":{\"trace\":[{\"span\":1},null,[[]]]},\"error\":{\"details\":[{\"message\":\"no\"}],"
                + "\"code\":\"c\",\"message\":\"m\",\"param\":{\"name\":\"id\"}},\"x\":true}",
            new ErrorBody("c", "m")),
        Arguments.of("FastAPI validation detail list",
            "{\"detail\":[{\"loc\":[\"path\",\"id\"],\"msg\":\"bad\",\"type\":\"value_error\"}]}",
            ErrorBody.NONE),
        Arguments.of("blank values", "{\"error\":{\"code\":\" \",\"message\":\"\"}}", ErrorBody.NONE),
        Arguments.of("empty object", "{}", ErrorBody.NONE),
        Arguments.of("null error", "{\"error\":null}", ErrorBody.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorBodies")
  void codeAndMessageAreReadFromEveryShape(String name, String json, ErrorBody expected) {
    assertThat(VideoJson.readError(utf8(json))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "Bad Gateway",
      "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
          + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
      "<!DOCTYPE html><html lang=\"en\"><head><title>Just a moment...</title></head><body></body></html>",
      "[{\"error\":\"in an array\"}]",
      "\"just a string\"",
      "42",
      "null",
      "{\"error\":{\"message\":\"truncated",
      "{\"error\":",
  })
  void bodiesThatAreNotAJsonObjectGiveNone(String body) {
    assertThat(VideoJson.readError(utf8(body))).isSameAs(ErrorBody.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"code\":\"c\",\"message\":\"m\"}", "{\"error\":\"m\"}"})
  void optionalsReflectWhatWasFound(String json) {
    ErrorBody body = VideoJson.readError(utf8(json));

    assertThat(body.messageOptional()).contains("m");
    assertThat(body.codeOptional()).isEqualTo(json.contains("code") ? java.util.Optional.of("c") : java.util.Optional.empty());
  }
}
