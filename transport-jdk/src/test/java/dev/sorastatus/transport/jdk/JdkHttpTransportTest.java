package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.testkit.WireMockBackend;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdkHttpTransportTest {
  private WireMockBackend server;
  private SoraConfig config;

  @BeforeEach
  void start() {
    server = WireMockBackend.start();
    config = SoraConfig.builder().baseUrl(server.baseUrl()).apiKey("sk-canary-jdk-0123456789").build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void callersClientIsUsedAndStillWorksAfterTheAdapterCloses() {
    VideoId id = VideoId.of("video_owned_1");
    server.serve(Video.builder(id, VideoStatus.QUEUED).build());
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    SoraClient adapter = JdkClients.create(config, client);
    assertThat(adapter.retrieve(id).status()).isEqualTo(VideoStatus.QUEUED);
    adapter.close();

    SoraClient again = JdkClients.create(config, client);
    assertThat(again.retrieve(id).status()).isEqualTo(VideoStatus.QUEUED);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void clientThatFollowsRedirectsIsRefused() {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    assertThatThrownBy(() -> JdkClients.create(config, client))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("followRedirects(HttpClient.Redirect.NEVER)");
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> JdkClients.create(null)).hasMessage("config == null");
    assertThatThrownBy(() -> JdkClients.create(config, null)).hasMessage("client == null");
  }

  @Test
  void toStringShowsTheBaseUrlButNeverTheKey() {
    try (SoraClient adapter = JdkClients.create(config)) {
      assertThat(adapter.toString()).contains(server.baseUrl().toString()).doesNotContain("sk-canary-jdk");
    }
  }
}
