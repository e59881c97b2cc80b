package dev.sorastatus;

/**
 * The status body as the wire spelled it, every scalar kept as its string form; filled by
 * {@link VideoJson}, turned into a domain value by {@link VideoMapper}.
 */
final class WireVideo {
  String id;
  String taskId;
  String status;
  String progress;
  String createdAt;
  String created;
  String completedAt;
  String finishTime;
  String expiresAt;
  String errorCode;
  String errorMessage;
  String errorString;
  String failReason;
  String model;
  String metaDataUrl;
  String metadataUrl;
  String metadataVideoUrl;
  String videoUrl;
  String url;
  String resultUrl;
  String remixedFromVideoId;
  String size;
  String seconds;
  String prompt;
  /** The inner object of a {@code {"code":"success","data":{...}}} envelope. */
  WireVideo data;

  boolean looksLikeVideo() {
    return status != null || id != null || taskId != null;
  }
}
