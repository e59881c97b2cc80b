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

  static RateLimitedException rateLimited(Optional<Duration> retryAfter) {
    return new RateLimitedException("HTTP 429 rate limited", 429, Optional.of("rate_limit_exceeded"),
        Optional.empty(), "", retryAfter);
  }

  static ServerErrorException serverError() {
    return new ServerErrorException("HTTP 503 overloaded", 503, Optional.empty(), Optional.empty(), "");
  }

  static SoraTransportException transportError() {
    IOException cause = new ConnectException("Connection refused");
    return new SoraTransportException("GET /v1/videos/video_123 failed: connection refused", cause);
  }

  static VideoNotFoundException notFound(VideoId id) {
    return new VideoNotFoundException(id, "HTTP 404 video not found", 404, Optional.of("not_found"),
        Optional.empty(), "");
  }

  static AuthenticationException unauthenticated() {
    return new AuthenticationException("HTTP 401 invalid api key", 401, Optional.of("invalid_api_key"),
        Optional.empty(), "");
  }

  static PermissionDeniedException forbidden() {
    return new PermissionDeniedException("HTTP 403 forbidden", 403, Optional.empty(), Optional.empty(), "");
  }
}
