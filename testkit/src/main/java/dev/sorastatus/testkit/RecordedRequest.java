package dev.sorastatus.testkit;

import dev.sorastatus.VideoId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the fake answered, in memory or over HTTP, with credentials masked ({@code Bearer sk-***}).
 *
 * @param at when it arrived, on the fake's {@link VirtualTime}
 * @param method the HTTP method, such as {@code GET}
 * @param path the raw path, such as {@code /v1/videos/video_123}
 * @param query the raw query without {@code ?}, empty when there was none
 * @param headers every header's values keyed by lower-case name, secrets masked
 * @param statusCode the status answered, or 0 when the connection was dropped before an answer
 * @param videoId the job the path names, if it names a valid id
 */
public record RecordedRequest(
    Instant at,
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    int statusCode,
    Optional<VideoId> videoId) {

  /**
   * Checks the components and copies the headers.
   *
   * @param at when it arrived, on the fake's {@link VirtualTime}
   * @param method the HTTP method, such as {@code GET}
   * @param path the raw path, such as {@code /v1/videos/video_123}
   * @param query the raw query without {@code ?}, empty when there was none
   * @param headers every header's values keyed by lower-case name, secrets masked
   * @param statusCode the status answered, or 0 when the connection was dropped before an answer
   * @param videoId the job the path names, if it names a valid id
   * @throws NullPointerException if a component is null
   */
  public RecordedRequest {
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(videoId, "videoId == null");
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the first value of a header, masked if it is a credential.
   *
   * @param name the header name, any case
   * @return the value, if the request had the header
   */
  public Optional<String> header(String name) {
    Objects.requireNonNull(name, "name == null");
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns whether this request read a job's content rather than its status.
   *
   * @return true for {@code /videos/{id}/content}
   */
  public boolean isContent() {
    return path.endsWith("/content");
  }

  /** Returns {@code GET /v1/videos/video_123 -> 200}. */
  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> "
        + (statusCode == 0 ? "dropped" : String.valueOf(statusCode));
  }
}
