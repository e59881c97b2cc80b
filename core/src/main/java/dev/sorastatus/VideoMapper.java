package dev.sorastatus;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns a status body into a {@link Video}: where every gateway dialect is normalised and every value
 * validated, in plain Java so that Moshi never sees a domain type.
 */
final class VideoMapper {
  /** Timestamps above this are milliseconds since the epoch (10^11 seconds is the year 5138). */
  private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);
  /** Beyond 10^15 (ms) is no real date; a constant, since {@code BigDecimal.valueOf(1e15)} formats a double. */
  private static final BigDecimal MAX_EPOCH = BigDecimal.valueOf(1_000_000_000_000_000L);

  private VideoMapper() {}

  /**
   * Decodes a status body of the job {@code requested}.
   *
   * @param body the response body
   * @param requested the id that was asked for: the video returned always has it. A body that names it as
   *     {@code id} or {@code task_id} (gateways that put their own row number in {@code id}) or names no id
   *     at all (job APIs that answer a status URL without repeating the id) is the requested job's
   * @return the video it describes; {@link VideoStatus#UNKNOWN} with an empty raw status when the body names
   *     the job but has no status yet (the first read of some gateways)
   * @throws JsonFormatException if the body is not JSON, has neither a status nor an id, or names another job
   */
  public static Video decode(byte[] body, VideoId requested) {
    WireVideo top = VideoJson.readVideo(body);
    WireVideo w = top.status == null && top.data != null && top.data.looksLikeVideo() ? top.data : top;
    checkNamesRequested(w, requested);
    return map(w, requested, "the body");
  }

  /**
   * Maps a decoded status object to the video of job {@code id}.
   *
   * @param what names the object in a message, such as {@code "the body"} or {@code "item 3"}
   * @throws JsonFormatException if the object has neither a status nor an id
   */
  static Video map(WireVideo w, VideoId id, String what) {
    boolean noStatus = VideoJson.isBlank(w.status);
    if (noStatus && VideoJson.isBlank(w.id) && VideoJson.isBlank(w.taskId)) {
      throw new JsonFormatException(what + " has no status");
    }
    String rawStatus = noStatus ? "" : w.status.trim();
    VideoStatus status = VideoStatus.fromRaw(rawStatus);
    Video.Builder b = Video.builder(id, status).rawStatus(rawStatus);
    b.progress(progress(w.progress));
    instant(w.createdAt != null ? w.createdAt : w.created, b, Field.CREATED);
    instant(w.startedAt != null ? w.startedAt : w.startTime, b, Field.STARTED);
    instant(firstPresent(w.completedAt, w.finishedAt, w.finishTime), b, Field.COMPLETED);
    instant(w.expiresAt, b, Field.EXPIRES);
    error(w, b);
    if (!VideoJson.isBlank(w.model)) {
      b.model(w.model.trim());
    }
    downloadUrl(w, b);
    digest(w, b);
    if (!VideoJson.isBlank(w.remixedFromVideoId) && VideoId.isValid(w.remixedFromVideoId.trim())) {
      b.remixedFromVideoId(VideoId.of(w.remixedFromVideoId.trim()));
    }
    if (!VideoJson.isBlank(w.size)) {
      b.size(w.size.trim());
    }
    Double seconds = number(w.seconds);
    if (seconds != null && seconds >= 0 && seconds < Integer.MAX_VALUE) {
      b.seconds((int) Math.ceil(seconds));
    }
    if (w.prompt != null && !w.prompt.isEmpty()) {
      b.prompt(w.prompt);
    }
    return b.build();
  }

  /**
   * Refuses a body that names another job: a proxy's cache or a gateway's mix-up must never end a wait with
   * someone else's state.
   */
  private static void checkNamesRequested(WireVideo w, VideoId requested) {
    String id = VideoJson.isBlank(w.id) ? null : w.id.trim();
    String taskId = VideoJson.isBlank(w.taskId) ? null : w.taskId.trim();
    if (id == null && taskId == null) {
      return;
    }
    String wanted = requested.value();
    if (wanted.equals(id) || wanted.equals(taskId)) {
      return;
    }
    throw new JsonFormatException("the body is for another job: it names " + quoted(taskId != null ? taskId : id)
        + " but " + wanted + " was asked for");
  }

  /** Returns a server-given id for a message: quoted, and cut short when long. */
  static String quoted(String raw) {
    String s = raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
    StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.append('\'').toString();
  }

  /** Progress as an integer, decimal, numeric string or {@code "45%"}, floored and clamped to 0..100. */
  static int progress(String raw) {
    if (raw == null) {
      return 0;
    }
    int whole = wholePercent(raw);
    if (whole >= 0) {
      return whole;
    }
    String s = raw.trim();
    if (s.endsWith("%")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    Double d = number(s);
    if (d == null) {
      return 0;
    }
    return (int) Math.max(0, Math.min(100, Math.floor(d)));
  }

  /** Returns {@code raw} when it is 1 to 3 digits up to 100, with or without {@code %}, otherwise -1. */
  private static int wholePercent(String raw) {
    int n = raw.length();
    if (n > 0 && raw.charAt(n - 1) == '%') {
      n--;
    }
    long value = n <= 3 ? digits(raw, n) : -1;
    return value <= 100 ? (int) value : -1;
  }

  private enum Field { CREATED, STARTED, COMPLETED, EXPIRES }

  /** Returns the first of the three that is not blank, else null; no varargs array per decode. */
  private static String firstPresent(String first, String second, String third) {
    return !VideoJson.isBlank(first) ? first : !VideoJson.isBlank(second) ? second
        : !VideoJson.isBlank(third) ? third : null;
  }

  /**
   * Keeps the hash and length a gateway announced for the video's bytes, when they are well formed; a
   * malformed announcement is dropped rather than failing the read, since the downloader only checks against
   * values it trusts.
   */
  private static void digest(WireVideo w, Video.Builder b) {
    if (!VideoJson.isBlank(w.sha256)) {
      try {
        b.sha256(w.sha256.trim());
      } catch (IllegalArgumentException notAHash) {
        // not 64 hex digits: no check is better than a check against garbage
      }
    }
    if (!VideoJson.isBlank(w.sizeBytes)) {
      long bytes = digits(w.sizeBytes.trim());
      if (bytes >= 0) {
        b.sizeBytes(bytes);
      }
    }
  }

  private static void instant(String raw, Video.Builder b, Field field) {
    Instant instant = instant(raw);
    if (instant == null) {
      return;
    }
    switch (field) {
      case CREATED: b.createdAt(instant); break;
      case STARTED: b.startedAt(instant); break;
      case COMPLETED: b.completedAt(instant); break;
      default: b.expiresAt(instant); break;
    }
  }

  /**
   * Reads seconds or milliseconds since the epoch (an integer, decimal or numeric string, above 10^11 taken
   * as milliseconds) or an ISO-8601 date-time (see {@link #isoInstant}); zero, negative and unparseable
   * values are absent.
   */
  static Instant instant(String raw) {
    if (VideoJson.isBlank(raw)) {
      return null;
    }
    String s = raw.trim();
    long digits = digits(s);
    if (digits >= 0) {
      if (digits == 0 || digits > 1_000_000_000_000_000L) {
        return null;
      }
      return digits > 100_000_000_000L
          ? Instant.ofEpochSecond(digits / 1000, (digits % 1000) * 1_000_000)
          : Instant.ofEpochSecond(digits);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(s);
    } catch (NumberFormatException e) {
      return isoInstant(s);
    }
    if (value.signum() <= 0 || value.compareTo(MAX_EPOCH) > 0) {
      return null; // 0 means "not yet"; beyond 10^15 ms is no real date
    }
    BigDecimal seconds = value.compareTo(MILLIS_THRESHOLD) > 0 ? value.movePointLeft(3) : value;
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  /**
   * Reads an ISO-8601 date-time as Replicate, Together and Python-built gateways write it: with {@code Z} or
   * an offset such as {@code +00:00}, with or without fractions of a second, with {@code T} or a space between
   * date and time; one without any zone is taken as UTC, the zone every such API reports in.
   */
  private static Instant isoInstant(String s) {
    String text = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException noOffset) {
      try {
        return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notIso) {
        return null;
      }
    }
  }

  private static void error(WireVideo w, Video.Builder b) {
    String code = w.errorCode;
    String message = w.errorMessage;
    if (VideoJson.isBlank(message)) {
      message = firstPresent(w.errorString, w.failReason, w.failureReason);
    }
    if (VideoJson.isBlank(code) && VideoJson.isBlank(message)) {
      return;
    }
    b.error(VideoError.of(VideoJson.isBlank(code) ? null : code.trim(),
        VideoJson.isBlank(message) ? "" : message.trim()));
  }

  /**
   * Sets the first candidate that is an absolute http(s) URL as the download URL, in the documented order: a
   * chain that stops at the first one taken, rather than an array of candidates every decode would allocate.
   */
  private static void downloadUrl(WireVideo w, Video.Builder b) {
    if (downloadUrl(b, w.metaDataUrl) || downloadUrl(b, w.metadataUrl) || downloadUrl(b, w.metadataVideoUrl)
        || downloadUrl(b, w.videoUrl) || downloadUrl(b, w.url) || downloadUrl(b, w.resultUrl)
        || downloadUrl(b, w.output) || downloadUrl(b, w.outputsVideoUrl) || downloadUrl(b, w.unsignedUrl)
        || downloadUrl(b, w.resultsUrl) || downloadUrl(b, w.dataItemUrl)) {
      return;
    }
    downloadUrl(b, w.videoObjectUrl);
  }

  /** Sets {@code candidate} as the download URL if it is an absolute http(s) URL; returns whether it was. */
  private static boolean downloadUrl(Video.Builder b, String candidate) {
    if (candidate == null) {
      return false;
    }
    String text = candidate.trim();
    if (!text.regionMatches(true, 0, "http", 0, 4)) {
      return false; // empty, relative or another scheme: never a download URL
    }
    try {
      b.downloadUrl(text);
      return true;
    } catch (IllegalArgumentException notAUrl) {
      return false; // malformed, or without a host: the next candidate may do
    }
  }

  private static Double number(String raw) {
    if (VideoJson.isBlank(raw)) {
      return null;
    }
    long digits = digits(raw);
    if (digits >= 0) {
      return (double) digits;
    }
    try {
      return new BigDecimal(raw.trim()).doubleValue(); // unlike parseDouble: no NaN, hex or "45f"
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Returns {@code s} as a number when it is 1 to 18 ASCII digits and nothing else, otherwise -1. */
  private static long digits(String s) {
    return digits(s, s.length());
  }

  /** Returns the first {@code n} characters of {@code s} as a number when they are 1 to 18 ASCII digits, else -1. */
  private static long digits(String s, int n) {
    if (n == 0 || n > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
