package dev.sorastatus;

import static dev.sorastatus.ScriptedTransport.response;
import static dev.sorastatus.ScriptedTransport.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpVideoStatusPortListTest {
  private final TestTime time = TestTime.at("2026-11-28T12:00:00Z");
  private final ScriptedTransport transport = new ScriptedTransport();

  private HttpVideoStatusPort port(RetryPolicy policy) {
    return HttpVideoStatusPort.create(SoraConfig.builder()
        .baseUrl("https://api.example.com/v1")
        .apiKey("sk-canary-list-0000000000000")
        .queryParameter("api-version", "preview")
        .clock(time)
        .scheduler(time.scheduler())
        .retryPolicy(policy)
        .build(), transport);
  }

  private static TransportResponse page(String lastId, boolean hasMore, String... ids) {
    StringBuilder items = new StringBuilder();
    for (String id : ids) {
      items.append(items.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"status\":\"queued\"}");
    }
    return response(200, "{\"object\":\"list\",\"data\":[" + items + "],\"has_more\":" + hasMore
        + (lastId == null ? "" : ",\"last_id\":\"" + lastId + "\"") + "}");
  }

  @Test
  void queryIsSentAsLimitOrderAfterThenTheConfiguredParameters() {
    transport.then(page(null, false));

    port(RetryPolicy.none()).list(VideoListQuery.defaults().withLimit(5).withOrder("ASC").withAfter(VideoId.of("video_9")));

    assertThat(transport.requests().get(0).uri().toString())
        .isEqualTo("https://api.example.com/v1/videos?limit=5&order=asc&after=video_9&api-version=preview");
    assertThat(transport.requests().get(0).method()).isEqualTo("GET");
  }

  @Test
  void pagesAreReadOnlyWhenAskedForAndFollowTheCursor() {
    transport.then(page("video_2", true, "video_1", "video_2")).then(page(null, false, "video_3"));
    Iterator<VideoPage> pages = port(RetryPolicy.none()).listPages(VideoListQuery.defaults().withLimit(2));

    assertThat(pages.hasNext()).isTrue();
    assertThat(transport.requests()).isEmpty();
    assertThat(pages.next().videos()).hasSize(2);
    assertThat(pages.hasNext()).isTrue();
    assertThat(transport.requests()).hasSize(1);
    assertThat(pages.next().videos()).extracting(v -> v.id().value()).containsExactly("video_3");
    assertThat(pages.hasNext()).isFalse();
    assertThat(transport.requests()).hasSize(2);
    assertThat(transport.requests().get(1).uri().getQuery()).contains("after=video_2");
    assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void serverThatIgnoresTheCursorIsMalformedRatherThanEndless() {
    transport.then(page("video_2", true, "video_1", "video_2"));
    Iterator<VideoPage> pages = port(RetryPolicy.none()).listPages(VideoListQuery.defaults().withLimit(2));
    pages.next();

    assertThatThrownBy(pages::next).isInstanceOf(MalformedResponseException.class).hasMessageContaining("ignores 'after'");
  }

  @Test
  void rateLimitIsRetriedAsARetrieveIs() throws Exception {
    transport.then(status(429, "retry-after-ms", "1500")).then(page(null, false, "video_1"));

    VideoPage page = port(RetryPolicy.builder().jitter(0).build()).list(VideoListQuery.defaults());

    assertThat(page.videos()).hasSize(1);
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void asyncListRetriesToo() throws Exception {
    transport.then(status(503)).then(page(null, false, "video_1"));

    VideoPage page = port(RetryPolicy.builder().jitter(0).build()).listAsync(VideoListQuery.defaults())
        .get(10, TimeUnit.SECONDS);

    assertThat(page.videos()).hasSize(1);
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void notFoundWithoutCursorIsAnApiErrorAndWithCursorNamesTheJob() {
    transport.then(status(404));
    Throwable plain = catchThrowable(() -> port(RetryPolicy.none()).list(VideoListQuery.defaults()));
    Throwable after = catchThrowable(() -> port(RetryPolicy.none())
        .list(VideoListQuery.defaults().withAfter(VideoId.of("video_gone"))));

    assertThat(plain).isExactlyInstanceOf(SoraApiException.class)
        .satisfies(e -> assertThat(((SoraApiException) e).kind()).isEqualTo(SoraApiException.Kind.REJECTED));
    assertThat(after).isInstanceOfSatisfying(VideoNotFoundException.class,
        e -> assertThat(e.videoId()).isEqualTo(VideoId.of("video_gone")));
  }

  @Test
  void malformedPageIsAMalformedResponseInBothModes() {
    transport.then(response(200, "{\"data\":[\"video_1\"]}"));
    HttpVideoStatusPort port = port(RetryPolicy.none());

    assertThat(catchThrowable(() -> port.list(VideoListQuery.defaults())))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("is not a list of videos: data[0] is not a JSON object");
    assertThat(catchThrowable(() -> port.listAsync(VideoListQuery.defaults()).get(10, TimeUnit.SECONDS)))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void queryRejectsBadValuesBeforeAnyRequest() {
    assertThatThrownBy(() -> VideoListQuery.defaults().withLimit(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit must be 1..100");
    assertThatThrownBy(() -> VideoListQuery.defaults().withLimit(101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VideoListQuery.defaults().withOrder("newest")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asc or desc");
    assertThatThrownBy(() -> port(RetryPolicy.none()).list(null)).isInstanceOf(NullPointerException.class);
    assertThat(transport.requests()).isEmpty();
  }

  @Test
  void portsThatCannotListSaySo() {
    VideoStatusPort readOnly = new ScriptedPort(time);

    assertThatThrownBy(() -> readOnly.list(VideoListQuery.defaults())).isInstanceOf(UnsupportedOperationException.class);
    assertThat(readOnly.listAsync(VideoListQuery.defaults())).isCompletedExceptionally();
  }
}
