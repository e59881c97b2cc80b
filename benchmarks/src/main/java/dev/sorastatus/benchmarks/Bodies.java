package dev.sorastatus.benchmarks;

import java.nio.charset.StandardCharsets;

/** Status bodies of about 400 bytes in each dialect, shaped like what the servers send. */
final class Bodies {
  static final String VIDEO_ID = "video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5";

  /** OpenAI's video object, as {@code GET /v1/videos/{id}} returns it. */
  static final byte[] OPENAI = utf8("{\"id\":\"" + VIDEO_ID + "\",\"object\":\"video\","
      + "\"created_at\":1758941485,\"status\":\"completed\",\"model\":\"sora-2\",\"progress\":100,"
      + "\"seconds\":\"8\",\"size\":\"1280x720\",\"completed_at\":1758941612,\"expires_at\":1759027885,"
      + "\"error\":null,\"remixed_from_video_id\":null,"
      + "\"prompt\":\"A calico cat plays a grand piano on a dim jazz stage, slow dolly in, warm light\"}");

  /** A gateway's body: its own row id, the task id, millisecond timestamps and {@code meta_data.url}. */
  static final byte[] GATEWAY = utf8("{\"id\":\"1931\",\"task_id\":\"" + VIDEO_ID + "\","
      + "\"status\":\"SUCCESS\",\"progress\":\"100%\",\"created_at\":1758941485123,"
      + "\"finish_time\":1758941612456,\"model\":\"sora-2\",\"fail_reason\":\"\","
      + "\"meta_data\":{\"url\":\"https://cdn.gateway.example.com/v/2025/09/27/" + VIDEO_ID + ".mp4\","
      + "\"duration\":8,\"resolution\":\"1280x720\",\"fps\":30},\"quota\":1200,\"channel_id\":7}");

  /** A new-api envelope around an unfinished task. */
  static final byte[] NEW_API = utf8("{\"code\":\"success\",\"message\":\"\",\"data\":{"
      + "\"task_id\":\"" + VIDEO_ID + "\",\"action\":\"generate\",\"status\":\"IN_PROGRESS\","
      + "\"progress\":\"45%\",\"submit_time\":1758941485,\"start_time\":1758941490,\"finish_time\":0,"
      + "\"platform\":\"sora\",\"model\":\"sora-2\",\"fail_reason\":\"\",\"url\":\"\",\"user_id\":42,"
      + "\"properties\":{\"input\":\"a calico cat at a piano\",\"size\":\"1280x720\"}}}");

  private Bodies() {}

  static byte[] of(String dialect) {
    switch (dialect) {
      case "openai": return OPENAI.clone();
      case "gateway": return GATEWAY.clone();
      case "new-api": return NEW_API.clone();
      default: throw new IllegalArgumentException("unknown dialect " + dialect);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
