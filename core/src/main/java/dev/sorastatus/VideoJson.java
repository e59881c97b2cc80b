package dev.sorastatus;

/**
 * Decodes status and error bodies with {@link JsonCursor}, a strict reader straight over the bytes: one pass,
 * no reflection, field names matched without making strings, unknown fields skipped at any depth, every
 * scalar accepted as a string, number, boolean or null.
 */
final class VideoJson {
  private static final JsonCursor.Names VIDEO_FIELDS = new JsonCursor.Names(
      "id", "task_id", "status", "progress", "created_at", "created", "completed_at", "finish_time",
      "expires_at", "error", "fail_reason", "model", "meta_data", "metadata", "video_url", "url",
      "result_url", "remixed_from_video_id", "size", "seconds", "prompt", "data", "finished_at", "started_at",
      "start_time", "failure_reason", "output", "outputs", "unsigned_urls", "results", "sha256", "size_bytes",
      "video");
  private static final JsonCursor.Names META_FIELDS = new JsonCursor.Names("url", "video_url");
  private static final JsonCursor.Names ERROR_FIELDS = new JsonCursor.Names("code", "message", "type");
  private static final JsonCursor.Names ERROR_BODY_FIELDS =
      new JsonCursor.Names("error", "code", "message", "detail", "type");

  private VideoJson() {}

  /**
   * Reads a status body into its wire shape.
   *
   * @param body the bytes
   * @return the fields found
   * @throws JsonFormatException if the body is not a JSON object
   */
  static WireVideo readVideo(byte[] body) {
    JsonCursor reader = new JsonCursor(body);
    JsonCursor.Token first = reader.peek();
    if (first == JsonCursor.Token.END_DOCUMENT) {
      throw new JsonFormatException("JSON ends early");
    }
    if (first != JsonCursor.Token.BEGIN_OBJECT) {
      throw new JsonFormatException("expected a JSON object but found " + first);
    }
    WireVideo wire = readVideoObject(reader, 0);
    if (reader.peek() != JsonCursor.Token.END_DOCUMENT) {
      throw new JsonFormatException("unexpected content after the JSON object");
    }
    return wire;
  }

  /**
   * Reads one status object at the reader's position; {@code depth} 0 unwraps a {@code data} envelope
   * into {@link WireVideo#data}, deeper ones skip it.
   */
  static WireVideo readVideoObject(JsonCursor reader, int depth) {
    WireVideo w = new WireVideo();
    if (!reader.beginObject()) {
      return w;
    }
    do {
      switch (reader.nextName(VIDEO_FIELDS)) {
        case 0: w.id = reader.scalar(); break;
        case 1: w.taskId = reader.scalar(); break;
        case 2: w.status = reader.scalar(); break;
        case 3: w.progress = reader.scalar(); break;
        case 4: w.createdAt = reader.scalar(); break;
        case 5: w.created = reader.scalar(); break;
        case 6: w.completedAt = reader.scalar(); break;
        case 7: w.finishTime = reader.scalar(); break;
        case 8: w.expiresAt = reader.scalar(); break;
        case 9: readError(reader, w); break;
        case 10: w.failReason = reader.scalar(); break;
        case 11: w.model = reader.scalar(); break;
        case 12: w.metaDataUrl = readMetaUrl(reader, null); break;
        case 13: readMetadata(reader, w); break;
        case 14: w.videoUrl = reader.scalar(); break;
        case 15: w.url = reader.scalar(); break;
        case 16: w.resultUrl = reader.scalar(); break;
        case 17: w.remixedFromVideoId = reader.scalar(); break;
        case 18: w.size = reader.scalar(); break;
        case 19: w.seconds = reader.scalar(); break;
        case 20: w.prompt = reader.scalar(); break;
        case 21:
          if (depth == 0 && reader.peek() == JsonCursor.Token.BEGIN_OBJECT) {
            w.data = readVideoObject(reader, depth + 1);
          } else if (reader.peek() == JsonCursor.Token.BEGIN_ARRAY) {
            w.dataItemUrl = firstUrl(reader, false);
          } else {
            reader.skipValue();
          }
          break;
        case 22: w.finishedAt = reader.scalar(); break;
        case 23: w.startedAt = reader.scalar(); break;
        case 24: w.startTime = reader.scalar(); break;
        case 25: w.failureReason = reader.scalar(); break;
        case 26: w.output = firstUrl(reader, false); break;
        case 27: w.outputsVideoUrl = reader.peek() == JsonCursor.Token.BEGIN_OBJECT ? urlOf(reader, true) : skip(reader); break;
        case 28: w.unsignedUrl = firstUrl(reader, false); break;
        case 29: w.resultsUrl = firstUrl(reader, false); break;
        case 30: w.sha256 = reader.scalar(); break;
        case 31: w.sizeBytes = reader.scalar(); break;
        case 32: w.videoObjectUrl = firstUrl(reader, false); break;
        default:
          reader.skipValue();
      }
    } while (reader.nextMember());
    return w;
  }

