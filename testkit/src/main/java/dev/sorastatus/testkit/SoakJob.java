package dev.sorastatus.testkit;

import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One job of the soak and its timeline, counted from the first time the server is asked about it: queued
 * for {@code queuedMillis}, then in progress with progress rising from 0 to 99 over {@code runningMillis},
 * then {@code finalStatus} for good (a failed job stops at {@code failedAt} percent).
 */
record SoakJob(int index, VideoId id, int queuedMillis, int runningMillis, VideoStatus finalStatus, int failedAt) {

  /** Returns {@code count} jobs whose timelines depend only on {@code seed}; 15 % of them fail. */
  static List<SoakJob> generate(int count, long seed) {
    List<SoakJob> jobs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long r = Seeds.mix(seed ^ Seeds.mix(0x5eed0000L + i));
      int queued = 20 + (int) Long.remainderUnsigned(r, 100);
      int running = 150 + (int) Long.remainderUnsigned(r >>> 8, 300);
      boolean fails = Long.remainderUnsigned(r >>> 20, 100) < 15;
      int failedAt = (int) Long.remainderUnsigned(r >>> 28, 90);
      jobs.add(new SoakJob(i, VideoId.of(String.format("video_soak_%04d", i)), queued, running,
          fails ? VideoStatus.FAILED : VideoStatus.COMPLETED, failedAt));
    }
    return List.copyOf(jobs);
  }

  /** The state of a job at one moment: its wire status and progress. */
  record State(VideoStatus status, String rawStatus, int progress) {
    boolean isTerminal() {
      return status == VideoStatus.COMPLETED || status == VideoStatus.FAILED;
    }
  }

  /** Returns the state {@code elapsedMillis} after the job was first asked about. */
  State stateAt(long elapsedMillis) {
    if (elapsedMillis < queuedMillis) {
      return new State(VideoStatus.QUEUED, "queued", 0);
    }
    long ran = elapsedMillis - queuedMillis;
    if (ran >= runningMillis) {
      return finalState();
    }
    int progress = (int) Math.min(99, ran * 100 / runningMillis);
    if (finalStatus == VideoStatus.FAILED && progress >= failedAt) {
      return finalState();
    }
    return new State(VideoStatus.PROCESSING, "in_progress", progress);
  }

  /** Returns the state the job ends in. */
  State finalState() {
    return finalStatus == VideoStatus.FAILED
        ? new State(VideoStatus.FAILED, "failed", failedAt)
        : new State(VideoStatus.COMPLETED, "completed", 100);
  }

  /** Returns the job in {@code state} as the API's JSON, with the fields a client ignores. */
  String json(State state, long createdAt) {
    boolean done = state.isTerminal();
    String error = state.status() == VideoStatus.FAILED
        ? "{\"code\":\"moderation_blocked\",\"message\":\"Your request was blocked by our moderation system.\","
            + "\"type\":\"invalid_request_error\",\"param\":null}"
        : "null";
    return "{\"id\":\"" + id.value() + "\",\"object\":\"video\",\"created_at\":" + createdAt
        + ",\"status\":\"" + state.rawStatus() + "\",\"model\":\"sora-2\",\"progress\":" + state.progress()
        + ",\"seconds\":\"8\",\"size\":\"1280x720\",\"quality\":\"standard\",\"remixed_from_video_id\":null"
        + ",\"expires_at\":" + (state.status() == VideoStatus.COMPLETED ? String.valueOf(createdAt + 86_400) : "null")
        + ",\"completed_at\":" + (done ? String.valueOf(createdAt + 1) : "null")
        + ",\"error\":" + error + "}";
  }
}
