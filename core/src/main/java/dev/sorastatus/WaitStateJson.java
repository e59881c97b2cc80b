package dev.sorastatus;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import okio.Buffer;

/**
 * Writes {@link WaitState}'s documented JSON form with Moshi's writer and reads it with {@link JsonCursor}:
 * unknown fields skipped, every bad or missing required field an {@link IllegalArgumentException} that names
 * it, never a null pointer.
 */
final class WaitStateJson {
  private static final String[] STATE_NAMES = {
      "version", "video_id", "started_at", "deadline", "next_read_at", "reads", "consecutive_failures",
      "last_video"};
  private static final String[] VIDEO_NAMES = {
      "id", "status", "raw_status", "progress", "created_at", "started_at", "completed_at", "expires_at",
      "error", "model", "download_url", "remixed_from_video_id", "size", "seconds", "prompt", "poll_after",
      "sha256", "size_bytes"};
  private static final String[] ERROR_NAMES = {"code", "message"};
  private static final JsonCursor.Names STATE = new JsonCursor.Names(STATE_NAMES);
  private static final JsonCursor.Names VIDEO = new JsonCursor.Names(VIDEO_NAMES);
  private static final JsonCursor.Names ERROR = new JsonCursor.Names(ERROR_NAMES);
  private static final int LAST_VIDEO = 7;
  private static final int VIDEO_ERROR = 8;

  private WaitStateJson() {}

