package dev.sorastatus.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.testkit.WireMockBackend;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApacheHttpTransportTest {
  private WireMockBackend server;
  private SoraConfig config;

  @BeforeEach
  void start() {
    server = WireMockBackend.start();
    config = SoraConfig.builder().baseUrl(server.baseUrl()).apiKey("sk-canary-apache-0123456789").build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void callersClientIsUsedForBlockingAndAsyncCallsAndNeverClosed() throws Exception {
    VideoId id = VideoId.of("video_owned_1");
    server.serve(Video.builder(id, VideoStatus.PROCESSING).progress(7).build());
    try (CloseableHttpClient classic = HttpClients.custom().disableAutomaticRetries().disableRedirectHandling().build()) {

      SoraClient client = SoraClient.over(config, ApacheHttpTransport.create(config, classic));
      assertThat(client.retrieve(id).progress()).isEqualTo(7);
      assertThat(client.retrieveAsync(id).get(10, TimeUnit.SECONDS).progress()).isEqualTo(7);
      client.close();

      SoraClient again = SoraClient.over(config, ApacheHttpTransport.create(config, classic));
      assertThat(again.retrieve(id).progress()).isEqualTo(7);
      again.close();
    }
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> ApacheHttpTransport.create(null)).hasMessage("config == null");
    assertThatThrownBy(() -> ApacheHttpTransport.create(config, null)).hasMessage("client == null");
  }

  @Test
  void aClosedTransportStartsNoExchange() {
    ApacheHttpTransport transport = ApacheHttpTransport.create(config);
    transport.close();
    transport.close();

    assertThatThrownBy(() -> transport.exchange(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> transport.exchange(new dev.sorastatus.spi.TransportRequest("GET", server.baseUrl(),
        java.util.Map.of(), java.time.Duration.ofSeconds(1)))).isInstanceOf(IllegalStateException.class);
    assertThat(transport).hasToString("ApacheHttpTransport[own client, closed]");
  }

  @Test
  void toStringShowsTheBaseUrlButNeverTheKey() {
    try (SoraClient client = ApacheClients.create(config)) {
      assertThat(client.toString()).contains(server.baseUrl().toString()).doesNotContain("sk-canary-apache");
    }
  }
}
