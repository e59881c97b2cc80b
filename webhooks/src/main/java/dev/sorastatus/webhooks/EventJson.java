package dev.sorastatus.webhooks;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.sorastatus.InvalidVideoIdException;
import dev.sorastatus.VideoId;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import okio.Buffer;

/**
 * Reads the few fields of an event body that a wake needs, streaming and skipping everything else: a
 * Standard Webhooks event ({@code type}, {@code created_at} or {@code timestamp}, {@code data.id}) or a
 * gateway's task object ({@code id}, {@code task_id} or {@code video_id}, at the top or under {@code data}).
 */
final class EventJson {
  private EventJson() {}

  /** The fields found; any may be absent. */
  static final class Fields {
    String type;
    Instant createdAt;
    String id;
    String dataId;

    Optional<String> videoId() {
      return Optional.ofNullable(dataId != null ? dataId : id);
    }
  }

  static Fields read(byte[] body) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      Fields fields = new Fields();
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw malformed("the body is not a JSON object");
      }
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "type":
            fields.type = string(reader);
            break;
          case "created_at":
            fields.createdAt = reader.peek() == JsonReader.Token.NUMBER
                ? Instant.ofEpochSecond(reader.nextLong()) : skipped(reader, fields.createdAt);
            break;
          case "timestamp":
            String ts = string(reader);
            if (fields.createdAt == null && ts != null) {
              fields.createdAt = Instant.parse(ts);
            }
            break;
          case "id":
          case "task_id":
          case "video_id":
            String id = string(reader);
            fields.id = fields.id == null ? id : fields.id;
            break;
          case "data":
            if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
              fields.dataId = dataId(reader);
            } else {
              reader.skipValue();
            }
            break;
          default:
            reader.skipValue();
        }
      }
      reader.endObject();
      return fields;
    } catch (JsonDataException | JsonEncodingException | DateTimeException | ArithmeticException e) {
      throw malformed("the body is not a JSON event (" + e.getClass().getSimpleName() + ")");
    } catch (IOException e) {
      throw malformed("the body could not be read as JSON");
    }
  }

  /** Returns the video id an event or callback names. */
  static VideoId videoId(Fields fields) {
    String raw = fields.videoId().orElseThrow(() -> malformed("the body names no video (no data.id, id or task_id)"));
    try {
      return VideoId.of(raw);
    } catch (InvalidVideoIdException e) {
      throw malformed("the body's video id is not a valid id: " + e.getMessage());
    }
  }

  private static String dataId(JsonReader reader) throws IOException {
    String id = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "id":
        case "task_id":
        case "video_id":
          String value = string(reader);
          id = id == null ? value : id;
          break;
        default:
          reader.skipValue();
      }
    }
    reader.endObject();
    return id;
  }

  private static String string(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) {
      return reader.nextString();
    }
    reader.skipValue();
    return null;
  }

  private static Instant skipped(JsonReader reader, Instant kept) throws IOException {
    reader.skipValue();
    return kept;
  }

  static WebhookVerificationException malformed(String message) {
    return new WebhookVerificationException(WebhookVerificationException.Reason.MALFORMED_BODY, message);
  }
}
