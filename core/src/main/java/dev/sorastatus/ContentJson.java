package dev.sorastatus;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Optional;
import okio.Buffer;

/**
 * Finds the file's URL in a content response that is JSON instead of bytes, as some gateways answer
 * {@code /videos/{id}/content}: {@code url}, {@code video_url}, {@code download_url} or {@code result_url},
 * at the top or inside {@code data}, {@code meta_data} or {@code metadata}.
 */
final class ContentJson {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "url", "video_url", "download_url", "result_url", "data", "meta_data", "metadata");

  private ContentJson() {}

  /**
   * Returns the URL the body names, the top level first.
   *
   * @param body the bytes
   * @return the URL text as sent, if the body is a JSON object naming one
   */
  public static Optional<String> url(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return Optional.empty();
      }
      return Optional.ofNullable(read(reader, 0));
    } catch (IOException | JsonDataException e) {
      return Optional.empty();
    }
  }

  private static String read(JsonReader reader, int depth) throws IOException {
    String[] direct = new String[4];
    String nested = null;
    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(FIELDS);
      if (field >= 0 && field < 4 && reader.peek() == JsonReader.Token.STRING) {
        direct[field] = reader.nextString();
      } else if (field >= 4 && depth == 0 && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
        String found = read(reader, depth + 1);
        nested = nested == null ? found : nested;
      } else {
        if (field < 0) {
          reader.skipName();
        }
        reader.skipValue();
      }
    }
    reader.endObject();
    for (String d : direct) {
      if (d != null && !d.isBlank()) {
        return d.trim();
      }
    }
    return nested;
  }
}
