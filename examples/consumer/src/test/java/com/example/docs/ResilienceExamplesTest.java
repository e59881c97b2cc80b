package com.example.docs;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java block of docs/resilience.md: its configuration, then its retry policy run against the fake. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ResilienceExamplesTest {
  @RegisterExtension final FakeVideoApiExtension api = FakeVideoApiExtension.create();

  @Test
  void theConfiguredPolicyRetriesFourTimesWithGrowingBackoff() {
    String apiKey = "sk-proj-0123456789abcdefghij";

    // snippet:start config
    SoraConfig config = SoraConfig.builder()
        .baseUrl("https://api.openai.com/v1")
        .apiKey(apiKey)
        .connectTimeout(Duration.ofSeconds(5))          // opening a connection
        .requestTimeout(Duration.ofSeconds(20))         // one attempt, headers and body
        .retryPolicy(RetryPolicy.builder()
            .maxRetries(4)
            .deadline(Duration.ofSeconds(60))           // the whole call, waits included
            .maxServerDelay(Duration.ofSeconds(30))     // a longer Retry-After fails at once
            .build())                                   // or RetryPolicy.none()
        .build();
    // snippet:end config

    assertThat(config.retryPolicy().maxAttempts()).isEqualTo(5);
    assertThat(config.retryPolicy().deadline()).contains(Duration.ofSeconds(60));
    VideoId id = api.job().serverError(503).times(4).completed().create();
    SoraConfig local = config.toBuilder().baseUrl(api.baseUrl()).apiKey(api.fake().apiKey())
        .clock(api.time()).scheduler(api.time()).build();
    try (var port = SoraClient.over(local, JdkHttpTransport.create(local))) {
      assertThat(port.retrieve(id)).isCompleted();
    }
    assertThat(api.retrievals(id)).isEqualTo(5);
    assertThat(api.time().sleeps()).hasSize(4).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(4)));
    assertThat(api.time().sleeps().get(3)).isGreaterThanOrEqualTo(Duration.ofMillis(3000)); // 4 s less up to 25 %
    assertThat(config.toString()).doesNotContain(apiKey);
  }
}