  static String write(WaitState state) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject();
      w.name("version").value(WaitState.VERSION);
      w.name("video_id").value(state.videoId().value());
      w.name("started_at").value(state.startedAt().toString());
      w.name("deadline").value(state.deadline().toString());
      w.name("next_read_at").value(state.nextReadAt().toString());
      w.name("reads").value(state.reads());
      w.name("consecutive_failures").value(state.consecutiveFailures());
      if (state.lastVideo().isPresent()) {
        writeVideo(w.name("last_video"), state.lastVideo().get());
      }
      w.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer never fails", e);
    }
    return buffer.readUtf8();
  }

  private static void writeVideo(JsonWriter w, Video v) throws IOException {
    w.beginObject();
    w.name("id").value(v.id().value());
    w.name("status").value(v.status().lowerCaseName());
    w.name("raw_status").value(v.rawStatus());
    w.name("progress").value(v.progress());
    optional(w, "created_at", v.createdAt());
    optional(w, "started_at", v.startedAt());
    optional(w, "completed_at", v.completedAt());
    optional(w, "expires_at", v.expiresAt());
    if (v.error().isPresent()) {
      VideoError error = v.error().get();
      w.name("error").beginObject();
      optional(w, "code", error.code());
      w.name("message").value(error.message());
      w.endObject();
    }
    optional(w, "model", v.model());
    optional(w, "download_url", v.downloadUrl());
    optional(w, "remixed_from_video_id", v.remixedFromVideoId().map(VideoId::value));
    optional(w, "size", v.size());
    if (v.seconds().isPresent()) {
      w.name("seconds").value(v.seconds().getAsInt());
    }
    optional(w, "prompt", v.prompt());
    optional(w, "poll_after", v.pollAfter());
    optional(w, "sha256", v.sha256());
    if (v.sizeBytes().isPresent()) {
      w.name("size_bytes").value(v.sizeBytes().getAsLong());
    }
    w.endObject();
  }

  private static void optional(JsonWriter w, String name, Optional<?> value) throws IOException {
    if (value.isPresent()) {
      w.name(name).value(value.get().toString()); // Instant, Duration and URI print as ISO-8601 / RFC 3986
    }
  }

  static WaitState read(String json) {
    try {
      JsonCursor reader = new JsonCursor(json.getBytes(StandardCharsets.UTF_8));
      if (reader.peek() != JsonCursor.Token.BEGIN_OBJECT) {
        throw new IllegalArgumentException("wait state must be a JSON object but starts with " + reader.peek());
      }
      Fields state = new Fields("", STATE_NAMES);
      Fields[] video = new Fields[1];
      state.read(reader, STATE, (index) -> {
        if (index == LAST_VIDEO) {
          video[0] = readVideoFields(reader);
          return true;
        }
        return false;
      });
      if (reader.peek() != JsonCursor.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("wait state has content after its JSON object");
      }
      return toState(state, video[0]);
    } catch (JsonFormatException e) {
      throw new IllegalArgumentException("wait state is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Returns the fields of {@code last_video}, or null when it is JSON null. */
  private static Fields readVideoFields(JsonCursor reader) {
    JsonCursor.Token token = reader.peek();
    if (token == JsonCursor.Token.NULL) {
      reader.skipValue();
      return null;
    }
    if (token != JsonCursor.Token.BEGIN_OBJECT) {
      throw invalid("last_video", "must be an object but is " + token);
    }
    Fields video = new Fields("last_video.", VIDEO_NAMES);
    video.read(reader, VIDEO, (index) -> {
      if (index != VIDEO_ERROR) {
        return false;
      }
      if (reader.peek() == JsonCursor.Token.NULL) {
        reader.skipValue();
      } else if (reader.peek() != JsonCursor.Token.BEGIN_OBJECT) {
        throw invalid("last_video.error", "must be an object but is " + reader.peek());
      } else {
        video.error = new Fields("last_video.error.", ERROR_NAMES);
        video.error.read(reader, ERROR, (i) -> false);
      }
      return true;
    });
    return video;
  }

  private static WaitState toState(Fields f, Fields video) {
    int version = f.integer("version").orElseThrow(() -> missing("version"));
    if (version > WaitState.VERSION) {
      throw new IllegalArgumentException("wait state has version " + version + ", newer than the "
          + WaitState.VERSION + " this library reads");
    }
    if (version < 1) {
      throw invalid("version", "must be 1 or more but is " + version);
    }
    VideoId id = f.parse("video_id", WaitStateJson::videoId).orElseThrow(() -> missing("video_id"));
    Instant startedAt = f.instant("started_at").orElseThrow(() -> missing("started_at"));
    Instant deadline = f.instant("deadline").orElseThrow(() -> missing("deadline"));
    Instant nextReadAt = f.instant("next_read_at").orElseThrow(() -> missing("next_read_at"));
    int reads = f.count("reads");
    int failures = f.count("consecutive_failures");
    Optional<Video> last = video == null ? Optional.empty() : Optional.of(toVideo(video));
    try {
      return new WaitState(id, startedAt, deadline, reads, failures, last, nextReadAt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("wait state is inconsistent: " + e.getMessage(), e);
    }
  }

  private static Video toVideo(Fields f) {
    VideoId id = f.parse("id", WaitStateJson::videoId).orElseThrow(() -> missing("last_video.id"));
    VideoStatus status = f.text("status").map(WaitStateJson::status).orElseThrow(() -> missing("last_video.status"));
    String rawStatus = f.text("raw_status").orElseThrow(() -> missing("last_video.raw_status"));
    int progress = f.integer("progress").orElseThrow(() -> missing("last_video.progress"));
    Optional<VideoError> error = Optional.empty();
    if (f.error != null) {
      String message = f.error.text("message").orElseThrow(() -> missing("last_video.error.message"));
      error = Optional.of(new VideoError(f.error.text("code"), message));
    }
    OptionalInt seconds = f.integer("seconds").map(OptionalInt::of).orElse(OptionalInt.empty());
    OptionalLong sizeBytes = f.parse("size_bytes", Long::parseLong).map(OptionalLong::of).orElse(OptionalLong.empty());
    Optional<Instant> createdAt = f.instant("created_at");
    Optional<Instant> startedAt = f.instant("started_at");
    Optional<Instant> completedAt = f.instant("completed_at");
    Optional<Instant> expiresAt = f.instant("expires_at");
    Optional<URI> downloadUrl = f.parse("download_url", URI::new);
    Optional<VideoId> remixedFrom = f.parse("remixed_from_video_id", WaitStateJson::videoId);
    Optional<Duration> pollAfter = f.parse("poll_after", Duration::parse);
    try { // what the video itself refuses (a progress of 150, a bad sha256) is named by its component
      return new Video(id, status, rawStatus, progress, createdAt, startedAt, completedAt, expiresAt, error,
          f.text("model"), downloadUrl, remixedFrom, f.text("size"), seconds, f.text("prompt"), pollAfter,
          f.text("sha256"), sizeBytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("wait state field last_video is invalid: " + e.getMessage(), e);
    }
  }

  private static VideoId videoId(String text) {
    return VideoId.of(text);
  }

  /** A status name this library does not know (written by a newer one) is {@code UNKNOWN}, never terminal. */
  private static VideoStatus status(String name) {
    try {
      return VideoStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return VideoStatus.UNKNOWN;
    }
  }

  private static IllegalArgumentException missing(String field) {
    return new IllegalArgumentException("wait state field " + field + " is missing");
  }

  private static IllegalArgumentException invalid(String field, String why) {
    return new IllegalArgumentException("wait state field " + field + " " + why);
  }

  /** A parser that may throw, for {@link Fields#parse}. */
  private interface Parser<T> {
    T parse(String text) throws Exception;
  }

  /** The scalar fields of one JSON object, by index into its names; JSON null counts as absent. */
  private static final class Fields {
    private final String prefix;
    private final String[] names;
    private final String[] values;
    Fields error;

    Fields(String prefix, String[] names) {
      this.prefix = prefix;
      this.names = names;
      this.values = new String[names.length];
    }

    /** Reads the object; {@code nested} consumes the value of a field it claims and returns true. */
    void read(JsonCursor reader, JsonCursor.Names selector, IntPredicate nested) {
      if (!reader.beginObject()) {
        return;
      }
      do {
        int index = reader.nextName(selector);
        if (index < 0) {
          reader.skipValue();
        } else if (!nested.test(index)) {
          JsonCursor.Token token = reader.peek();
          if (token == JsonCursor.Token.BEGIN_OBJECT || token == JsonCursor.Token.BEGIN_ARRAY) {
            throw invalid(prefix + names[index], "must be a string or a number but is " + token);
          }
          values[index] = reader.scalar();
        }
      } while (reader.nextMember());
    }

    Optional<String> text(String name) {
      return Optional.ofNullable(values[indexOf(name)]);
    }

    <T> Optional<T> parse(String name, Parser<T> parser) {
      Optional<String> text = text(name);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(parser.parse(text.get()));
      } catch (Exception e) { // NumberFormatException, DateTimeParseException, URISyntaxException, bad id
        String shown = name.equals("download_url") ? "" : ": " + excerpt(text.get()); // a URL's query may be a signature
        throw new IllegalArgumentException("wait state field " + prefix + name + " is invalid" + shown, e);
      }
    }

    Optional<Instant> instant(String name) {
      return parse(name, Instant::parse);
    }

    Optional<Integer> integer(String name) {
      return parse(name, Integer::parseInt);
    }

    int count(String name) {
      int n = integer(name).orElseThrow(() -> missing(prefix + name));
      if (n < 0) {
        throw invalid(prefix + name, "must be 0 or more but is " + n);
      }
      return n;
    }

    private int indexOf(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      throw new IllegalStateException("no field " + name);
    }

    private static String excerpt(String text) {
      return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
  }
}
