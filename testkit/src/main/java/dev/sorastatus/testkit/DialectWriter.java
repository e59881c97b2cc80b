package dev.sorastatus.testkit;

import com.squareup.moshi.JsonWriter;
import dev.sorastatus.Video;
import dev.sorastatus.VideoStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okio.Buffer;

/** Writes status, listing and error bodies in one {@link Dialect}, with Moshi's streaming writer. */
abstract class DialectWriter {

  /** Returns how this dialect spells {@code status}. */
  abstract String spell(VideoStatus status);

  /** Writes {@code video} as one object; {@code row} is the job's number, for gateways that show one. */
  abstract void writeVideo(JsonWriter w, Video video, long row) throws IOException;

  /** Returns the status body for {@code video}. */
  byte[] video(Video video, long row) {
    return json(w -> writeVideo(w, video, row));
  }

  /** Returns whether a listing names its first and last job ({@code first_id}, {@code last_id}). */
  abstract boolean sendsListCursors();

  /**
   * Returns a page of the listing: {@code {"object":"list","data":[...],"has_more"}}, with the cursor fields
   * when the dialect sends them, inside {@link #beginEnvelope} when it has one.
   */
  byte[] list(List<Video> videos, List<Long> rows, boolean hasMore) {
    return json(w -> {
      boolean enveloped = beginEnvelope(w);
      w.beginObject();
      w.name("object").value("list");
      w.name("data").beginArray();
      for (int i = 0; i < videos.size(); i++) {
        writeVideo(w, videos.get(i), rows.get(i));
      }
      w.endArray();
      if (sendsListCursors()) {
        w.name("first_id").value(videos.isEmpty() ? null : videos.get(0).id().value());
        w.name("last_id").value(videos.isEmpty() ? null : videos.get(videos.size() - 1).id().value());
      }
      w.name("has_more").value(hasMore);
      w.endObject();
      if (enveloped) {
        w.endObject();
      }
    });
  }

  /** Opens the dialect's success envelope up to its {@code data} name and returns true, or returns false. */
  boolean beginEnvelope(JsonWriter w) throws IOException {
    return false;
  }

  /** Returns an error body. {@code code} may be null. */
  abstract byte[] error(String type, String code, String message);

  /** Returns the HTTP status this dialect answers for a job it does not know. */
  abstract int notFoundStatus();

  /** Returns the error code this dialect sends for a job it does not know. */
  abstract String notFoundCode();

  /** Returns the header that carries the request id. */
  abstract String requestIdHeader();

  /** Returns whether 429s carry {@code retry-after-ms} besides {@code Retry-After}. */
  abstract boolean sendsRetryAfterMillis();

  /** Returns whether a completed job's body points at the fake's content endpoint when the script names no URL. */
  abstract boolean linksContent();

  /** Returns the message for a job this dialect does not know. */
  String notFoundMessage(String id) {
    return "task_not_exist";
  }

  interface Body {
    void write(JsonWriter w) throws IOException;
  }

  static byte[] json(Body body) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      body.write(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readByteArray();
  }

  static void epochSeconds(JsonWriter w, Optional<Instant> instant) throws IOException {
    if (instant.isPresent()) {
      w.value(instant.get().getEpochSecond());
    } else {
      w.nullValue();
    }
  }

  /**
   * Writes the hash and length a gateway announces for a finished video's bytes ({@code sha256},
   * {@code size_bytes}), when the served video carries them.
   */
  static void announcedDigest(JsonWriter w, Video v) throws IOException {
    if (v.sha256().isPresent()) {
      w.name("sha256").value(v.sha256().get());
    }
    if (v.sizeBytes().isPresent()) {
      w.name("size_bytes").value(v.sizeBytes().getAsLong());
    }
  }

  static void epochMillis(JsonWriter w, Optional<Instant> instant) throws IOException {
    if (instant.isPresent()) {
      w.value(instant.get().toEpochMilli());
    } else {
      w.nullValue();
    }
  }

  /** Writes OpenAI's error envelope; {@code param} as gateways and OpenAI spell "none". */
  static byte[] openAiEnvelope(String type, String code, String message, boolean emptyParam) {
    return json(w -> {
      w.beginObject().name("error").beginObject();
      w.name("message").value(message);
      w.name("type").value(type);
      w.name("param");
      if (emptyParam) {
        w.value("");
      } else {
        w.nullValue();
      }
      w.name("code").value(code);
      w.endObject().endObject();
    });
  }
}
