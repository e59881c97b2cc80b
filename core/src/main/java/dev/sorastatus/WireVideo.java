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
  String finishedAt;
  String startedAt;
  String startTime;
  String expiresAt;
  String errorCode;
  String errorMessage;
  String errorString;
  String failReason;
  String failureReason;
  String model;
  String metaDataUrl;
  String metadataUrl;
  String metadataVideoUrl;
  String videoUrl;
  String url;
  String resultUrl;
  /** {@code output}: a string, or the first string of an array. */
  String output;
  String outputsVideoUrl;
  String unsignedUrl;
  /** {@code results[0]}: a string, or that object's {@code url}. */
  String resultsUrl;
  /** {@code data[0].url}, else {@code data[0].video_url}, when {@code data} is an array. */
  String dataItemUrl;
  /** {@code video.url} (xAI), or {@code video} when it is a string. */
  String videoObjectUrl;
  String sha256;
  String sizeBytes;
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
