package dev.sorastatus.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import okio.Buffer;

/**
 * Decodes status and error bodies with Moshi's streaming reader: one pass, no reflection, unknown fields
 * skipped at any depth, every scalar accepted as a string, number, boolean or null.
 */
public final class VideoJson {
  private static final JsonReader.Options VIDEO_FIELDS = JsonReader.Options.of(
      "id", "task_id", "status", "progress", "created_at", "created", "completed_at", "finish_time",
      "expires_at", "error", "fail_reason", "model", "meta_data", "metadata", "video_url", "url",
      "result_url", "remixed_from_video_id", "size", "seconds", "prompt", "data");
  private static final JsonReader.Options META_FIELDS = JsonReader.Options.of("url", "video_url");
  private static final JsonReader.Options ERROR_FIELDS = JsonReader.Options.of("code", "message", "type");
  private static final JsonReader.Options ERROR_BODY_FIELDS =
      JsonReader.Options.of("error", "code", "message", "detail", "type");

  private VideoJson() {}

  /**
   * Reads a status body into its wire shape.
   *
   * @param body the bytes
   * @return the fields found
   * @throws JsonFormatException if the body is not a JSON object
   */
  static WireVideo readVideo(byte[] body) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      reader.setLenient(false);
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new JsonFormatException("expected a JSON object but found " + reader.peek());
      }
      WireVideo wire = readVideoObject(reader, 0);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonFormatException("unexpected content after the JSON object");
      }
      return wire;
    } catch (JsonEncodingException | JsonDataException e) {
      throw new JsonFormatException(e.getMessage(), e);
    } catch (java.io.EOFException e) {
      throw new JsonFormatException("JSON ends early", e);
    } catch (IOException e) {
      throw new JsonFormatException(e.getMessage(), e);
    }
  }

  private static WireVideo readVideoObject(JsonReader reader, int depth) throws IOException {
    WireVideo w = new WireVideo();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(VIDEO_FIELDS)) {
        case 0: w.id = scalar(reader); break;
        case 1: w.taskId = scalar(reader); break;
        case 2: w.status = scalar(reader); break;
        case 3: w.progress = scalar(reader); break;
        case 4: w.createdAt = scalar(reader); break;
        case 5: w.created = scalar(reader); break;
        case 6: w.completedAt = scalar(reader); break;
        case 7: w.finishTime = scalar(reader); break;
        case 8: w.expiresAt = scalar(reader); break;
        case 9: readError(reader, w); break;
        case 10: w.failReason = scalar(reader); break;
        case 11: w.model = scalar(reader); break;
        case 12: w.metaDataUrl = readMetaUrl(reader, null); break;
        case 13: readMetadata(reader, w); break;
        case 14: w.videoUrl = scalar(reader); break;
        case 15: w.url = scalar(reader); break;
        case 16: w.resultUrl = scalar(reader); break;
        case 17: w.remixedFromVideoId = scalar(reader); break;
        case 18: w.size = scalar(reader); break;
        case 19: w.seconds = scalar(reader); break;
        case 20: w.prompt = scalar(reader); break;
        case 21:
          if (depth == 0 && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
            w.data = readVideoObject(reader, depth + 1);
          } else {
            reader.skipValue();
          }
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return w;
  }

  private static void readError(JsonReader reader, WireVideo w) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.BEGIN_OBJECT) {
      String[] codeMessage = readErrorObject(reader);
      w.errorCode = codeMessage[0];
      w.errorMessage = codeMessage[1];
    } else {
      w.errorString = scalar(reader);
    }
  }

  /** Reads {@code {code, message, type, ...}}; returns code (else type) and message. */
  private static String[] readErrorObject(JsonReader reader) throws IOException {
    String code = null;
    String message = null;
    String type = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(ERROR_FIELDS)) {
        case 0: code = scalar(reader); break;
        case 1: message = scalar(reader); break;
        case 2: type = scalar(reader); break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return new String[] {isBlank(code) ? type : code, message};
  }

  private static void readMetadata(JsonReader reader, WireVideo w) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return;
    }
    String[] urls = new String[2];
    readMetaUrl(reader, urls);
    w.metadataUrl = urls[0];
    w.metadataVideoUrl = urls[1];
  }

  /** Reads {@code meta_data}/{@code metadata}; fills {@code urls} when given, returns {@code url}. */
  private static String readMetaUrl(JsonReader reader, String[] urls) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    String url = null;
    String videoUrl = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(META_FIELDS)) {
        case 0: url = scalar(reader); break;
        case 1: videoUrl = scalar(reader); break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    if (urls != null) {
      urls[0] = url;
      urls[1] = videoUrl;
    }
    return url;
  }

  /** Returns a scalar's text; null for JSON null, an object or an array (which are skipped). */
  private static String scalar(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case STRING:
      case NUMBER:
        return reader.nextString();
      case BOOLEAN:
        return String.valueOf(reader.nextBoolean());
      case NULL:
        return reader.nextNull();
      default:
        reader.skipValue();
        return null;
    }
  }

  /**
   * Reads an error body's code and message from any of the shapes servers send:
   * {@code {"error":{"code","message","type"}}}, {@code {"error":"text"}}, {@code {"code","message"}} or
   * {@code {"detail":"text"}}.
   *
   * @param body the bytes
   * @return the code and message found; both empty when the body is not JSON
   */
  public static ErrorBody readError(byte[] body) {
    if (body.length == 0) {
      return ErrorBody.NONE;
    }
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return ErrorBody.NONE;
      }
      String code = null;
      String message = null;
      String type = null;
      String nestedCode = null;
      String nestedMessage = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(ERROR_BODY_FIELDS)) {
          case 0:
            if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
              String[] cm = readErrorObject(reader);
              nestedCode = cm[0];
              nestedMessage = cm[1];
            } else {
              nestedMessage = scalar(reader);
            }
            break;
          case 1: code = scalar(reader); break;
          case 2: message = scalar(reader); break;
          case 3: if (message == null) { message = scalar(reader); } else { reader.skipValue(); } break;
          case 4: type = scalar(reader); break;
          default:
            reader.skipName();
            reader.skipValue();
        }
      }
      reader.endObject();
      String c = firstNonBlank(nestedCode, code, type);
      String m = firstNonBlank(nestedMessage, message);
      return new ErrorBody(c, m);
    } catch (IOException | JsonDataException e) {
      return ErrorBody.NONE; // not JSON: the caller falls back to an excerpt of the text
    }
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (!isBlank(v)) {
        return v.trim();
      }
    }
    return null;
  }
}
