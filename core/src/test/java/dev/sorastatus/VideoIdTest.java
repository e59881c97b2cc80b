package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoIdTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5",
      "task_01K65QHWTY2F6Z4D9V8YJXC1AB",
      "7f1c2a9e-3b4d-4e5f-8a6b-0c1d2e3f4a5b",
      "sora-2:task_9f8e7d6c5b4a",
      "4821",
      "a",
      "a.b",
      "...",
      ".hidden",
      "v1..v2",
  })
  void acceptsIdsMadeOfTheAllowedCharacters(String value) {
    VideoId id = VideoId.of(value);

    assertThat(id.value()).isEqualTo(value);
    assertThat(id).hasToString(value);
    assertThat(VideoId.isValid(value)).isTrue();
  }

  @Test
  void acceptsEveryAllowedCharacterTogether() {
    String all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";

    assertThat(VideoId.of(all).value()).isEqualTo(all);
  }

  @Test
  void acceptsExactlyTheMaximumLength() {
    String longest = "v".repeat(VideoId.MAX_LENGTH);

    assertThat(VideoId.MAX_LENGTH).isEqualTo(256);
    assertThat(VideoId.of(longest).value()).hasSize(256);
  }

  @Test
  void rejectsOneCharacterOverTheMaximumLength() {
    assertThatThrownBy(() -> VideoId.of("v".repeat(257)))
        .isInstanceOf(InvalidVideoIdException.class)
        .hasMessage("video id is 257 characters long; at most 256 are allowed");
  }

  @Test
  void rejectsTenThousandCharactersWithoutQuotingThem() {
    String huge = "v".repeat(10_000);

    assertThatThrownBy(() -> VideoId.of(huge))
        .isInstanceOf(InvalidVideoIdException.class)
        .hasMessage("video id is 10000 characters long; at most 256 are allowed");
  }

  @Test
  void rejectsEmpty() {
    assertThatThrownBy(() -> VideoId.of(""))
        .isInstanceOf(InvalidVideoIdException.class)
        .hasMessage("video id is empty");
  }

  @Test
  void rejectsNullAsAnInvalidId() {
    assertThatThrownBy(() -> VideoId.of(null))
        .isInstanceOf(InvalidVideoIdException.class)
        .hasMessage("video id == null");
    assertThat(VideoId.isValid(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void rejectsADotPathSegmentAlone(String value) {
    assertThatThrownBy(() -> VideoId.of(value))
        .isInstanceOf(InvalidVideoIdException.class)
        .hasMessage("video id '" + value + "' is a path segment, not an id");
    assertThat(VideoId.isValid(value)).isFalse();
  }

  static Stream<Arguments> unsafeIds() {
    return Stream.of(
        Arguments.of("slash", "video/123", "'/'", 5),
        Arguments.of("traversal", "../admin", "'/'", 2),
        Arguments.of("question mark", "video?x=1", "'?'", 5),
        Arguments.of("hash", "video#frag", "'#'", 5),
        Arguments.of("percent", "video%41", "'%'", 5),
        Arguments.of("encoded slash", "video%2F..%2Fadmin", "'%'", 5),
        Arguments.of("backslash", "video\\123", "'\\'", 5),
        Arguments.of("space", "video 123", "' ' (U+0020, space)", 5),
        Arguments.of("only spaces", "   ", "' ' (U+0020, space)", 0),
        Arguments.of("tab", "video\t123", "U+0009 (control or whitespace)", 5),
        Arguments.of("carriage return", "video\r123", "U+000D (control or whitespace)", 5),
        Arguments.of("line feed", "video\n123", "U+000A (control or whitespace)", 5),
        Arguments.of("header injection", "v\r\nX-Evil: 1", "U+000D (control or whitespace)", 1),
        Arguments.of("NUL", "video\u0000", "U+0000 (control or whitespace)", 5),
        Arguments.of("escape", "video\u001b[31m", "U+001B (control or whitespace)", 5),
        Arguments.of("DEL", "video\u007f", "U+007F (control or whitespace)", 5),
        Arguments.of("C1 control", "video\u0085", "U+0085 (control or whitespace)", 5),
        Arguments.of("non-breaking space", "video\u00a0123", "U+00A0 ('\u00a0', not ASCII)", 5),
        Arguments.of("accented letter", "vid\u00e9o", "U+00E9 ('\u00e9', not ASCII)", 3),
        Arguments.of("fullwidth solidus", "video\uff0f123", "U+FF0F ('\uff0f', not ASCII)", 5),
        Arguments.of("line separator", "video\u2028", "U+2028 (control or whitespace)", 5),
        Arguments.of("ampersand", "a&b", "'&'", 1),
        Arguments.of("plus", "a+b", "'+'", 1),
        Arguments.of("at sign", "a@b", "'@'", 1),
        Arguments.of("semicolon", "a;b", "';'", 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeIds")
  void rejectsUnsafeCharactersQuotingTheOffendingOne(String name, String value, String quoted, int index) {
    assertThatThrownBy(() -> VideoId.of(value))
        .isInstanceOf(InvalidVideoIdException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("video id has a character that is not allowed: " + quoted + " at index " + index)
        .hasMessageEndingWith("; only A-Z, a-z, 0-9, '.', '_', ':' and '-' are allowed");
    assertThat(VideoId.isValid(value)).isFalse();
  }

  @Test
  void equalIdsAreEqualValues() {
    assertThat(VideoId.of("video_123")).isEqualTo(new VideoId("video_123")).isNotEqualTo(VideoId.of("video_124"));
  }

  @Test
  void theExceptionsThatCarryAnIdSurviveSerialization() throws Exception {
    VideoId id = VideoId.of("video_serial_1");
    VideoNotFoundException notFound = new VideoNotFoundException(id, "gone", 404, java.util.Optional.empty(),
        java.util.Optional.empty(), "");

    VideoDownloadException expired = new VideoDownloadException(id, VideoDownloadException.Reason.EXPIRED, "gone", null);

    assertThat(((VideoNotFoundException) roundTrip(notFound)).videoId()).isEqualTo(id);
    assertThat(((VideoDownloadException) roundTrip(expired)).videoId()).isEqualTo(id);
  }

  private static Object roundTrip(Object value) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
