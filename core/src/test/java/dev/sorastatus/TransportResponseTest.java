package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportResponseTest {

  @Test
  void headersAreFoundInAnyCase() {
    TransportResponse r = new TransportResponse(200, Map.of("Content-Type", List.of("application/json")), new byte[0], false);

    assertThat(r.header("content-type")).contains("application/json");
    assertThat(r.header("CONTENT-TYPE")).contains("application/json");
    assertThat(r.headerValues("Content-Type")).containsExactly("application/json");
    assertThat(r.header("x-missing")).isEmpty();
    assertThat(r.headerValues("x-missing")).isEmpty();
  }

  @Test
  void sameHeaderInTwoSpellingsKeepsBothValues() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Retry-After", List.of("5"));
    headers.put("retry-after", List.of("6"));

    TransportResponse r = new TransportResponse(429, headers, new byte[0], false);

    assertThat(r.headerValues("RETRY-AFTER")).containsExactlyInAnyOrder("5", "6");
  }

  @Test
  void statusLineReportedUnderANullNameIsDropped() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put(null, List.of("HTTP/1.1 200 OK"));
    headers.put("X-Request-Id", List.of("req_1"));

    TransportResponse r = new TransportResponse(200, headers, new byte[0], false);

    assertThat(r.headers()).containsOnlyKeys("x-request-id");
  }

  @Test
  void headersCannotBeChangedAfterwards() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("X-Request-Id", new java.util.ArrayList<>(List.of("req_1")));
    TransportResponse r = new TransportResponse(200, headers, new byte[0], false);

    headers.get("X-Request-Id").add("req_2");

    assertThat(r.headerValues("x-request-id")).containsExactly("req_1");
    assertThatThrownBy(() -> r.headers().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.headerValues("x-request-id").add("y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {99, 600, 0, -1})
  void statusMustBeAnHttpStatus(int status) {
    assertThatThrownBy(() -> new TransportResponse(status, Map.of(), new byte[0], false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statusCode must be 100..599 but was " + status);
  }

  @Test
  void equalResponsesCompareTheirBodies() {
    TransportResponse a = new TransportResponse(200, Map.of("A", List.of("1")), new byte[] {1, 2}, false);
    TransportResponse b = new TransportResponse(200, Map.of("a", List.of("1")), new byte[] {1, 2}, false);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new TransportResponse(200, Map.of("a", List.of("1")), new byte[] {1, 3}, false));
    assertThat(a).isNotEqualTo(new TransportResponse(200, Map.of("a", List.of("1")), new byte[] {1, 2}, true));
  }

  @Test
  void truncatedResponseSaysSoInToString() {
    assertThat(new TransportResponse(200, Map.of("Set-Cookie", List.of("session=s3cr3t")), new byte[5], true))
        .hasToString("TransportResponse[200, headers=[set-cookie], body=5 bytes (truncated)]");
  }

  @Test
  void requestToStringMasksEveryCredentialHeader() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer sk-canary-0123456789abcdef");
    headers.put("api-key", "azure-key-1");
    headers.put("X-API-KEY", "gw-key-2");
    headers.put("Cookie", "session=s3cr3t");
    headers.put("Proxy-Authorization", "Basic dXNlcjpwYXNz");
    headers.put("Accept", "application/json");

    TransportRequest request = new TransportRequest("GET", URI.create("https://api.example.com/v1/videos/video_1"),
        headers, Duration.ofSeconds(30));

    assertThat(request).hasToString("TransportRequest[GET https://api.example.com/v1/videos/video_1, headers={"
        + "Authorization=***, api-key=***, X-API-KEY=***, Cookie=***, Proxy-Authorization=***, "
        + "Accept=application/json}, timeout=PT30S]");
  }

  @Test
  void requestRefusesANonPositiveTimeout() {
    URI uri = URI.create("https://api.example.com/v1/videos/video_1");

    assertThatThrownBy(() -> new TransportRequest("GET", uri, Map.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive but was PT0S");
  }
}
