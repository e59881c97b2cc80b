package dev.sorastatus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a key's jobs, as {@link VideoStatusPort#list(VideoListQuery)} read it.
 *
 * <pre>{@code
 * VideoPage page = port.list(VideoListQuery.defaults());
 * if (page.hasMore()) {
 *   VideoPage next = port.list(VideoListQuery.defaults().withAfter(page.lastId().orElseThrow()));
 * }
 * }</pre>
 *
 * @param videos the jobs on this page, in the order the server listed them
 * @param hasMore whether a next page may follow; when true, {@code lastId} is present
 * @param lastId the cursor for the next page: the server's {@code last_id}, else the id of the last job on
 *     the page; absent on an empty page
 */
public record VideoPage(List<Video> videos, boolean hasMore, Optional<VideoId> lastId) {

  /**
   * Copies the list and checks that a page with more to come names its cursor.
   *
   * @param videos the jobs on this page
   * @param hasMore whether a next page may follow
   * @param lastId the cursor for the next page
   * @throws NullPointerException if a component or a video is null
   * @throws IllegalArgumentException if {@code hasMore} is true and {@code lastId} is absent
   */
  public VideoPage {
    videos = List.copyOf(Objects.requireNonNull(videos, "videos == null"));
    Objects.requireNonNull(lastId, "lastId == null");
    if (hasMore && lastId.isEmpty()) {
      throw new IllegalArgumentException("a page with more to come needs a lastId");
    }
  }
}
