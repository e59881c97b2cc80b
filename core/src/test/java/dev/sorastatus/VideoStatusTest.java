package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoStatusTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "queued, QUEUED",
      "pending, QUEUED",
      "submitted, QUEUED",
      "not_start, QUEUED",
      "preparing, QUEUED",
      "created, QUEUED",
      "starting, QUEUED",
      "processing, PROCESSING",
      "in_progress, PROCESSING",
      "in-progress, PROCESSING",
      "running, PROCESSING",
      "generating, PROCESSING",
      "completed, COMPLETED",
      "complete, COMPLETED",
      "succeeded, COMPLETED",
      "success, COMPLETED",
      "finished, COMPLETED",
      "failed, FAILED",
      "failure, FAILED",
      "fail, FAILED",
      "error, FAILED",
      "cancelled, FAILED",
      "canceled, FAILED",
      "expired, FAILED",
  })
  void everyKnownSpellingMapsToItsStatus(String raw, VideoStatus expected) {
    assertThat(VideoStatus.fromRaw(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "SUCCESS|COMPLETED",
      "FAILURE|FAILED",
      "NOT_START|QUEUED",
      "IN_PROGRESS|PROCESSING",
      "In-Progress|PROCESSING",
      "Queued|QUEUED",
      "'  completed  '|COMPLETED",
      "CANCELLED|FAILED",
  })
  void spellingIsMatchedIgnoringCaseAndSurroundingWhiteSpace(String raw, VideoStatus expected) {
    assertThat(VideoStatus.fromRaw(raw)).isEqualTo(expected);
  }

  @Test
  void tabsAndLineBreaksAroundAStatusAreIgnored() {
    assertThat(VideoStatus.fromRaw("\tRUNNING\r\n")).isEqualTo(VideoStatus.PROCESSING);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "", "   ", "paused", "in progress", "in__progress", "succeed", "done!", "completed!", "unknown", "uncertain", "UNCERTAIN", "queued_",
      "UNKNOWN", "moderation", "0", "1", "true"})
  void anythingElseIsUnknown(String raw) {
    assertThat(VideoStatus.fromRaw(raw)).isEqualTo(VideoStatus.UNKNOWN);
  }

  @Test
  void matchingDoesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat(VideoStatus.fromRaw("FINISHED")).isEqualTo(VideoStatus.COMPLETED);
      assertThat(VideoStatus.fromRaw("IN_PROGRESS")).isEqualTo(VideoStatus.PROCESSING);
      assertThat(VideoStatus.fromRaw("PENDING")).isEqualTo(VideoStatus.QUEUED);
    } finally {
      Locale.setDefault(saved);
    }
  }

  @ParameterizedTest
  @EnumSource(value = VideoStatus.class, names = {"COMPLETED", "FAILED"})
  void completedAndFailedAreTerminal(VideoStatus status) {
    assertThat(status.isTerminal()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = VideoStatus.class, names = {"QUEUED", "PROCESSING", "UNKNOWN"})
  void queuedProcessingAndUnknownAreNotTerminal(VideoStatus status) {
    assertThat(status.isTerminal()).isFalse();
  }

  @Test
  void unknownStatusNeverEndsAWait() {
    assertThat(VideoStatus.fromRaw("archived").isTerminal()).isFalse();
  }
}
