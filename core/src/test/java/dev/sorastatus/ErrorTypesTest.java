package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The eight error classes: what each carries, and what each refuses. */
class ErrorTypesTest {
  private static final VideoId ID = VideoId.of("video_err_1");

  @ParameterizedTest(name = "HTTP {0} is {1}")
  @CsvSource({"401, AUTHENTICATION", "403, PERMISSION_DENIED", "404, NOT_FOUND", "429, RATE_LIMITED",
      "500, SERVER_ERROR", "503, SERVER_ERROR", "599, SERVER_ERROR", "301, REDIRECT", "307, REDIRECT",
      "400, REJECTED", "409, REJECTED", "422, REJECTED", "418, REJECTED", "200, REJECTED", "600, REJECTED"})
  void eachStatusHasOneKind(int status, SoraApiException.Kind kind) {
    assertThat(SoraApiException.Kind.of(status)).isEqualTo(kind);
  }

  @Test
  void apiErrorCarriesStatusCodeRequestIdAndDelay() {
    SoraApiException e = new SoraApiException("HTTP 429: rate limited", SoraApiException.Kind.RATE_LIMITED, 429,
        Optional.of("rate_limit_exceeded"), Optional.of("req_1"), Optional.of(Duration.ofSeconds(7)), "slow down");

    assertThat(e.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED);
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.errorCode()).contains("rate_limit_exceeded");
    assertThat(e.requestId()).contains("req_1");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.bodyExcerpt()).isEqualTo("slow down");
    assertThat(e).isInstanceOf(SoraException.class).hasMessage("HTTP 429: rate limited");
  }

  @Test
  void notFoundIsTheOnlyApiErrorOfItsKind() {
    assertThatThrownBy(() -> new SoraApiException("HTTP 404", SoraApiException.Kind.NOT_FOUND, 404,
        Optional.empty(), Optional.empty(), Optional.empty(), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VideoNotFoundException");

    VideoNotFoundException e = new VideoNotFoundException(ID, "HTTP 400: gone", 400, Optional.of("task_not_exist"),
        Optional.empty(), "");
    assertThat(e.kind()).isEqualTo(SoraApiException.Kind.NOT_FOUND);
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.videoId()).isEqualTo(ID);
    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  void apiErrorRefusesNullsAndANegativeDelay() {
    assertThatThrownBy(() -> new SoraApiException("m", null, 500, Optional.empty(), Optional.empty(),
        Optional.empty(), "")).isInstanceOf(NullPointerException.class).hasMessage("kind == null");
    assertThatThrownBy(() -> new SoraApiException("m", SoraApiException.Kind.SERVER_ERROR, 503, Optional.empty(),
        Optional.empty(), Optional.of(Duration.ofSeconds(-1)), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryAfter");
  }

  @Test
  void transportFailureSaysWhetherItTimedOutAndWhetherADeadlinePassed() {
    SoraTransportException reset = new SoraTransportException("GET x failed", new IOException("reset"));
    SoraTransportException slow = new SoraTransportException("GET x failed", new SocketTimeoutException("read"));
    SoraTransportException outOfTime = new SoraTransportException("GET x ran out of its deadline",
        Duration.ofMinutes(2), 4, reset);

    assertThat(reset.isTimeout()).isFalse();
    assertThat(reset.deadline()).isEmpty();
    assertThat(reset.attempts()).isEqualTo(1);
    assertThat(slow.isTimeout()).isTrue();
    assertThat(outOfTime.isTimeout()).isTrue();
    assertThat(outOfTime.deadline()).contains(Duration.ofMinutes(2));
    assertThat(outOfTime.attempts()).isEqualTo(4);
    assertThat(outOfTime.getCause()).isSameAs(reset);
    assertThatThrownBy(() -> new SoraTransportException("m", Duration.ofSeconds(1), 0, reset))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts");
  }

  @Test
  void downloadErrorsNameTheirReason() {
    Instant expiry = Instant.parse("2026-01-01T00:00:00Z");
    Video failed = Video.builder(ID, VideoStatus.FAILED).build();

    VideoDownloadException expired = VideoDownloadException.expired(ID, expiry, expiry.plusSeconds(1));
    assertThat(expired.reason()).isEqualTo(VideoDownloadException.Reason.EXPIRED);
    assertThat(expired.expiresAt()).contains(expiry);
    assertThat(VideoDownloadException.notReady(failed).reason()).isEqualTo(VideoDownloadException.Reason.NOT_READY);
    assertThat(VideoDownloadException.notReady(failed).expiresAt()).isEmpty();
    assertThat(VideoDownloadException.targetExists(ID, Path.of("a.mp4"), false))
        .hasMessageContaining("a.mp4 already exists").extracting(VideoDownloadException::reason)
        .isEqualTo(VideoDownloadException.Reason.TARGET_EXISTS);
    assertThat(VideoDownloadException.rejected(ID, "not a video").reason())
        .isEqualTo(VideoDownloadException.Reason.REJECTED);
    assertThatThrownBy(() -> new VideoDownloadException(ID, null, "m", null))
        .isInstanceOf(NullPointerException.class).hasMessage("reason == null");
  }
}
