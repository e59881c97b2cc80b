package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoraConfigEnvironmentTest {
  private static final String KEY = "sk-canary-env-0123456789";

  @Test
  void soraVariablesAreReadFirst() {
    Map<String, String> env = Map.of(
        "SORA_BASE_URL", "https://gateway.example.com/v1/", "SORA_API_KEY", KEY,
        "OPENAI_BASE_URL", "https://api.openai.com/v1", "OPENAI_API_KEY", "sk-other-0123456789");

    SoraConfig config = SoraConfig.fromEnvironment(env::get).build();

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://gateway.example.com/v1"));
    assertThat(config.apiKey().reveal()).isEqualTo(KEY);
  }

  @Test
  void openAiVariablesAreTheFallback() {
    Map<String, String> env = Map.of("OPENAI_BASE_URL", "https://api.openai.com/v1", "OPENAI_API_KEY", KEY,
        "SORA_API_KEY", "  ");

    SoraConfig config = SoraConfig.fromEnvironment(env::get).build();

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(config.apiKey().reveal()).isEqualTo(KEY);
  }

  @Test
  void missingKeyNamesBothVariables() {
    Map<String, String> env = Map.of("SORA_BASE_URL", "https://gateway.example.com/v1");

    assertThatThrownBy(() -> SoraConfig.fromEnvironment(env::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("No API key: set SORA_API_KEY (or OPENAI_API_KEY)");
  }

  @Test
  void missingBaseUrlNamesBothVariables() {
    Map<String, String> env = Map.of("SORA_API_KEY", KEY);

    assertThatThrownBy(() -> SoraConfig.fromEnvironment(env::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SORA_BASE_URL").hasMessageContaining("OPENAI_BASE_URL")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void invalidValuesAreNamedWithoutQuotingTheKey() {
    Map<String, String> plainHttp = Map.of("SORA_BASE_URL", "http://gateway.example.com/v1", "SORA_API_KEY", KEY);
    Map<String, String> badKey = Map.of("SORA_BASE_URL", "https://gateway.example.com/v1", "SORA_API_KEY", "sk-canary env");

    assertThatThrownBy(() -> SoraConfig.fromEnvironment(plainHttp::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> SoraConfig.fromEnvironment(badKey::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("sk-canary");
  }
}
