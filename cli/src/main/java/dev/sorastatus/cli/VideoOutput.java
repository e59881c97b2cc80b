package dev.sorastatus.cli;

import com.squareup.moshi.JsonWriter;
import dev.sorastatus.Video;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okio.Buffer;

/** Writes a {@link Video} for people (aligned lines, only what is known) or for scripts (JSON). */
final class VideoOutput {
  private VideoOutput() {}

  static void human(PrintWriter out, Video v, Instant now) {
    line(out, "id", v.id().value());
    line(out, "status", v.status().name().toLowerCase(java.util.Locale.ROOT)
        + (v.rawStatus().equalsIgnoreCase(v.status().name()) ? "" : " (" + v.rawStatus() + ")"));
    line(out, "progress", v.progress() + "%");
    v.createdAt().ifPresent(t -> line(out, "created", t.toString()));
    v.completedAt().ifPresent(t -> line(out, "completed", t.toString()));
    v.expiresAt().ifPresent(t -> line(out, "expires", t + (v.isExpired(now)
        ? " (expired)"
        : " (in " + Durations.format(Duration.between(now, t)) + ")")));
    v.model().ifPresent(m -> line(out, "model", m));
    v.size().ifPresent(s -> line(out, "size", s));
    if (v.seconds().isPresent()) {
      line(out, "seconds", String.valueOf(v.seconds().getAsInt()));
    }
    v.remixedFromVideoId().ifPresent(r -> line(out, "remix of", r.value()));
    v.downloadUrl().ifPresent(u -> line(out, "download url", u.toString()));
    v.error().ifPresent(e -> line(out, "error", e.code().map(c -> c + ": ").orElse("") + e.message()));
    out.flush();
  }

  private static void line(PrintWriter out, String name, String value) {
    out.printf("%-13s %s%n", name + ":", value);
  }

  static String json(Video v) {
    return indented(w -> write(w, v));
  }

  /** Returns the videos as a JSON array of what {@link #json(Video)} writes for each. */
  static String json(List<Video> videos) {
    return indented(w -> {
      w.beginArray();
      for (Video v : videos) {
        write(w, v);
      }
      w.endArray();
    });
  }

  interface Body {
    void write(JsonWriter w) throws IOException;
  }

  static String indented(Body body) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setIndent("  ");
      body.write(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  static void write(JsonWriter w, Video v) throws IOException {
    w.beginObject();
    w.name("id").value(v.id().value());
    w.name("status").value(v.status().name().toLowerCase(java.util.Locale.ROOT));
    w.name("raw_status").value(v.rawStatus());
    w.name("progress").value(v.progress());
    w.name("terminal").value(v.isTerminal());
    instant(w, "created_at", v.createdAt());
    instant(w, "completed_at", v.completedAt());
    instant(w, "expires_at", v.expiresAt());
    optional(w, "model", v.model());
    optional(w, "size", v.size());
    if (v.seconds().isPresent()) {
      w.name("seconds").value(v.seconds().getAsInt());
    }
    optional(w, "remixed_from_video_id", v.remixedFromVideoId().map(Object::toString));
    optional(w, "download_url", v.downloadUrl().map(Object::toString));
    if (v.error().isPresent()) {
      w.name("error").beginObject();
      optional(w, "code", v.error().get().code());
      w.name("message").value(v.error().get().message());
      w.endObject();
    }
    w.endObject();
  }

  private static void instant(JsonWriter w, String name, Optional<Instant> value) throws IOException {
    if (value.isPresent()) {
      w.name(name).value(value.get().toString());
    }
  }

  private static void optional(JsonWriter w, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      w.name(name).value(value.get());
    }
  }
}
