package dev.sorastatus;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a video job stands. Gateways spell statuses many ways ({@code in_progress}, {@code running},
 * {@code succeeded}, ...); {@link #fromRaw(String)} maps every known spelling here, and anything else to
 * {@link #UNKNOWN}, which is not terminal, so that a new status never ends a wait by mistake. That includes
 * {@code unknown} and {@code uncertain}, which gateways send when they have lost track of the upstream job
 * (new-api: "the upstream may have run, a retry is unsafe"): such a job is read again, never given up on.
 * docs/dialects.md lists every spelling and where it comes from.
 */
public enum VideoStatus {
  /** Accepted and waiting for capacity. */
  QUEUED,
  /** Being generated. */
  PROCESSING,
  /** Done; the video can be downloaded until it expires. */
  COMPLETED,
  /** Ended without a video (failed, cancelled or expired). */
  FAILED,
  /** A status this library does not know; the raw string is kept on {@link Video#rawStatus()}. */
  UNKNOWN;

  private static final Map<String, VideoStatus> LOWER_CASE = Map.ofEntries(
      Map.entry("queued", QUEUED),
      Map.entry("pending", QUEUED),
      Map.entry("submitted", QUEUED),
      Map.entry("not_start", QUEUED),
      Map.entry("preparing", QUEUED),
      Map.entry("created", QUEUED),
      Map.entry("starting", QUEUED),
      Map.entry("in_queue", QUEUED),
      Map.entry("processing", PROCESSING),
      Map.entry("preprocessing", PROCESSING),
      Map.entry("in_progress", PROCESSING),
      Map.entry("in-progress", PROCESSING),
      Map.entry("running", PROCESSING),
      Map.entry("generating", PROCESSING),
      Map.entry("completed", COMPLETED),
      Map.entry("complete", COMPLETED),
      Map.entry("succeeded", COMPLETED),
      Map.entry("success", COMPLETED),
      Map.entry("finished", COMPLETED),
      Map.entry("done", COMPLETED),
      Map.entry("failed", FAILED),
      Map.entry("failure", FAILED),
      Map.entry("fail", FAILED),
      Map.entry("error", FAILED),
      Map.entry("cancelled", FAILED),
      Map.entry("canceled", FAILED),
      Map.entry("expired", FAILED));
  /** Each spelling in lower and in upper case (as new-api's gateways send it), found without a copy. */
  private static final Map<String, VideoStatus> SPELLINGS = bothCases(LOWER_CASE);

  /**
   * Returns the status a raw status string stands for, ignoring case and surrounding white space.
   *
   * @param raw the status as the server sent it; null gives {@link #UNKNOWN}
   * @return the known status, or {@link #UNKNOWN}
   */
  public static VideoStatus fromRaw(String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    String trimmed = raw.trim();
    VideoStatus status = SPELLINGS.get(trimmed);
    if (status == null) {
      status = LOWER_CASE.get(trimmed.toLowerCase(Locale.ROOT)); // mixed case, rarely sent
    }
    return status == null ? UNKNOWN : status;
  }

  private static Map<String, VideoStatus> bothCases(Map<String, VideoStatus> lowerCase) {
    Map<String, VideoStatus> both = new HashMap<>(lowerCase);
    lowerCase.forEach((spelling, status) -> both.put(spelling.toUpperCase(Locale.ROOT), status));
    return Map.copyOf(both);
  }

  /** The name in lower case, as {@link Video.Builder#status} sets the raw status; made once, not per video. */
  private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

  String lowerCaseName() {
    return lowerCaseName;
  }

  /**
   * Returns whether a job in this status will never change again.
   *
   * @return true for {@link #COMPLETED} and {@link #FAILED}
   */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED;
  }
}
