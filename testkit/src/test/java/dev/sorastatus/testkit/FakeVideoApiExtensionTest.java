package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.SoraApiException;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeVideoApiExtensionTest {
  @RegisterExtension
  static final FakeVideoApiExtension api = FakeVideoApiExtension.create();

  private static VideoId firstTestsJob;
  private static URI firstTestsServer;

  @Test
  @Order(1)
  void firstTestScriptsAJobStartsTheServerAndMovesTime() {
    firstTestsJob = api.job().queued().create();
    api.port().retrieve(firstTestsJob);
    firstTestsServer = api.baseUrl();
    api.time().advance(Duration.ofHours(1));

    assertThat(api.retrievals(firstTestsJob)).isEqualTo(1);
    assertThat(api.journal()).hasSize(1);
  }

  @Test
  @Order(2)
  void nextTestGetsAFreshFakeWithFreshTimeAndTheOldServerStopped() {
    assertThat(api.retrievals(firstTestsJob)).isZero();
    assertThat(api.time().elapsed()).isZero();
    assertThatThrownBy(() -> api.port().retrieve(firstTestsJob)).isInstanceOf(VideoNotFoundException.class);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(firstTestsServer + "/videos/x"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  @Order(3)
  void injectsTheRunningTestsFakeAndTime(FakeVideoApi fake, VirtualTime time) {
    assertThat(fake).isSameAs(api.fake());
    assertThat(time).isSameAs(api.time()).isSameAs(fake.time());
  }

  @Test
  void strictExtensionFailsTheTestAfterAnUnscriptedReadOverHttp() throws Exception {
    FakeVideoApiExtension strict = FakeVideoApiExtension.create().strict();
    strict.beforeEach(null);
    strict.job().id("video_scripted").queued().create();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(strict.baseUrl() + "/videos/video_unscripted"))
        .header("Authorization", "Bearer " + FakeVideoApi.DEFAULT_API_KEY).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    FakeVideoApi fake = strict.fake();

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThatThrownBy(strict::finish)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /v1/videos/video_unscripted asked for video video_unscripted")
        .hasMessageContaining("[video_scripted]");
    assertThatThrownBy(fake::baseUrl).isInstanceOf(IllegalStateException.class); // closed all the same
    assertThatThrownBy(strict::fake).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsReachEveryFakeItMakes() {
    Faults faults = Faults.builder().serverErrors(100).build();
    FakeVideoApiExtension custom = FakeVideoApiExtension.create()
        .dialect(Dialect.NEW_API).seed(5).apiKey("sk-other-key-12345678").faults(faults);
    custom.beforeEach(null);
    try {
      FakeVideoApi fake = custom.fake();
      assertThat(fake.dialect()).isEqualTo(Dialect.NEW_API);
      assertThat(fake.apiKey().reveal()).isEqualTo("sk-other-key-12345678");
      assertThat(fake.isStrict()).isFalse();
      assertThat(fake.job().queued().create()).isEqualTo(FakeVideoApi.builder().seed(5).build().job().queued().create());
      assertThatThrownBy(() -> fake.port().retrieve(fake.job().queued().create()))
          .isInstanceOf(SoraApiException.class);
    } finally {
      custom.finish();
    }
    assertThat(custom.toString()).doesNotContain("other-key");
  }

  @Test
  void outsideATestItSaysHowToUseIt() {
    FakeVideoApiExtension idle = FakeVideoApiExtension.create();

    assertThatThrownBy(idle::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("@RegisterExtension");
    idle.finish(); // nothing to close
    assertThatThrownBy(() -> idle.apiKey("has space")).isInstanceOf(IllegalArgumentException.class);
  }
}
