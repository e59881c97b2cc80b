package dev.sorastatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes a listing body ({@code GET /videos}) into a {@link VideoPage}: OpenAI's
 * {@code {"object":"list","data":[...],"has_more","first_id","last_id"}}, the same inside a
 * {@code {"code":"success","data":{...}}} envelope, {@code items} for {@code data}, a bare array, and
 * gateways that leave out the cursor fields. Each item is read as a status body is, by {@link VideoJson}
 * and {@link VideoMapper}; one that is not a video fails the whole page, naming the item.
 */
final class VideoListJson {
  private static final JsonCursor.Names LIST_FIELDS = new JsonCursor.Names("data", "items", "has_more", "last_id");

  private VideoListJson() {}

  /** The list fields as the wire spelled them; {@code items} null when the body named no array. */
  private static final class WireList {
    List<Video> items;
    List<VideoId> ids;
    String hasMore;
    String lastId;
    WireList inner;
  }

  /**
   * Decodes a listing body.
   *
   * @param body the bytes
   * @param limit the page size asked for: without {@code has_more}, a full page means more may follow
   * @return the page
   * @throws JsonFormatException if the body is not JSON, names no list, or an item is not a video
   */
  static VideoPage decode(byte[] body, int limit) {
    JsonCursor reader = new JsonCursor(body);
    JsonCursor.Token first = reader.peek();
    if (first == JsonCursor.Token.END_DOCUMENT) {
      throw new JsonFormatException("JSON ends early");
    }
    WireList list;
    if (first == JsonCursor.Token.BEGIN_ARRAY) {
      list = new WireList();
      readItems(reader, list);
    } else if (first == JsonCursor.Token.BEGIN_OBJECT) {
      list = readList(reader, 0);
    } else {
      throw new JsonFormatException("expected a JSON object but found " + first);
    }
    if (reader.peek() != JsonCursor.Token.END_DOCUMENT) {
      throw new JsonFormatException("unexpected content after the JSON value");
    }
    if (list.items == null && list.inner != null) {
      list = list.inner;
    }
    if (list.items == null) {
      throw new JsonFormatException("the body has no list of videos (no data array)");
    }
    return page(list, limit);
  }

  private static VideoPage page(WireList list, int limit) {
    Optional<VideoId> lastId = Optional.empty();
    if (!VideoJson.isBlank(list.lastId)) {
      lastId = Optional.of(id(list.lastId.trim(), "last_id"));
    } else if (!list.ids.isEmpty()) {
      lastId = Optional.of(list.ids.get(list.ids.size() - 1));
    }
    String said = list.hasMore == null ? "" : list.hasMore.trim().toLowerCase(Locale.ROOT);
    boolean hasMore = said.equals("true") || (!said.equals("false") && list.items.size() >= limit);
    return new VideoPage(list.items, hasMore && !list.items.isEmpty() && lastId.isPresent(), lastId);
  }

  private static WireList readList(JsonCursor reader, int depth) {
    WireList list = new WireList();
    if (!reader.beginObject()) {
      return list;
    }
    do {
      switch (reader.nextName(LIST_FIELDS)) {
        case 0:
          if (reader.peek() == JsonCursor.Token.BEGIN_ARRAY) {
            readItems(reader, list);
          } else if (depth == 0 && reader.peek() == JsonCursor.Token.BEGIN_OBJECT) {
            list.inner = readList(reader, depth + 1); // new-api's envelope around the list
          } else {
            reader.skipValue();
          }
          break;
        case 1:
          if (reader.peek() == JsonCursor.Token.BEGIN_ARRAY) {
            readItems(reader, list);
          } else {
            reader.skipValue();
          }
          break;
        case 2: list.hasMore = reader.scalar(); break;
        case 3: list.lastId = reader.scalar(); break;
        default: reader.skipValue();
      }
    } while (reader.nextMember());
    return list;
  }

  /** Reads the array at the reader's position, each element a status object. */
  private static void readItems(JsonCursor reader, WireList list) {
    List<Video> items = new ArrayList<>();
    List<VideoId> ids = new ArrayList<>();
    boolean more = reader.beginArray();
    for (int index = 0; more; index++) {
      String what = "data[" + index + "]";
      if (reader.peek() != JsonCursor.Token.BEGIN_OBJECT) {
        throw new JsonFormatException(what + " is not a JSON object but " + reader.peek());
      }
      WireVideo w = VideoJson.readVideoObject(reader, 1);
      // new-api puts its row number in id and the job in task_id
      String raw = !VideoJson.isBlank(w.taskId) ? w.taskId.trim() : VideoJson.isBlank(w.id) ? null : w.id.trim();
      if (raw == null) {
        throw new JsonFormatException(what + " names no job (no id or task_id)");
      }
      VideoId id = id(raw, what + ".id");
      items.add(VideoMapper.map(w, id, what));
      ids.add(id);
      more = reader.nextElement();
    }
    list.items = items;
    list.ids = ids;
  }

  private static VideoId id(String raw, String what) {
    if (!VideoId.isValid(raw)) {
      throw new JsonFormatException(what + " is no valid video id: " + VideoMapper.quoted(raw));
    }
    return VideoId.of(raw);
  }
}
