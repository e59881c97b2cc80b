package dev.sorastatus;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;

/** Videos and errors as a server would send them, for the poller's tests. */
final class Videos {
  static final VideoId ID = VideoId.of("video_123");

  private Videos() {}

  static Video queued(VideoId id) {
    return Video.builder(id, VideoStatus.QUEUED).build();
  }

  static Video processing(VideoId id, int progress) {
    return Video.builder(id, VideoStatus.PROCESSING).progress(progress).build();
  }

  static Video unknown(VideoId id, String raw) {
    return Video.builder(id, VideoStatus.UNKNOWN).rawStatus(raw).build();
  }

  static Video completed(VideoId id) {
    return Video.builder(id, VideoStatus.COMPLETED).build();
  }

  static Video failed(VideoId id, String code, String message) {
    return Video.builder(id, VideoStatus.FAILED).error(VideoError.of(code, message)).build();
  }

  static SoraApiException rateLimited(Optional<Duration> retryAfter) {
    return new SoraApiException("HTTP 429 rate limited", SoraApiException.Kind.RATE_LIMITED, 429, Optional.of("rate_limit_exceeded"), Optional.empty(), retryAfter, "");
  }

  static SoraApiException serverError() {
    return new SoraApiException("HTTP 503 overloaded", SoraApiException.Kind.SERVER_ERROR, 503, Optional.empty(), Optional.empty(), Optional.empty(), "");
  }

  static SoraTransportException transportError() {
    IOException cause = new ConnectException("Connection refused");
    return new SoraTransportException("GET /v1/videos/video_123 failed: connection refused", cause);
  }

  static VideoNotFoundException notFound(VideoId id) {
    return new VideoNotFoundException(id, "HTTP 404 video not found", 404, Optional.of("not_found"),
        Optional.empty(), "");
  }

  static SoraApiException unauthenticated() {
    return new SoraApiException("HTTP 401 invalid api key", SoraApiException.Kind.AUTHENTICATION, 401, Optional.of("invalid_api_key"), Optional.empty(), Optional.empty(), "");
  }

  static SoraApiException forbidden() {
    return new SoraApiException("HTTP 403 forbidden", SoraApiException.Kind.PERMISSION_DENIED, 403, Optional.empty(), Optional.empty(), Optional.empty(), "");
  }
}
