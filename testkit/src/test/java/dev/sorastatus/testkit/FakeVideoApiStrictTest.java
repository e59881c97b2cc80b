package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.VideoId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeVideoApiStrictTest {

  @Test
  void unscriptedReadFailsTheTestNamingTheIdThePathAndTheScriptedIds() {
    FakeVideoApi api = FakeVideoApi.builder().strict(true).build();
    api.job().id("video_b").queued().create();
    api.job().id("video_a").queued().create();

    assertThatThrownBy(() -> api.port().retrieve(VideoId.of("video_typo")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("FakeVideoApi (strict mode): GET /v1/videos/video_typo asked for video video_typo, which no "
            + "script defines; scripted ids: [video_a, video_b]");
    assertThat(api.unscriptedCalls()).hasSize(1);
  }

  @Test
  void unscriptedAsyncReadFailsTheFutureWithTheAssertion() {
    FakeVideoApi api = FakeVideoApi.builder().strict(true).build();

    assertThatThrownBy(() -> api.port().retrieveAsync(VideoId.of("video_x")).get())
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(AssertionError.class).hasMessageContaining("scripted ids: none");
  }

  @Test
  void scriptedReadsPassAndLenientModeRecordsNothing() {
    FakeVideoApi strict = FakeVideoApi.builder().strict(true).build();
    VideoId id = strict.job().queued().create();
    strict.port().retrieve(id);
    strict.assertNoUnscriptedCalls();

    FakeVideoApi lenient = FakeVideoApi.create();
    assertThatThrownBy(() -> lenient.port().retrieve(VideoId.of("video_x")))
        .isInstanceOf(dev.sorastatus.VideoNotFoundException.class);
    assertThat(lenient.unscriptedCalls()).isEmpty();
    lenient.assertNoUnscriptedCalls();
    assertThat(lenient.isStrict()).isFalse();
  }

  @Test
  void overHttpAnUnscriptedReadIsNotFoundAndFailsTheTestAfterwards() throws Exception {
    try (FakeVideoApi api = FakeVideoApi.builder().strict(true).build()) {
      api.job().id("video_known").queued().create();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String auth = "Bearer " + FakeVideoApi.DEFAULT_API_KEY;

      HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/videos/video_nope"))
          .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> path = client.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/models"))
          .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("strict mode").contains("video_nope");
      assertThat(path.statusCode()).isEqualTo(404);
      assertThatThrownBy(api::assertNoUnscriptedCalls)
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("2 unscripted calls:")
          .hasMessageContaining("GET /v1/videos/video_nope asked for video video_nope")
          .hasMessageContaining("GET /v1/models is not an endpoint the fake serves")
          .hasMessageContaining("scripted ids: [video_known]");
    }
  }

  @Test
  void longListsOfScriptedIdsAreCut() {
    FakeVideoApi api = FakeVideoApi.builder().strict(true).build();
    for (int i = 0; i < 25; i++) {
      api.job().id(String.format("video_%02d", i)).queued().create();
    }

    assertThatThrownBy(() -> api.port().retrieve(VideoId.of("video_x"))).hasMessageEndingWith("video_19] and 5 more");
  }
}
