package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoTest {
  private static final VideoId ID = VideoId.of("video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5");
  private static final Instant CREATED = Instant.parse("2025-09-27T02:51:25Z");
  private static final Instant STARTED = Instant.parse("2025-09-27T02:51:30Z");
  private static final Instant COMPLETED = Instant.parse("2025-09-27T02:53:32Z");
  private static final Instant EXPIRES = Instant.parse("2025-09-28T02:51:25Z");

  private static Video everything() {
    return Video.builder(ID, VideoStatus.FAILED)
        .rawStatus("FAILURE")
        .progress(42)
        .createdAt(CREATED)
        .startedAt(STARTED)
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
        .sha256("ab".repeat(32))
        .sizeBytes(3_145_728)
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
    assertThat(v.startedAt()).contains(STARTED);
    assertThat(v.sha256()).contains("ab".repeat(32));
    assertThat(v.sizeBytes()).hasValue(3_145_728);
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
        Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty()));
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
        Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty()))
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

  static Stream<String> referenceComponents() {
    return Stream.of(Video.class.getRecordComponents()).filter(c -> !c.getType().isPrimitive())
        .map(RecordComponent::getName);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceComponents")
  void constructorRefusesANullComponentNamingIt(String component) {
    assertThatThrownBy(() -> with(everything(), component, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(component + " == null");
  }

  @Test
  void theNullCheckCoversEveryComponentButTheIntProgress() {
    assertThat(referenceComponents()).hasSize(Video.class.getRecordComponents().length - 1)
        .doesNotContain("progress");
  }

  @Test
  void theRecordHasOnlyItsCanonicalConstructor() {
    assertThat(Video.class.getDeclaredConstructors()).hasSize(1);
    assertThat(Video.class.getDeclaredConstructors()[0].getParameterCount())
        .isEqualTo(Video.class.getRecordComponents().length);
  }

  /** A value the builder refuses, set once through its setter and once through the canonical constructor. */
  static Stream<Arguments> refusedValues() {
    return Stream.of(
        refused("progress", b -> b.progress(-1), -1, "progress must be 0..100 but was -1"),
        refused("progress", b -> b.progress(101), 101, "progress must be 0..100 but was 101"),
        refused("downloadUrl", b -> b.downloadUrl(URI.create("ftp://cdn.example.com/v.mp4")),
            Optional.of(URI.create("ftp://cdn.example.com/v.mp4")), "downloadUrl must be an absolute http(s) URI"),
        refused("downloadUrl", b -> b.downloadUrl(URI.create("/relative/v.mp4")),
            Optional.of(URI.create("/relative/v.mp4")), "downloadUrl must be an absolute http(s) URI"),
        refused("downloadUrl", b -> b.downloadUrl(URI.create("https:///no-host")),
            Optional.of(URI.create("https:///no-host")), "downloadUrl must be an absolute http(s) URI"),
        refused("downloadUrl", b -> b.downloadUrl(URI.create("https:opaque")),
            Optional.of(URI.create("https:opaque")), "downloadUrl must be an absolute http(s) URI"),
        refused("seconds", b -> b.seconds(-1), OptionalInt.of(-1), "seconds must be >= 0 but was -1"),
        refused("pollAfter", b -> b.pollAfter(Duration.ZERO), Optional.of(Duration.ZERO),
            "pollAfter must be positive but was PT0S"),
        refused("pollAfter", b -> b.pollAfter(Duration.ofMillis(-1)), Optional.of(Duration.ofMillis(-1)),
            "pollAfter must be positive but was PT-0.001S"));
  }

  private static Arguments refused(String component, Consumer<Video.Builder> setter, Object value, String message) {
    return Arguments.of(component + " = " + value, setter, (Function<Video, Video>) v -> with(v, component, value),
        message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedValues")
  void theCanonicalConstructorRefusesWhatTheBuilderRefuses(
      String name, Consumer<Video.Builder> setter, Function<Video, Video> construct, String message) {
    assertThatThrownBy(() -> setter.accept(everything().toBuilder()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThatThrownBy(() -> construct.apply(everything()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void theCanonicalConstructorTakesTheBoundaryValuesTheBuilderTakes() {
    Video v = everything();

    assertThat(with(v, "progress", 0).progress()).isZero();
    assertThat(with(v, "progress", 100).progress()).isEqualTo(100);
    assertThat(with(v, "seconds", OptionalInt.of(0)).seconds()).hasValue(0);
    assertThat(with(v, "pollAfter", Optional.of(Duration.ofNanos(1))).pollAfter()).contains(Duration.ofNanos(1));
    assertThat(with(v, "downloadUrl", Optional.of(URI.create("HTTP://cdn.example.com/v.mp4"))).downloadUrl())
        .contains(URI.create("HTTP://cdn.example.com/v.mp4"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 40, 99})
  void theCanonicalConstructorForcesACompletedJobsProgressToOneHundred(int reported) {
    Video v = new Video(ID, VideoStatus.COMPLETED, "completed", reported, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalLong.empty());

    assertThat(v.progress()).isEqualTo(100);
    assertThat(v).isEqualTo(Video.builder(ID, VideoStatus.COMPLETED).progress(reported).build());
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
  void aDownloadUrlGivenAsTextEqualsOneGivenAsAUri() {
    String text = "https://cdn.example.com/v.mp4?sig=abc%2Bdef";
    Video fromText = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl(text).build();
    Video fromUri = Video.builder(ID, VideoStatus.COMPLETED).downloadUrl(URI.create(text)).build();

    assertThat(fromText.downloadUrl()).contains(URI.create(text));
    assertThat(fromText).isEqualTo(fromUri).hasSameHashCodeAs(fromUri);
    assertThat(fromText.toBuilder().build()).isEqualTo(fromUri);
    assertThat(fromText.toBuilder().downloadUrl(URI.create("https://other.example/v.mp4")).build().downloadUrl())
        .contains(URI.create("https://other.example/v.mp4"));
  }

  @Test
  void aDownloadUrlTextWithAnAddressAndPortIsKept() {
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

    assertThat(v.toString()).isEqualTo("Video[id=" + ID.value() + ", status=FAILED, rawStatus=FAILURE, progress=42, "
        + "createdAt=Optional[2025-09-27T02:51:25Z], startedAt=Optional[2025-09-27T02:51:30Z], "
        + "completedAt=Optional[2025-09-27T02:53:32Z], "
        + "expiresAt=Optional[2025-09-28T02:51:25Z], "
        + "error=Optional[VideoError[code=Optional[moderation_blocked], message=Blocked by moderation.]], "
        + "model=Optional[sora-2-pro], downloadUrl=Optional[https://cdn.example.com/v.mp4?…], "
        + "remixedFromVideoId=Optional[video_source], size=Optional[1792x1024], seconds=OptionalInt[12], "
        + "prompt=Optional[A calico cat playing a grand piano], pollAfter=Optional[PT2.5S], "
        + "sha256=Optional[" + "ab".repeat(32) + "], sizeBytes=OptionalLong[3145728]]");
    assertThat(Video.builder(ID, VideoStatus.QUEUED).build().toString()).contains("downloadUrl=Optional.empty");
  }

  @Test
  void toStringLeavesOutTheDownloadUrlsUserInfoAndFragmentToo() {
    Video v = Video.builder(ID, VideoStatus.COMPLETED)
        .downloadUrl("http://user:secret-password@127.0.0.1:8080/a/b#secret-fragment").build();

    assertThat(v.toString()).contains("downloadUrl=Optional[http://127.0.0.1:8080/a/b]")
        .doesNotContain("secret");
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

  /**
   * Returns {@code base} with one component replaced, built by the canonical constructor; the record's own
   * components drive it, so a component added later is covered without changing this.
   */
  private static Video with(Video base, String component, Object value) {
    RecordComponent[] components = Video.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    boolean found = false;
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        found |= components[i].getName().equals(component);
        args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(base);
      }
      assertThat(found).as("Video has a component named %s", component).isTrue();
      return Video.class.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void announcedHashIsKeptInLowerCaseAndMustBeSixtyFourHexDigits() {
    String hash = "AB".repeat(32);

    assertThat(Video.builder(ID, VideoStatus.COMPLETED).sha256(hash).build().sha256()).contains("ab".repeat(32));
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.COMPLETED).sha256("ab".repeat(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sha256 must be 64 hex digits but has 62 characters");
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.COMPLETED).sha256("g" + "a".repeat(63)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sha256 must be 64 hex digits but has a non-hex character at 0");
  }

  @Test
  void announcedSizeMustNotBeNegative() {
    assertThat(Video.builder(ID, VideoStatus.COMPLETED).sizeBytes(0).build().sizeBytes()).hasValue(0);
    assertThatThrownBy(() -> Video.builder(ID, VideoStatus.COMPLETED).sizeBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sizeBytes must be >= 0 but was -1");
  }

  @Test
  void startedAtAndTheAnnouncedDigestSurviveACopy() {
    Video v = Video.builder(ID, VideoStatus.COMPLETED).startedAt(Instant.ofEpochSecond(5)).sha256("0".repeat(64))
        .sizeBytes(1234).build();

    assertThat(v.toBuilder().build()).isEqualTo(v);
    assertThat(v.toString()).contains("startedAt=Optional[1970-01-01T00:00:05Z]", "sizeBytes=OptionalLong[1234]");
  }
}
