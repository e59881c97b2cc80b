package dev.sorastatus.testkit;

import com.squareup.moshi.JsonWriter;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoStatus;
import java.io.IOException;

/** OpenAI's own video object and error envelope. */
final class OpenAiWriter extends DialectWriter {

  @Override
  String spell(VideoStatus status) {
    switch (status) {
      case QUEUED: return "queued";
      case PROCESSING: return "in_progress";
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
    w.name("created_at");
    epochSeconds(w, v.createdAt());
    w.name("status").value(v.rawStatus());
    w.name("model").value(v.model().orElse(null));
    w.name("progress").value(v.progress());
    w.name("seconds").value(v.seconds().isPresent() ? String.valueOf(v.seconds().getAsInt()) : null);
    w.name("size").value(v.size().orElse(null));
    w.name("remixed_from_video_id").value(v.remixedFromVideoId().map(Object::toString).orElse(null));
    w.name("completed_at");
    epochSeconds(w, v.completedAt());
    w.name("expires_at");
    epochSeconds(w, v.expiresAt());
    w.name("error");
    if (v.error().isPresent()) {
      VideoError e = v.error().get();
      w.beginObject();
      w.name("code").value(e.code().orElse(null));
      w.name("message").value(e.message());
      w.endObject();
    } else {
      w.nullValue();
    }
    if (v.prompt().isPresent()) {
      w.name("prompt").value(v.prompt().get());
    }
    if (v.downloadUrl().isPresent()) {
      w.name("video_url").value(v.downloadUrl().get().toString()); // what a gateway adds to OpenAI's shape
    }
    announcedDigest(w, v);
    w.endObject();
  }

  @Override
  boolean sendsListCursors() {
    return true;
  }

  @Override
  byte[] error(String type, String code, String message) {
    return openAiEnvelope(type, code, message, false);
  }

  @Override
  int notFoundStatus() {
    return 404;
  }

  @Override
  String notFoundCode() {
    return "video_not_found";
  }

  @Override
  String notFoundMessage(String id) {
    return "Video with id '" + id + "' not found.";
  }

  @Override
  String requestIdHeader() {
    return "x-request-id";
  }

  @Override
  boolean sendsRetryAfterMillis() {
    return true;
  }

  @Override
  boolean linksContent() {
    return false;
  }
}
