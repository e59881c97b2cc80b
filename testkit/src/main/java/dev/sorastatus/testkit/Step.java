package dev.sorastatus.testkit;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** One step of a job's script: a state of the job, or an API fault that answers instead of it. */
final class Step {
  enum Kind { VIDEO, EXACT, BODY, RATE_LIMITED, SERVER_ERROR, NOT_FOUND, MALFORMED, UNAUTHORIZED, FORBIDDEN, DROP }

  final Kind kind;
  final VideoStatus status;
  /** The status as the script spelled it, or null for the dialect's spelling. */
  final String rawStatus;
  final int progress;
  final VideoError error;
  final URI downloadUrl;
  final Instant completedAt;
  final Instant expiresAt;
  final Video exact;
  final Duration retryAfter;
  final int httpStatus;
  /** How long the step lasts when the job advances by time, or null for the job's default. */
  final Duration lasting;
  /** The exact body of a {@link Kind#BODY} step, sent as a 200 in whatever shape it has; else null. */
  final byte[] body;

  private Step(Kind kind, VideoStatus status, String rawStatus, int progress, VideoError error, URI downloadUrl,
      Instant completedAt, Instant expiresAt, Video exact, Duration retryAfter, int httpStatus, Duration lasting,
      byte[] body) {
    this.kind = kind;
    this.status = status;
    this.rawStatus = rawStatus;
    this.progress = progress;
    this.error = error;
    this.downloadUrl = downloadUrl;
    this.completedAt = completedAt;
    this.expiresAt = expiresAt;
    this.exact = exact;
    this.retryAfter = retryAfter;
    this.httpStatus = httpStatus;
    this.lasting = lasting;
    this.body = body;
  }

  static Step video(VideoStatus status, String rawStatus, int progress, VideoError error, URI downloadUrl,
      Instant completedAt, Instant expiresAt) {
    return new Step(Kind.VIDEO, status, rawStatus, progress, error, downloadUrl, completedAt, expiresAt, null, null, 0,
        null, null);
  }

  static Step exact(Video video) {
    return new Step(Kind.EXACT, video.status(), video.rawStatus(), video.progress(), null, null, null, null, video,
        null, 0, null, null);
  }

  static Step body(byte[] body) {
    return new Step(Kind.BODY, null, null, 0, null, null, null, null, null, null, 200, null, body);
  }

  static Step fault(Kind kind, Duration retryAfter, int httpStatus) {
    return new Step(kind, null, null, 0, null, null, null, null, null, retryAfter, httpStatus, null, null);
  }

  Step lasting(Duration d) {
    return new Step(kind, status, rawStatus, progress, error, downloadUrl, completedAt, expiresAt, exact, retryAfter,
        httpStatus, d, body);
  }

  /** Returns whether this step is a state of the job (not a fault answering in its place). */
  boolean isState() {
    return kind == Kind.VIDEO || kind == Kind.EXACT;
  }

  /** Returns the step as a script reads, such as {@code processing(40)}. */
  @Override
  public String toString() {
    switch (kind) {
      case VIDEO:
        if (rawStatus != null) {
          return "status(\"" + rawStatus + "\"" + (progress > 0 ? ", " + progress : "") + ")";
        }
        String name = status.name().toLowerCase(Locale.ROOT);
        return status == VideoStatus.PROCESSING ? name + "(" + progress + ")" : name;
      case EXACT: return "video(" + exact.rawStatus() + ")";
      case RATE_LIMITED: return "rateLimited(" + retryAfter + ")";
      case SERVER_ERROR: return "serverError(" + httpStatus + ")";
      case NOT_FOUND: return "notFound";
      case MALFORMED: return "malformedBody";
      case BODY: return "body(" + body.length + " bytes)";
      case UNAUTHORIZED: return "unauthorized";
      case FORBIDDEN: return "forbidden";
      default: return "droppedConnection";
    }
  }
}
