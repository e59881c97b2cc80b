package dev.sorastatus.testkit;

import com.squareup.moshi.JsonWriter;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoStatus;
import java.io.IOException;

/** An OpenAI-compatible gateway's reshaped object: millisecond timestamps, string errors, {@code meta_data.url}. */
final class GatewayWriter extends DialectWriter {

  @Override
  String spell(VideoStatus status) {
    switch (status) {
      case QUEUED: return "queued";
      case PROCESSING: return "processing";
      case COMPLETED: return "completed";
      case FAILED: return "failed";
      default: return "unknown";
    }
  }

  @Override
  void writeVideo(JsonWriter w, Video v, long row) throws IOException {
    w.beginObject();
    w.name("id").value(v.id().value());
    w.name("object").value("video");
    w.name("model").value(v.model().orElse(null));
    w.name("status").value(v.rawStatus());
    w.name("progress").value(v.progress());
    w.name("created_at");
    epochMillis(w, v.createdAt());
    if (v.startedAt().isPresent()) {
      w.name("started_at");
      epochMillis(w, v.startedAt());
    }
    w.name("completed_at");
    epochMillis(w, v.completedAt());
    w.name("expires_at");
    epochMillis(w, v.expiresAt());
    if (v.seconds().isPresent()) {
      w.name("seconds").value(v.seconds().getAsInt());
    }
    if (v.size().isPresent()) {
      w.name("size").value(v.size().get());
    }
    if (v.remixedFromVideoId().isPresent()) {
      w.name("remixed_from_video_id").value(v.remixedFromVideoId().get().value());
    }
    if (v.prompt().isPresent()) {
      w.name("prompt").value(v.prompt().get());
    }
    w.name("error");
    if (v.error().isEmpty()) {
      w.nullValue();
    } else {
      VideoError e = v.error().get();
      if (e.code().isPresent()) {
        w.beginObject().name("code").value(e.code().get()).name("message").value(e.message()).endObject();
      } else {
        w.value(e.message());
      }
    }
    if (v.downloadUrl().isPresent()) {
      w.name("meta_data").beginObject().name("url").value(v.downloadUrl().get().toString()).endObject();
    }
    announcedDigest(w, v);
    w.endObject();
  }

  @Override
  boolean sendsListCursors() {
    return false;
  }

  @Override
  byte[] error(String type, String code, String message) {
    return openAiEnvelope(type, code, message, true);
  }

  @Override
  int notFoundStatus() {
    return 400;
  }

  @Override
  String notFoundCode() {
    return "task_not_exist";
  }

  @Override
  String requestIdHeader() {
    return "X-Oneapi-Request-Id";
  }

  @Override
  boolean sendsRetryAfterMillis() {
    return false;
  }

  @Override
  boolean linksContent() {
    return true;
  }
}
