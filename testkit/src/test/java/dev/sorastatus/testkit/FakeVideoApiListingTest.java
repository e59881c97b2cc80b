package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.VideoId;
import dev.sorastatus.VideoListQuery;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoPage;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's listing: order, page size, cursors and each dialect's shape, in memory and over HTTP. */
class FakeVideoApiListingTest {
  private static final String AUTH = "Bearer " + FakeVideoApi.DEFAULT_API_KEY;
  private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private FakeVideoApi api;

  @AfterEach
  void close() {
    if (api != null) {
      api.close();
    }
  }

  /** A fake with jobs video_0 (oldest) .. video_{n-1} (newest), created a minute apart. */
  private FakeVideoApi fakeWith(Dialect dialect, int n) {
    api = FakeVideoApi.builder().dialect(dialect).build();
    for (int i = 0; i < n; i++) {
      api.job().id("video_" + i).createdAt(T0.plusSeconds(60L * i)).processing(i % 100).create();
    }
    return api;
  }

  private String get(int expectedStatus, String pathAndQuery) throws Exception {
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + pathAndQuery))
        .header("Authorization", AUTH).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as("status of %s", pathAndQuery).isEqualTo(expectedStatus);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static List<String> ids(VideoPage page) {
    List<String> ids = new ArrayList<>();
    page.videos().forEach(v -> ids.add(v.id().value()));
    return ids;
  }

  @Test
  void newestFirstByDefaultAndOldestFirstWithOrderAsc() {
    fakeWith(Dialect.OPENAI, 3);

    assertThat(ids(api.port().list(VideoListQuery.defaults()))).containsExactly("video_2", "video_1", "video_0");
    assertThat(ids(api.port().list(VideoListQuery.defaults().withOrder("asc"))))
        .containsExactly("video_0", "video_1", "video_2");
    assertThat(ids(api.port().list(VideoListQuery.defaults().withOrder("asc").withAfter(VideoId.of("video_0")))))
        .containsExactly("video_1", "video_2");
  }

  @Test
  void pagesOfTwentyFollowTheCursorToTheEndInEveryDialect() {
    for (Dialect dialect : Dialect.values()) {
      fakeWith(dialect, 45);
      Iterator<VideoPage> pages = api.port().listPages(VideoListQuery.defaults());
      List<Integer> sizes = new ArrayList<>();
      List<String> all = new ArrayList<>();
      while (pages.hasNext()) {
        VideoPage page = pages.next();
        sizes.add(page.videos().size());
        all.addAll(ids(page));
      }

      assertThat(sizes).as("%s", dialect).containsExactly(20, 20, 5);
      assertThat(all).as("%s", dialect).hasSize(45).doesNotHaveDuplicates().startsWith("video_44").endsWith("video_0");
      assertThat(api.journal()).extracting(RecordedRequest::query)
          .containsExactly("limit=20", "limit=20&after=video_25", "limit=20&after=video_5");
    }
  }

  @Test
  void listingShowsAJobAsAReadWouldWithoutMovingItsScript() {
    api = FakeVideoApi.create();
    VideoId id = api.job().queued().processing(50).completed().create();
    api.port().retrieve(id);
    api.port().retrieve(id);

    assertThat(api.port().list(VideoListQuery.defaults()).videos()).singleElement()
        .satisfies(v -> assertThat(v.progress()).isEqualTo(50));
    assertThat(api.port().retrieve(id).status()).isEqualTo(VideoStatus.COMPLETED);
  }

  @Test
  void jobsWithoutAStateAreNotListed() {
    api = FakeVideoApi.create();
    api.notFound(VideoId.of("video_gone"));
    api.unauthorized(VideoId.of("video_locked"));

    assertThat(api.port().list(VideoListQuery.defaults()).videos()).isEmpty();
  }

  @Test
  void openAiListingCarriesBothCursors() throws Exception {
    fakeWith(Dialect.OPENAI, 3);

    assertThat(get(200, "/videos?limit=2")).startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"video_2\"")
        .contains("\"first_id\":\"video_2\",\"last_id\":\"video_1\",\"has_more\":true}");
  }

  @Test
  void gatewayListingHasNoCursorFields() throws Exception {
    fakeWith(Dialect.GATEWAY, 3);

    assertThat(get(200, "/videos?limit=2")).startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"video_2\"")
        .doesNotContain("first_id").doesNotContain("last_id").endsWith("],\"has_more\":true}");
  }

  @Test
  void newApiListingIsInItsEnvelope() throws Exception {
    fakeWith(Dialect.NEW_API, 1);

    assertThat(get(200, "/videos")).startsWith("{\"code\":\"success\",\"message\":\"\",\"data\":{\"object\":\"list\","
        + "\"data\":[{\"id\":1,\"task_id\":\"video_0\"").endsWith("],\"has_more\":false}}");
  }

  @Test
  void badLimitOrOrderIsA400InTheDialectsErrorShape() throws Exception {
    fakeWith(Dialect.OPENAI, 1);
    assertThat(get(400, "/videos?limit=101")).contains("\"code\":\"invalid_value\"").contains("1 to 100");
    assertThat(get(400, "/videos?limit=0")).contains("\"error\":{");
    assertThat(get(400, "/videos?limit=x")).contains("'x'");
    assertThat(get(400, "/videos?order=newest")).contains("asc, desc");
    api.close();

    fakeWith(Dialect.NEW_API, 1);
    assertThat(get(400, "/videos?limit=500")).startsWith("{\"code\":\"invalid_value\",\"message\":");
  }

  @Test
  void unknownCursorIsAnsweredAsAnUnknownJob() throws Exception {
    fakeWith(Dialect.OPENAI, 1);
    assertThat(get(404, "/videos?after=video_nope")).contains("video_not_found");
    assertThatThrownBy(() -> api.port().list(VideoListQuery.defaults().withAfter(VideoId.of("video_nope"))))
        .isInstanceOfSatisfying(VideoNotFoundException.class,
            e -> assertThat(e.videoId()).isEqualTo(VideoId.of("video_nope")));
    api.close();

    fakeWith(Dialect.GATEWAY, 1);
    assertThat(get(400, "/videos?after=video_nope")).contains("task_not_exist");
  }

  @Test
  void rateLimitThenSuccessIsRetriedByTheFakesOwnClient() {
    fakeWith(Dialect.GATEWAY, 2);
    api.failList(429, 1);

    VideoPage page = api.runBlocking(() -> api.port().list(VideoListQuery.defaults()));

    assertThat(ids(page)).containsExactly("video_1", "video_0");
    assertThat(api.journal()).extracting(RecordedRequest::statusCode).containsExactly(429, 200);
  }

  @Test
  void refusedKeyAndServerErrorsAreTypedOverHttpToo() throws Exception {
    fakeWith(Dialect.NEW_API, 1);
    api.failList(401, 1);
    api.failList(503, 1);

    assertThat(get(401, "/videos")).contains("invalid_api_key");
    assertThat(get(503, "/videos")).contains("server_error");
    assertThat(get(200, "/videos")).contains("video_0");
    assertThatThrownBy(() -> api.failList(404, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> api.malformedList(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedListingIsCutOffJson() throws Exception {
    fakeWith(Dialect.OPENAI, 1);
    api.malformedList(1);

    assertThat(get(200, "/videos")).startsWith("{\"object\":\"list\",\"data\":[{").doesNotEndWith("}");
  }
}
