package dev.sorastatus.transport.apache;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.testkit.WireMockBackend;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApacheLeakTest {
  private static final int POOL = 4;

  private WireMockBackend server;
  private ApacheHttpTransport transport;

  @BeforeEach
  void start() {
    server = WireMockBackend.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void stub(String id, ResponseDefinitionBuilder response) {
    server.server().stubFor(any(urlPathEqualTo("/v1/videos/" + id)).willReturn(response));
  }

  private SoraClient adapter() {
    SoraConfig config = SoraConfig.builder()
        .baseUrl(server.baseUrl())
        .apiKey("sk-canary-leak-11223344556677")
        .requestTimeout(Duration.ofSeconds(5))
        .maxResponseBytes(16 * 1024)
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .scheduler((d, task) -> {
          task.run();
          return () -> false;
        })
        .build();
    transport = ApacheHttpTransport.create(config, POOL, Duration.ofMillis(500));
    return SoraClient.over(config, transport);
  }

  private static Object read(SoraClient adapter, String id, boolean async) {
    try {
      return async ? adapter.retrieveAsync(VideoId.of(id)).get(20, TimeUnit.SECONDS) : adapter.retrieve(VideoId.of(id));
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  /** Waits, bounded, for async exchanges to hand their connections back after their futures completed. */
  private int leasedAfterSettling(SoraClient adapter) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int leased = transport.leasedConnections();
    while (leased > 0 && System.nanoTime() < end) {
      Thread.onSpinWait();
      leased = transport.leasedConnections();
    }
    return leased;
  }

  @Test
  void noPooledConnectionStaysLeasedAfterThreeTimesThePoolOfMixedFailures() {
    Map<String, ResponseDefinitionBuilder> failing = new LinkedHashMap<>();
    failing.put("video_404", aResponse().withStatus(404).withBody("{\"error\":{\"message\":\"gone\"}}"));
    failing.put("video_503", aResponse().withStatus(503).withBody("<html>" + "busy ".repeat(500) + "</html>"));
    failing.put("video_bad", aResponse().withStatus(200).withBody("{\"id\":"));
    failing.put("video_html", aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<p>hi</p>"));
    failing.put("video_big", aResponse().withStatus(200).withBody("x".repeat(64 * 1024)));
    failing.put("video_big_chunked", aResponse().withStatus(200).withBody(new byte[64 * 1024]).withChunkedDribbleDelay(8, 40));
    failing.put("video_302", aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example.net/"));
    failing.put("video_reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    failing.put("video_empty", aResponse().withFault(Fault.EMPTY_RESPONSE));
    failing.put("video_junk", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
    failing.forEach(this::stub);
    server.serve(Video.builder(VideoId.of("video_ok"), VideoStatus.QUEUED).build());

    try (SoraClient adapter = adapter()) {
      for (int round = 0; round < 3 * POOL; round++) {
        for (String id : failing.keySet()) {
          assertThat(read(adapter, id, round % 2 == 1)).as("%s round %d", id, round).isInstanceOf(SoraException.class);
        }
        assertThat(leasedAfterSettling(adapter)).as("leased connections after round %d", round).isZero();
      }

      assertThat(leasedAfterSettling(adapter)).as("leased connections after the failures").isZero();
      for (int i = 0; i < 2 * POOL; i++) {
        assertThat(read(adapter, "video_ok", i % 2 == 1)).isInstanceOf(Video.class);
      }
      assertThat(leasedAfterSettling(adapter)).isZero();
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailWithIllegalState() {
    SoraClient adapter = adapter();
    server.serve(Video.builder(VideoId.of("video_ok"), VideoStatus.QUEUED).build());
    assertThat(read(adapter, "video_ok", true)).isInstanceOf(Video.class);

    adapter.close();
    adapter.close();

    assertThatThrownBy(() -> adapter.retrieve(VideoId.of("video_ok"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> adapter.retrieveAsync(VideoId.of("video_ok"))).isInstanceOf(IllegalStateException.class);
    assertThat(transport.leasedConnections()).isZero();
  }
}
