package dev.sorastatus.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.testkit.WireMockBackend;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApacheVideoStatusAdapterTest {
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
  void callersClientsAreUsedAndNeverClosed() throws Exception {
    VideoId id = VideoId.of("video_owned_1");
    server.serve(Video.builder(id, VideoStatus.PROCESSING).progress(7).build());
    try (CloseableHttpClient classic = HttpClients.custom().disableAutomaticRetries().disableRedirectHandling().build();
        CloseableHttpAsyncClient async = HttpAsyncClients.custom().disableAutomaticRetries().disableRedirectHandling().build()) {

      ApacheVideoStatusAdapter adapter = ApacheVideoStatusAdapter.create(config, classic, async);
      assertThat(adapter.retrieve(id).progress()).isEqualTo(7);
      assertThat(adapter.retrieveAsync(id).get(10, TimeUnit.SECONDS).progress()).isEqualTo(7);
      adapter.close();

      assertThat(async.getStatus()).isNotIn(IOReactorStatus.SHUTTING_DOWN, IOReactorStatus.SHUT_DOWN);
      ApacheVideoStatusAdapter again = ApacheVideoStatusAdapter.create(config, classic, async);
      assertThat(again.retrieve(id).progress()).isEqualTo(7);
    }
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void asyncClientThatWasShutDownIsRefused() throws Exception {
    try (CloseableHttpClient classic = HttpClients.createDefault()) {
      CloseableHttpAsyncClient async = HttpAsyncClients.createDefault();
      async.start();
      async.close();
      assertThatThrownBy(() -> ApacheVideoStatusAdapter.create(config, classic, async))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SHUT");
    }
  }

  @Test
  void blockingOnlyUseStartsNoAsyncClient() {
    VideoId id = VideoId.of("video_lazy_1");
    server.serve(Video.builder(id, VideoStatus.QUEUED).build());
    long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains("httpclient-dispatch")).count();
    try (ApacheVideoStatusAdapter adapter = ApacheVideoStatusAdapter.create(config)) {
      adapter.retrieve(id);
      long during = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains("httpclient-dispatch")).count();
      assertThat(during).isEqualTo(before);
    }
  }

  @Test
  void toStringShowsTheBaseUrlButNeverTheKey() {
    try (ApacheVideoStatusAdapter adapter = ApacheVideoStatusAdapter.create(config)) {
      assertThat(adapter.toString()).contains(server.baseUrl().toString()).doesNotContain("sk-canary-apache");
    }
  }
}
