package dev.sorastatus.testkit;

import com.squareup.moshi.JsonWriter;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import okio.Buffer;

/** Writes a {@link Video} as the JSON body OpenAI's video object has, with the download URL a gateway adds. */
final class WireJson {
  private WireJson() {}

  static byte[] openAi(Video v) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      w.beginObject();
      w.name("id").value(v.id().value());
      w.name("object").value("video");
      w.name("created_at");
      epochSeconds(w, v.createdAt());
      w.name("status").value(v.rawStatus());
      w.name("model").value(v.model().orElse("sora-2"));
      w.name("progress").value(v.progress());
      w.name("seconds").value(v.seconds().isPresent() ? String.valueOf(v.seconds().getAsInt()) : "4");
      w.name("size").value(v.size().orElse("720x1280"));
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
        w.name("video_url").value(v.downloadUrl().get().toString());
      }
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readByteArray();
  }

  static byte[] openAiError(String type, String code, String message) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      w.beginObject().name("error").beginObject();
      w.name("message").value(message);
      w.name("type").value(type);
      w.name("param").nullValue();
      w.name("code").value(code);
      w.endObject().endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readByteArray();
  }

  private static void epochSeconds(JsonWriter w, Optional<Instant> instant) throws IOException {
    if (instant.isPresent()) {
      w.value(instant.get().getEpochSecond());
    } else {
      w.nullValue();
    }
  }
}
