package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoTest {
  private static final VideoId ID = VideoId.of("video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5");
  private static final Instant CREATED = Instant.parse("2025-09-27T02:51:25Z");
  private static final Instant COMPLETED = Instant.parse("2025-09-27T02:53:32Z");
  private static final Instant EXPIRES = Instant.parse("2025-09-28T02:51:25Z");

  private static Video everything() {
    return Video.builder(ID, VideoStatus.FAILED)
        .rawStatus("FAILURE")
        .progress(42)
        .createdAt(CREATED)
        .completedAt(COMPLETED)
        .expiresAt(EXPIRES)
        .error(VideoError.of("moderation_blocked", "Blocked by moderation."))
        .model("sora-2-pro")
        .downloadUrl(URI.create("https://cdn.example.com/v.mp4"))
        .remixedFromVideoId(VideoId.of("video_source"))
        .size("1792x1024")
        .seconds(12)
        .prompt("A calico cat playing a grand piano")
        .pollAfter(Duration.ofMillis(2500))
        .build();
  }

  @Test
  void builderSetsEveryComponent() {
    Video v = everything();

    assertThat(v.id()).isEqualTo(ID);
    assertThat(v.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(v.rawStatus()).isEqualTo("FAILURE");
    assertThat(v.progress()).isEqualTo(42);
    assertThat(v.createdAt()).contains(CREATED);
    assertThat(v.completedAt()).contains(COMPLETED);
    assertThat(v.expiresAt()).contains(EXPIRES);
    assertThat(v.error()).contains(new VideoError(Optional.of("moderation_blocked"), "Blocked by moderation."));
    assertThat(v.model()).contains("sora-2-pro");
    assertThat(v.downloadUrl()).contains(URI.create("https://cdn.example.com/v.mp4"));
    assertThat(v.remixedFromVideoId()).contains(VideoId.of("video_source"));
    assertThat(v.size()).contains("1792x1024");
    assertThat(v.seconds()).hasValue(12);
    assertThat(v.prompt()).contains("A calico cat playing a grand piano");
    assertThat(v.pollAfter()).contains(Duration.ofMillis(2500));
  }

  @Test
  void toBuilderRoundTripsEveryComponent() {
    Video original = everything();

    assertThat(original.toBuilder().build()).isEqualTo(original);
  }

  @Test
  void toBuilderDerivesAChangedCopyAndLeavesTheOriginalAlone() {
    Video original = everything();

    Video changed = original.toBuilder().model("sora-2").pollAfter(Duration.ofSeconds(9)).build();

    assertThat(changed.model()).contains("sora-2");
    assertThat(changed.pollAfter()).contains(Duration.ofSeconds(9));
    assertThat(changed.rawStatus()).isEqualTo("FAILURE");
    assertThat(original.model()).contains("sora-2-pro");
    assertThat(original.pollAfter()).contains(Duration.ofMillis(2500));
  }

  @Test
  void builderDefaultsAreAbsentValuesAndZeroProgress() {
    Video v = Video.builder(ID, VideoStatus.PROCESSING).build();

    assertThat(v).isEqualTo(new Video(ID, VideoStatus.PROCESSING, "processing", 0, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()));
    assertThat(v.isTerminal()).isFalse();
  }

  @Test
  void settingTheStatusResetsTheRawStatusToItsLowerCaseName() {
    Video v = Video.builder(ID, VideoStatus.QUEUED).rawStatus("NOT_START").status(VideoStatus.FAILED).build();

    assertThat(v.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(v.rawStatus()).isEqualTo("failed");
    assertThat(v.isTerminal()).isTrue();
  }

  @Test
  void unknownStatusKeepsTheRawStringGiven() {
    Video v = Video.builder(ID, VideoStatus.UNKNOWN).rawStatus("archived").build();

    assertThat(v.rawStatus()).isEqualTo("archived");
    assertThat(v.isTerminal()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 50, 99, 100})
  void progressFromZeroToOneHundredIsKept(int progress) {
    assertThat(Video.builder(ID, VideoStatus.PROCESSING).progress(progress).build().progress()).isEqualTo(progress);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void progressOutsideZeroToOneHundredIsRejectedByTheBuilder(int progress) {
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.PROCESSING).progress(progress))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("progress must be 0..100 but was " + progress);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 101})
  void progressOutsideZeroToOneHundredIsRejectedByTheConstructor(int progress) {
    assertThatThrownBy(() -> new Video(ID, VideoStatus.PROCESSING, "processing", progress, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("progress must be 0..100 but was " + progress);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 40, 99})
  void completedForcesProgressToOneHundred(int reported) {
    assertThat(Video.builder(ID, VideoStatus.COMPLETED).progress(reported).build().progress()).isEqualTo(100);
    assertThat(Video.builder(ID, VideoStatus.COMPLETED).build().progress()).isEqualTo(100);
  }

  @Test
  void failedKeepsTheProgressItReached() {
    assertThat(Video.builder(ID, VideoStatus.FAILED).progress(37).build().progress()).isEqualTo(37);
  }

  @Test
  void isExpiredIsFalseBeforeExpiryAndTrueFromTheInstantItself() {
    Video v = Video.builder(ID, VideoStatus.COMPLETED).expiresAt(EXPIRES).build();

    assertThat(v.isExpired(EXPIRES.minusNanos(1))).isFalse();
    assertThat(v.isExpired(EXPIRES)).isTrue();
    assertThat(v.isExpired(EXPIRES.plusNanos(1))).isTrue();
    assertThat(v.isExpired(Instant.EPOCH)).isFalse();
  }

  @Test
  void videoWithoutExpiryNeverExpires() {
    Video v = Video.builder(ID, VideoStatus.COMPLETED).build();

    assertThat(v.isExpired(Instant.MAX)).isFalse();
  }

  @Test
  void isExpiredRefusesNull() {
    Video v = Video.builder(ID, VideoStatus.COMPLETED).build();

    assertThatThrownBy(() -> v.isExpired(null)).isInstanceOf(NullPointerException.class).hasMessage("now == null");
  }

  static Stream<Arguments> nullSetters() {
    return Stream.of(
        Arguments.of("rawStatus", (Consumer<Video.Builder>) b -> b.rawStatus(null)),
        Arguments.of("status", (Consumer<Video.Builder>) b -> b.status(null)),
        Arguments.of("createdAt", (Consumer<Video.Builder>) b -> b.createdAt(null)),
        Arguments.of("completedAt", (Consumer<Video.Builder>) b -> b.completedAt(null)),
        Arguments.of("expiresAt", (Consumer<Video.Builder>) b -> b.expiresAt(null)),
        Arguments.of("error", (Consumer<Video.Builder>) b -> b.error(null)),
        Arguments.of("model", (Consumer<Video.Builder>) b -> b.model(null)),
        Arguments.of("downloadUrl", (Consumer<Video.Builder>) b -> b.downloadUrl((URI) null)),
        Arguments.of("downloadUrl", (Consumer<Video.Builder>) b -> b.downloadUrl((String) null)),
        Arguments.of("remixedFromVideoId", (Consumer<Video.Builder>) b -> b.remixedFromVideoId(null)),
        Arguments.of("size", (Consumer<Video.Builder>) b -> b.size(null)),
        Arguments.of("prompt", (Consumer<Video.Builder>) b -> b.prompt(null)),
        Arguments.of("pollAfter", (Consumer<Video.Builder>) b -> b.pollAfter(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullSetters")
  void builderRefusesNullNamingTheSetting(String name, Consumer<Video.Builder> setter) {
    Video.Builder b = Video.builder(ID, VideoStatus.QUEUED);

    assertThatThrownBy(() -> setter.accept(b))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(name + " == null");
  }

  @Test
  void builderRefusesANullIdOrStatus() {
    assertThatThrownBy(() -> Video.builder(null, VideoStatus.QUEUED))
        .isInstanceOf(NullPointerException.class).hasMessage("id == null");
    assertThatThrownBy(() -> Video.builder(ID, null))
        .isInstanceOf(NullPointerException.class).hasMessage("status == null");
  }

  @Test
  void constructorRefusesEveryNullComponent() {
    Optional<Instant> none = Optional.empty();
    assertThatThrownBy(() -> new Video(ID, VideoStatus.QUEUED, "queued", 0, null, none, none, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("createdAt == null");
    assertThatThrownBy(() -> new Video(ID, VideoStatus.QUEUED, null, 0, none, none, none, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("rawStatus == null");
    assertThatThrownBy(() -> new Video(ID, VideoStatus.QUEUED, "queued", 0, none, none, none, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), null,
        Optional.empty(), Optional.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("seconds == null");
    assertThatThrownBy(() -> new Video(ID, VideoStatus.QUEUED, "queued", 0, none, none, none, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
        Optional.empty(), null))
        .isInstanceOf(NullPointerException.class).hasMessage("pollAfter == null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://cdn.example.com/v.mp4", "file:///tmp/v.mp4", "/relative/v.mp4", "https:///no-host"})
  void downloadUrlMustBeAbsoluteHttpOrHttps(String uri) {
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.COMPLETED).downloadUrl(URI.create(uri)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downloadUrl must be an absolute http(s) URI");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://cdn.example.com/v.mp4", "/relative/v.mp4", "https:///no-host", "https://a b/v.mp4",
      "https://cdn.example.com/%zz", ""})
  void downloadUrlTextMustBeAbsoluteHttpOrHttps(String text) {
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.COMPLETED).downloadUrl(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downloadUrl must be an absolute http(s) URI");
  }

  @Test
  void aDownloadUrlGivenAsTextIsBuiltOnceAndEqualsOneGivenAsAUri() {
    String text = "https://cdn.example.com/v.mp4?sig=abc%2Bdef";
    Video fromText = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl(text).build();
    Video fromUri = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl(URI.create(text)).build();

    URI first = fromText.downloadUrl().orElseThrow();
    assertThat(first).isEqualTo(URI.create(text));
    assertThat(fromText.downloadUrl().orElseThrow()).isSameAs(first);
    assertThat(fromText).isEqualTo(fromUri).hasSameHashCodeAs(fromUri);
    assertThat(fromText.toBuilder().build()).isEqualTo(fromUri);
    assertThat(fromText.toBuilder().downloadUrl(URI.create("https://other.example/v.mp4")).build().downloadUrl())
        .contains(URI.create("https://other.example/v.mp4"));
  }

  @Test
  void aDownloadUrlTextOutsideThePlainFormIsParsedAtOnce() {
    Video v = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl("http://127.0.0.1:8080/v.mp4").build();

    assertThat(v.downloadUrl()).contains(URI.create("http://127.0.0.1:8080/v.mp4"));
  }

  @Test
  void equalityComparesDownloadUrlsAsUris() {
    Video lower = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl("https://cdn.example.com/a%2fb").build();
    Video upper = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl("HTTPS://CDN.EXAMPLE.COM/a%2Fb").build();
    Video other = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl("https://cdn.example.com/a/b").build();

    assertThat(lower).isEqualTo(upper).hasSameHashCodeAs(upper).isNotEqualTo(other);
  }

  @Test
  void toStringShowsEveryComponentButTheDownloadUrlsQuery() {
    Video v = everything().toBuilder().downloadUrl("https://cdn.example.com/v.mp4?sig=secret-signature").build();

    assertThat(v.toString())
        .startsWith("Video[id=" + ID + ", status=FAILED, rawStatus=FAILURE, progress=42, ")
        .contains("downloadUrl=Optional[https://cdn.example.com/v.mp4?…]", "model=Optional[sora-2-pro]",
            "seconds=OptionalInt[12]", "pollAfter=Optional[PT2.5S]")
        .doesNotContain("secret-signature");
    assertThat(Video.builder(ID, VideoStatus.QUEUED).build().toString()).contains("downloadUrl=Optional.empty");
  }

  @Test
  void secondsMustNotBeNegative() {
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.QUEUED).seconds(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("seconds must be >= 0 but was -1");
    assertThat(Video.builder(ID, VideoStatus.QUEUED).seconds(0).build().seconds()).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void pollAfterMustBePositive(long millis) {
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.QUEUED).pollAfter(Duration.ofMillis(millis)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("pollAfter must be positive but was ");
  }

  @Test
  void blankErrorCodeIsNoCode() {
    assertThat(VideoError.of("", "boom").code()).isEmpty();
    assertThat(VideoError.of("  ", "boom").code()).isEmpty();
    assertThat(VideoError.of(null, "boom").code()).isEmpty();
    assertThat(VideoError.of("moderation_blocked", "boom").code()).contains("moderation_blocked");
    assertThatThrownBy(() -> VideoError.of("x", null))
        .isInstanceOf(NullPointerException.class).hasMessage("message == null");
  }
}
