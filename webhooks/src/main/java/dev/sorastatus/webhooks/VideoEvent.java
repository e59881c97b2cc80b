package dev.sorastatus.webhooks;

import dev.sorastatus.VideoId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A verified event about a video job, as its sender described it: a hint that the job moved, never its
 * state, which only a read gives. Event types other than {@code video.completed} and {@code video.failed}
 * are kept with their raw name as {@link Kind#OTHER} rather than refused.
 *
 * @param id the event's id, the {@code webhook-id} header: the same across the sender's retries
 * @param type the event's type as sent, such as {@code video.completed}
 * @param kind the type as a choice
 * @param createdAt when the sender made the event (the body's {@code created_at} or {@code timestamp}, else
 *     the {@code webhook-timestamp} header)
 * @param videoId the job, the body's {@code data.id}
 */
public record VideoEvent(String id, String type, Kind kind, Instant createdAt, VideoId videoId) {
  /** What an event's type says happened. */
  public enum Kind {
    /** {@code video.completed}. */
    COMPLETED,
    /** {@code video.failed}. */
    FAILED,
    /** Any other type, kept raw in {@link VideoEvent#type()}. */
    OTHER;

    /**
     * Returns the kind of a raw event type.
     *
     * @param type such as {@code video.completed}; compared ignoring case
     * @return the kind, {@link #OTHER} for types this library does not name
     * @throws NullPointerException if {@code type} is null
     */
    public static Kind of(String type) {
      switch (Objects.requireNonNull(type, "type == null").toLowerCase(Locale.ROOT)) {
        case "video.completed":
          return COMPLETED;
        case "video.failed":
          return FAILED;
        default:
          return OTHER;
      }
    }
  }

  /**
   * Checks the event.
   *
   * @param id the event's id
   * @param type the raw type
   * @param kind the type as a choice
   * @param createdAt when the sender made it
   * @param videoId the job
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code id} or {@code type} is blank, or {@code kind} is not the kind
   *     of {@code type}
   */
  public VideoEvent {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(videoId, "videoId == null");
    if (id.isBlank() || type.isBlank()) {
      throw new IllegalArgumentException("an event needs a non-blank id and type");
    }
    if (kind != Kind.of(type)) {
      throw new IllegalArgumentException("kind " + kind + " is not the kind of type " + type);
    }
  }
}