  private static void readError(JsonCursor reader, WireVideo w) {
    if (reader.peek() == JsonCursor.Token.BEGIN_OBJECT) {
      String[] codeMessage = readErrorObject(reader);
      w.errorCode = codeMessage[0];
      w.errorMessage = codeMessage[1];
    } else {
      w.errorString = reader.scalar();
    }
  }

  /** Reads {@code {code, message, type, ...}}; returns code (else type) and message. */
  private static String[] readErrorObject(JsonCursor reader) {
    String code = null;
    String message = null;
    String type = null;
    if (reader.beginObject()) {
      do {
        switch (reader.nextName(ERROR_FIELDS)) {
          case 0: code = reader.scalar(); break;
          case 1: message = reader.scalar(); break;
          case 2: type = reader.scalar(); break;
          default: reader.skipValue();
        }
      } while (reader.nextMember());
    }
    return new String[] {isBlank(code) ? type : code, message};
  }

  private static void readMetadata(JsonCursor reader, WireVideo w) {
    if (reader.peek() != JsonCursor.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return;
    }
    String[] urls = new String[2];
    readMetaUrl(reader, urls);
    w.metadataUrl = urls[0];
    w.metadataVideoUrl = urls[1];
  }

  /** Reads {@code meta_data}/{@code metadata}; fills {@code urls} when given, returns {@code url}. */
  private static String readMetaUrl(JsonCursor reader, String[] urls) {
    if (reader.peek() != JsonCursor.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    String url = null;
    String videoUrl = null;
    if (reader.beginObject()) {
      do {
        switch (reader.nextName(META_FIELDS)) {
          case 0: url = reader.scalar(); break;
          case 1: videoUrl = reader.scalar(); break;
          default: reader.skipValue();
        }
      } while (reader.nextMember());
    }
    if (urls != null) {
      urls[0] = url;
      urls[1] = videoUrl;
    }
    return url;
  }

  /**
   * Reads a URL from a value that is a string, an object with {@code url} or {@code video_url}, or an array
   * whose first element is either (the rest skipped).
   */
  private static String firstUrl(JsonCursor reader, boolean preferVideoUrl) {
    if (reader.peek() != JsonCursor.Token.BEGIN_ARRAY) {
      return reader.peek() == JsonCursor.Token.BEGIN_OBJECT ? urlOf(reader, preferVideoUrl) : reader.scalar();
    }
    if (!reader.beginArray()) {
      return null;
    }
    String first = reader.peek() == JsonCursor.Token.BEGIN_OBJECT ? urlOf(reader, preferVideoUrl) : reader.scalar();
    while (reader.nextElement()) {
      reader.skipValue();
    }
    return first;
  }

  /** Reads an object's {@code url} and {@code video_url}, returning the preferred one when both are there. */
  private static String urlOf(JsonCursor reader, boolean preferVideoUrl) {
    String[] urls = new String[2];
    readMetaUrl(reader, urls);
    String first = preferVideoUrl ? urls[1] : urls[0];
    return first != null ? first : preferVideoUrl ? urls[0] : urls[1];
  }

  private static String skip(JsonCursor reader) {
    reader.skipValue();
    return null;
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
    try {
      JsonCursor reader = new JsonCursor(body);
      if (reader.peek() != JsonCursor.Token.BEGIN_OBJECT) {
        return ErrorBody.NONE;
      }
      String code = null;
      String message = null;
      String type = null;
      String nestedCode = null;
      String nestedMessage = null;
      if (reader.beginObject()) {
        do {
          switch (reader.nextName(ERROR_BODY_FIELDS)) {
            case 0:
              if (reader.peek() == JsonCursor.Token.BEGIN_OBJECT) {
                String[] cm = readErrorObject(reader);
                nestedCode = cm[0];
                nestedMessage = cm[1];
              } else {
                nestedMessage = reader.scalar();
              }
              break;
            case 1: code = reader.scalar(); break;
            case 2: message = reader.scalar(); break;
            case 3: if (message == null) { message = reader.scalar(); } else { reader.skipValue(); } break;
            case 4: type = reader.scalar(); break;
            default: reader.skipValue();
          }
        } while (reader.nextMember());
      }
      String c = firstNonBlank(nestedCode, code, type);
      String m = firstNonBlank(nestedMessage, message);
      return new ErrorBody(c, m);
    } catch (JsonFormatException e) {
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
