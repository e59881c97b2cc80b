package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VideoListJsonTest {

  private static VideoPage decode(String json, int limit) {
    return VideoListJson.decode(json.getBytes(StandardCharsets.UTF_8), limit);
  }

  private static String ids(VideoPage page) {
    return page.videos().stream().map(v -> v.id().value()).collect(Collectors.joining(","));
  }

  @Test
  void openAiListCarriesItsCursors() {
    VideoPage page = decode("{\"object\":\"list\",\"data\":[{\"id\":\"video_b\",\"object\":\"video\",\"status\":\"queued\"},"
        + "{\"id\":\"video_a\",\"object\":\"video\",\"status\":\"completed\",\"progress\":100}],"
        + "\"first_id\":\"video_b\",\"last_id\":\"video_a\",\"has_more\":true}", 2);

    assertThat(ids(page)).isEqualTo("video_b,video_a");
    assertThat(page.videos().get(1).status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.lastId()).contains(VideoId.of("video_a"));
  }

  @Test
  void hasMoreFalseEndsTheListingEvenWhenThePageIsFull() {
    VideoPage page = decode("{\"data\":[{\"id\":\"video_a\",\"status\":\"queued\"}],\"has_more\":false}", 1);

    assertThat(page.hasMore()).isFalse();
    assertThat(page.lastId()).contains(VideoId.of("video_a"));
  }

  @Test
  void withoutCursorFieldsTheLastItemIsTheCursorAndAFullPageMeansMore() {
    String json = "{\"object\":\"list\",\"data\":[{\"id\":\"video_b\",\"status\":\"processing\"},"
        + "{\"id\":\"video_a\",\"status\":\"queued\"}]}";

    assertThat(decode(json, 2).hasMore()).isTrue();
    assertThat(decode(json, 2).lastId()).contains(VideoId.of("video_a"));
    assertThat(decode(json, 3).hasMore()).as("a short page is the last").isFalse();
  }

  @Test
  void newApiEnvelopeIsUnwrappedAndTaskIdIsTheJob() {
    VideoPage page = decode("{\"code\":\"success\",\"message\":\"\",\"data\":{\"object\":\"list\",\"data\":["
        + "{\"id\":17,\"task_id\":\"task_x\",\"status\":\"SUCCESS\",\"progress\":\"100%\"}],\"has_more\":true}}", 5);

    assertThat(ids(page)).isEqualTo("task_x");
    assertThat(page.hasMore()).isTrue();
    assertThat(page.lastId()).contains(VideoId.of("task_x"));
  }

  @Test
  void itemsArrayAndBareArrayAreLists() {
    assertThat(ids(decode("{\"items\":[{\"id\":\"video_a\",\"status\":\"queued\"}]}", 20))).isEqualTo("video_a");
    assertThat(ids(decode("[{\"id\":\"video_a\",\"status\":\"queued\"}]", 20))).isEqualTo("video_a");
  }

  @Test
  void emptyListHasNoCursorAndNoMore() {
    VideoPage page = decode("{\"object\":\"list\",\"data\":[],\"has_more\":true,\"first_id\":null,\"last_id\":null}", 20);

    assertThat(page.videos()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertThat(page.lastId()).isEmpty();
  }

  @Test
  void itemsNamingAnyJobAreFine() {
    assertThat(ids(decode("{\"data\":[{\"id\":\"video_1\",\"status\":\"queued\"},{\"id\":\"video_2\",\"status\":\"queued\"}]}",
        20))).isEqualTo("video_1,video_2");
  }

  @Test
  void itemThatNamesItsJobButHasNoStatusYetIsUnknown() {
    VideoPage page = decode("{\"data\":[{\"id\":\"video_1\",\"status\":\"queued\"},{\"id\":\"video_2\"}]}", 20);

    assertThat(page.videos().get(1).status()).isEqualTo(VideoStatus.UNKNOWN);
    assertThat(page.videos().get(1).rawStatus()).isEmpty();
  }

  @Test
  void itemThatIsNotAVideoFailsThePageNamingTheItem() {
    assertThatThrownBy(() -> decode("{\"data\":[{\"status\":\"queued\"}]}", 20))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("data[0] names no job");
    assertThatThrownBy(() -> decode("{\"data\":[\"video_1\"]}", 20))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("data[0] is not a JSON object");
    assertThatThrownBy(() -> decode("{\"data\":[{\"id\":\"a/b\",\"status\":\"queued\"}]}", 20))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("data[0].id is no valid video id: 'a/b'");
  }

  @Test
  void bodyWithoutAListIsMalformed() {
    assertThatThrownBy(() -> decode("{\"code\":\"error\",\"message\":\"busy\",\"data\":null}", 20))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("no list of videos");
    assertThatThrownBy(() -> decode("{\"data\":[{\"id\":\"video_1\",\"status\":\"queued\"}", 20))
        .isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> decode("\"list\"", 20)).isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> decode("", 20)).isInstanceOf(JsonFormatException.class);
  }

  @Test
  void invalidLastIdIsMalformed() {
    assertThatThrownBy(() -> decode("{\"data\":[],\"last_id\":\"../x\",\"has_more\":true}", 20))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("last_id");
  }
}
