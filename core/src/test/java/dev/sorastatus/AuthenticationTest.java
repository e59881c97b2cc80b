package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.spi.TransportRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the key travels (bearer, Azure's api-key, a named header) and the fixed query parameters. */
class AuthenticationTest {
  private static final String KEY = "sk-canary-7f3a9c1e5b2d4860";

  private static SoraConfig.Builder config() {
    return SoraConfig.builder().baseUrl("https://my-resource.openai.azure.com/openai/v1").apiKey(KEY);
  }

  private static Map<String, String> credential(SoraConfig config) {
    Map<String, String> headers = new LinkedHashMap<>();
    config.putCredential(headers);
    return headers;
  }

  @Test
  void bearerIsTheDefault() {
    SoraConfig config = config().build();

    assertThat(config.authentication()).isEqualTo(Authentication.bearer());
    assertThat(credential(config)).containsExactly(Map.entry("Authorization", "Bearer " + KEY));
  }

  @Test
  void azureKeysGoRawInTheApiKeyHeader() {
    SoraConfig config = config().authentication(Authentication.apiKeyHeader()).build();

    assertThat(credential(config)).containsExactly(Map.entry("api-key", KEY));
    assertThat(Authentication.header("API-Key")).isEqualTo(Authentication.apiKeyHeader());
  }

  @Test
  void aNamedHeaderCarriesTheKeyRaw() {
    SoraConfig config = config().authentication(Authentication.header("Ocp-Apim-Subscription-Key")).build();

    assertThat(credential(config)).containsExactly(Map.entry("Ocp-Apim-Subscription-Key", KEY));
    assertThat(Authentication.header("Authorization").headerName()).isEqualTo("Authorization");
    assertThat(credential(config().authentication(Authentication.header("Authorization")).build()))
        .containsExactly(Map.entry("Authorization", KEY)); // gateways that want the key with no scheme
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Route", "Accept", "User-Agent", "Range", "Cookie", "Host"})
  void aHeaderThatDoesNotReadAsACredentialIsRefused(String name) {
    assertThatThrownBy(() -> Authentication.header(name)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X Key", "X-Key:", "X-Key\r\n"})
  void aHeaderNameThatIsNoTokenIsRefused(String name) {
    assertThatThrownBy(() -> Authentication.header(name)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid HTTP token");
  }

  @Test
  void nullIsATypedError() {
    assertThatThrownBy(() -> Authentication.header(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("name == null");
    assertThatThrownBy(() -> config().authentication(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("authentication == null");
  }

  @Test
  void theKeyIsNeverPrinted() {
    SoraConfig config = config().authentication(Authentication.header("X-Api-Token")).build();

    assertThat(config.authentication()).hasToString("Authentication[X-Api-Token: ***]");
    assertThat(Authentication.bearer()).hasToString("Authentication[Authorization: Bearer ***]");
    assertThat(config.toString()).doesNotContain(KEY).contains("X-Api-Token");
    TransportRequest request = new TransportRequest("GET", URI.create("https://h/v1/videos/v"),
        credential(config), Duration.ofSeconds(1));
    assertThat(request.toString()).doesNotContain(KEY);
  }

  @Test
  void theHeaderThatCarriesTheKeyCannotAlsoBeSetAsAnExtraHeader() {
    SoraConfig.Builder b = config().authentication(Authentication.apiKeyHeader()).header("Api-Key", "other");

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Api-Key").hasMessageNotContaining(KEY).hasMessageNotContaining("other");
  }

  @Test
  void queryParametersAreKeptInOrderAndEncoded() {
    SoraConfig config = config().queryParameter("api-version", "2025-04-01-preview")
        .queryParameter("route", "a b&c=d+é").queryParameter("api-version", "preview").build();

    assertThat(config.queryParameters()).containsExactly(Map.entry("api-version", "preview"),
        Map.entry("route", "a b&c=d+é"));
    assertThat(config.encodedQuerySuffix()).isEqualTo("&api-version=preview&route=a%20b%26c%3Dd%2B%C3%A9");
    assertThat(config().build().encodedQuerySuffix()).isEmpty();
    assertThat(config.toBuilder().build().queryParameters()).isEqualTo(config.queryParameters());
  }

  @ParameterizedTest
  @ValueSource(strings = {"after", "limit", "order", "variant"})
  void queryParametersTheLibrarySetsAreRefused(String name) {
    assertThatThrownBy(() -> config().queryParameter(name, "1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @Test
  void badQueryParametersAreTypedErrors() {
    assertThatThrownBy(() -> config().queryParameter("", "1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query parameter name is empty");
    assertThatThrownBy(() -> config().queryParameter("v", "a\nb")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value of query parameter v has a control character at index 1");
    assertThatThrownBy(() -> config().queryParameter("v", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("value == null");
  }

  @Test
  void statusAndContentUrlsCarryTheQueryParameters() {
    SoraConfig config = config().queryParameter("api-version", "preview").build();
    VideoId id = VideoId.of("video_1");

    assertThat(HttpVideoStatusPort.create(config, new RecordingTransport()).statusUri(id))
        .hasToString("https://my-resource.openai.azure.com/openai/v1/videos/video_1?api-version=preview");
  }

  @Test
  void theContentEndpointCarriesTheQueryParametersAfterTheVariant() {
    SoraConfig config = config().queryParameter("api-version", "preview").build();

    assertThat(HttpVideoContentPort.create(config, new DownloadTransportScript())
        .contentUri(VideoId.of("video_1"), Variant.THUMBNAIL)).hasToString(
            "https://my-resource.openai.azure.com/openai/v1/videos/video_1/content?variant=thumbnail&api-version=preview");
  }
}
