package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SoraConfigTest {
  private static final String CANARY = "sk-canary-0123456789abcdef";

  private static SoraConfig.Builder valid() {
    return SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey(CANARY);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "https://api.example.com/v1, https://api.example.com/v1",
      "https://api.example.com/v1/, https://api.example.com/v1",
      "https://api.example.com/v1//, https://api.example.com/v1",
      "https://gateway.example.com/openai/v1, https://gateway.example.com/openai/v1",
      "https://gateway.example.com/openai/v1/, https://gateway.example.com/openai/v1",
      "https://api.example.com, https://api.example.com",
      "https://api.example.com/, https://api.example.com",
      "https://api.example.com:8443/v1/, https://api.example.com:8443/v1",
      "HTTPS://api.example.com/v1, https://api.example.com/v1",
      "'  https://api.example.com/v1/  ', https://api.example.com/v1",
  })
  void baseUrlIsNormalisedWithoutATrailingSlash(String given, String expected) {
    SoraConfig config = valid().baseUrl(given).build();

    assertThat(config.baseUrl()).isEqualTo(URI.create(expected));
  }

  @Test
  void baseUrlGivenAsUriOrStringIsTheSame() {
    assertThat(valid().baseUrl(URI.create("https://gateway.example.com/openai/v1/")).build().baseUrl())
        .isEqualTo(valid().baseUrl("https://gateway.example.com/openai/v1").build().baseUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://localhost:8080/v1",
      "http://localhost/v1",
      "http://127.0.0.1:9999/v1",
      "http://127.0.0.1/v1",
      "http://[::1]:8080/v1",
      "http://LOCALHOST:8080/v1",
  })
  void plainHttpIsAllowedOnLoopback(String url) {
    assertThat(valid().baseUrl(url).build().baseUrl().getScheme()).isEqualTo("http");
  }

  @ParameterizedTest
  @CsvSource({
      "http://api.example.com/v1, api.example.com",
      "http://localhost.example.com/v1, localhost.example.com",
      "http://127.0.0.1.nip.io/v1, 127.0.0.1.nip.io",
      "http://10.0.0.7/v1, 10.0.0.7",
      "http://0.0.0.0:8080/v1, 0.0.0.0",
      "http://192.168.1.10/v1, 192.168.1.10",
      "http://[::2]/v1, [::2]",
  })
  void plainHttpIsRefusedElsewhere(String url, String host) {
    assertThatThrownBy(() -> valid().baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must use https: plain http is allowed only on a loopback host, not " + host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://api.example.com/v1", "ws://localhost/v1", "file:///etc/passwd"})
  void otherSchemesAreRefused(String url) {
    assertThatThrownBy(() -> valid().baseUrl(url)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1", "api.example.com/v1", "https:/v1"})
  void relativeUrlsAreRefused(String url) {
    assertThatThrownBy(() -> valid().baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must be absolute with a host, like https://api.example.com/v1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://user:hunter2-secret@api.example.com/v1",
      "https://sk-canary-0123456789abcdef@api.example.com/v1",
  })
  void credentialsInTheUrlAreRefusedWithoutQuotingThem(String url) {
    assertThatThrownBy(() -> valid().baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not carry credentials; set apiKey instead");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://api.example.com/v1?api-key=abc",
      "https://api.example.com/v1?",
      "https://api.example.com/v1#videos",
      "https://api.example.com/v1/#",
  })
  void queryOrFragmentIsRefused(String url) {
    assertThatThrownBy(() -> valid().baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not have a query or fragment");
  }

  @Test
  void missingBaseUrlIsNamed() {
    assertThatThrownBy(() -> SoraConfig.builder().apiKey(CANARY).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("baseUrl is required, like https://api.openai.com/v1");
  }

  @Test
  void missingApiKeyIsNamed() {
    assertThatThrownBy(() -> SoraConfig.builder().baseUrl("https://api.example.com/v1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apiKey is required");
  }

  @Test
  void blankApiKeyIsRefusedWhenSet() {
    assertThatThrownBy(() -> SoraConfig.builder().apiKey("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("apiKey is blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Authorization", "authorization", "ACCEPT", "User-Agent", "Host", "Connection", "Content-Length",
      "Transfer-Encoding", "Proxy-Authorization", "Upgrade", "TE", "Keep-Alive", "Expect", "Trailer",
  })
  void reservedHeadersAreRefused(String name) {
    assertThatThrownBy(() -> valid().header(name, "value"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header " + name + " is set by sora-status and cannot be overridden");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X Route", "X-Route:", "", "X-Rout\u00e9", "X-Route\r\n", "X-(Route)"})
  void headerNamesMustBeTokens(String name) {
    assertThatThrownBy(() -> valid().header(name, "value"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header name '" + name + "' is not a valid HTTP token");
  }

  static Stream<Arguments> controlCharacterValues() {
    return Stream.of(
        Arguments.of("gpu-pool\r\nX-Evil: 1", 8),
        Arguments.of("gpu-pool\nX-Evil: 1", 8),
        Arguments.of("gpu-pool\r", 8),
        Arguments.of("\u0000", 0),
        Arguments.of("gpu\u007f", 3));
  }

  @ParameterizedTest
  @MethodSource("controlCharacterValues")
  void headerValuesWithLineBreaksOrControlCharactersAreRefused(String value, int index) {
    assertThatThrownBy(() -> valid().header("X-Route", value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value of header X-Route has a control character at index " + index);
  }

  @Test
  void extraHeadersKeepTheirOrderAndCannotBeChanged() {
    SoraConfig config = valid().header("X-Route", "gpu-pool").header("OpenAI-Organization", "org-123")
        .header("X-Tab", "a\tb").build();

    assertThat(config.extraHeaders()).containsExactly(
        java.util.Map.entry("X-Route", "gpu-pool"),
        java.util.Map.entry("OpenAI-Organization", "org-123"),
        java.util.Map.entry("X-Tab", "a\tb"));
    assertThatThrownBy(() -> config.extraHeaders().put("X-More", "1"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void changingTheBuilderAfterBuildDoesNotChangeTheConfig() {
    SoraConfig.Builder b = valid().header("X-Route", "a");
    SoraConfig config = b.build();

    b.header("X-Other", "b").baseUrl("https://other.example.com/v1");

    assertThat(config.extraHeaders()).containsOnlyKeys("X-Route");
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.example.com/v1"));
  }

  @Test
  void defaultsAreTenSecondsToConnectThirtyPerRequestAndOneMebibyte() {
    SoraConfig config = valid().build();

    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxResponseBytes()).isEqualTo(1_048_576L);
    assertThat(config.extraHeaders()).isEmpty();
    assertThat(config.clock().getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void timeoutsMustBePositive() {
    for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
      assertThatThrownBy(() -> valid().connectTimeout(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("connectTimeout must be positive but was " + bad);
      assertThatThrownBy(() -> valid().requestTimeout(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("requestTimeout must be positive but was " + bad);
    }
    assertThatThrownBy(() -> valid().requestTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("requestTimeout == null");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void maxResponseBytesMustBePositive(long bad) {
    assertThatThrownBy(() -> valid().maxResponseBytes(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxResponseBytes must be > 0 but was " + bad);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    Clock clock = Clock.fixed(Instant.parse("2025-10-21T07:27:30Z"), ZoneOffset.UTC);
    SoraConfig config = valid().baseUrl("https://gateway.example.com/openai/v1/")
        .connectTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofSeconds(7)).maxResponseBytes(4096)
        .header("X-Route", "gpu-pool").clock(clock).build();

    SoraConfig copy = config.toBuilder().build();

    assertThat(copy.baseUrl()).isEqualTo(URI.create("https://gateway.example.com/openai/v1"));
    assertThat(copy.apiKey()).isEqualTo(ApiKey.of(CANARY));
    assertThat(copy.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(copy.maxResponseBytes()).isEqualTo(4096);
    assertThat(copy.extraHeaders()).containsExactly(java.util.Map.entry("X-Route", "gpu-pool"));
    assertThat(copy.clock()).isSameAs(clock);
  }

  @Test
  void toStringNeverShowsTheKeyOrHeaderValues() {
    SoraConfig config = valid().header("X-Secret-Route", "route-token-42").build();

    assertThat(config.toString())
        .doesNotContain(CANARY)
        .doesNotContain("canary")
        .doesNotContain("route-token-42")
        .contains("baseUrl=https://api.example.com/v1")
        .contains("apiKey=ApiKey[sk-***]")
        .contains("extraHeaders=[X-Secret-Route]");
  }

  @Test
  void userAgentNamesTheLibraryAndTheBuiltVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = SoraConfig.class.getResourceAsStream("version.properties")) {
      p.load(in);
    }
    String version = p.getProperty("version");

    assertThat(version).doesNotStartWith("$").isNotBlank();
    assertThat(valid().build().userAgent()).isEqualTo("sora-status/" + version);
  }
}
