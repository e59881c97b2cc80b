package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SoraConfigSecurityTest {
  private static final String KEY = "sk-canary-config-5a4b3c2d1e";

  @ParameterizedTest
  @ValueSource(strings = {"http://api.example.com/v1", "http://10.0.0.5/v1", "http://127.example.com/v1",
      "http://localhost.example.com/v1", "http://[::2]/v1", "HTTP://api.example.com/v1"})
  void plainHttpToAHostThatIsNotLoopbackFailsAtConfigurationTime(String url) {
    assertThatThrownBy(() -> SoraConfig.builder().baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/v1", "http://localhost/v1", "http://[::1]:9/v1", "https://api.example.com/v1"})
  void httpsAnywhereAndPlainHttpOnLoopbackAreAccepted(String url) {
    assertThat(SoraConfig.builder().baseUrl(url).apiKey(KEY).build().baseUrl().toString()).isEqualToIgnoringCase(url);
  }

  @Test
  void credentialsInTheBaseUrlAreRefusedWithoutQuotingThem() {
    assertThatThrownBy(() -> SoraConfig.builder().baseUrl("https://user:" + KEY + "@api.example.com/v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
  }

  @Test
  void configAndItsPartsNeverPrintTheKey() {
    SoraConfig config = SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey(KEY)
        .header("X-Route", "a").clock(Clock.systemUTC()).retryPolicy(RetryPolicy.none()).build();

    assertThat(config.toString()).doesNotContain(KEY).contains("sk-***").contains("RetryPolicy[");
    assertThat(config.apiKey().toString()).doesNotContain(KEY);
    assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
    assertThat(String.valueOf(config.retryPolicy())).doesNotContain(KEY);
  }

  @Test
  void keyWithALineBreakIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> ApiKey.of("sk-abc\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-abc"));
  }

  @Test
  void retrySettingsAreKeptByToBuilder() {
    TaskScheduler scheduler = (d, t) -> () -> false;
    SoraConfig config = SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey(KEY)
        .retryPolicy(RetryPolicy.none()).scheduler(scheduler).build();

    SoraConfig copy = config.toBuilder().build();

    assertThat(copy.retryPolicy()).isEqualTo(RetryPolicy.none());
    assertThat(copy.scheduler()).isSameAs(scheduler);
    assertThatThrownBy(() -> SoraConfig.builder().scheduler(null)).hasMessage("scheduler == null");
    assertThatThrownBy(() -> SoraConfig.builder().retryPolicy(null)).hasMessage("retryPolicy == null");
  }
}
