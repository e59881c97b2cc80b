package dev.sorastatus.testkit;

import com.squareup.moshi.JsonWriter;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoStatus;
import java.io.IOException;

/** new-api's task envelope: {@code {"code":"success","data":{task_id, status, "40%", fail_reason, url}}}. */
final class NewApiWriter extends DialectWriter {

  @Override
  String spell(VideoStatus status) {
    switch (status) {
      case QUEUED: return "QUEUED";
      case PROCESSING: return "IN_PROGRESS";
      case COMPLETED: return "SUCCESS";
      case FAILED: return "FAILURE";
      default: return "UNKNOWN";
    }
  }

  @Override
  byte[] video(Video v, long row) {
    return json(w -> {
      beginEnvelope(w);
      writeVideo(w, v, row);
      w.endObject();
    });
  }

  @Override
  boolean beginEnvelope(JsonWriter w) throws IOException {
    w.beginObject();
    w.name("code").value("success");
    w.name("message").value("");
    w.name("data");
    return true;
  }

  @Override
  boolean sendsListCursors() {
    return false;
  }

  @Override
  void writeVideo(JsonWriter w, Video v, long row) throws IOException {
    w.beginObject();
    w.name("id").value(row);
    w.name("task_id").value(v.id().value());
    w.name("platform").value("sora");
    w.name("action").value(v.remixedFromVideoId().isPresent() ? "remix" : "generate");
    w.name("status").value(v.rawStatus());
    w.name("progress").value(v.progress() + "%");
    w.name("created_at");
    epochSeconds(w, v.createdAt());
    w.name("submit_time");
    epochSeconds(w, v.createdAt());
    if (v.startedAt().isPresent()) {
      w.name("start_time");
      epochSeconds(w, v.startedAt());
    }
    w.name("finish_time");
    epochSeconds(w, v.completedAt());
    if (v.expiresAt().isPresent()) {
      w.name("expires_at").value(v.expiresAt().get().getEpochSecond());
    }
    w.name("fail_reason").value(v.error().map(VideoError::message).orElse(""));
    if (v.error().flatMap(VideoError::code).isPresent()) {
      VideoError e = v.error().get();
      w.name("error").beginObject().name("code").value(e.code().get()).name("message").value(e.message()).endObject();
    }
    if (v.model().isPresent()) {
      w.name("model").value(v.model().get());
    }
    if (v.size().isPresent()) {
      w.name("size").value(v.size().get());
    }
    if (v.seconds().isPresent()) {
      w.name("seconds").value(String.valueOf(v.seconds().getAsInt()));
    }
    if (v.remixedFromVideoId().isPresent()) {
      w.name("remixed_from_video_id").value(v.remixedFromVideoId().get().value());
    }
    if (v.prompt().isPresent()) {
      w.name("prompt").value(v.prompt().get());
    }
    w.name("url").value(v.downloadUrl().map(Object::toString).orElse(""));
    announcedDigest(w, v);
    w.endObject();
  }

  @Override
  byte[] error(String type, String code, String message) {
    return json(w -> {
      w.beginObject();
      w.name("code").value(code == null ? type : code);
      w.name("message").value(message);
      w.name("data").nullValue();
      w.endObject();
    });
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
