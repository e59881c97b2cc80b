package dev.sorastatus;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a key's jobs to list ({@code GET /videos?limit=&order=&after=}): how many per page, in
 * which order, and after which job. {@link VideoStatusPort#listPages(VideoListQuery)} follows {@code after}
 * from page to page by itself.
 *
 * <pre>{@code
 * VideoListQuery query = VideoListQuery.defaults().withLimit(50).withOrder("asc");
 * }</pre>
 *
 * @param limit jobs per page, 1 to {@value #MAX_LIMIT}
 * @param order {@code asc} (oldest first) or {@code desc} (newest first, the API's default when absent)
 * @param after list the jobs that come after this one; absent for the first page
 */
public record VideoListQuery(int limit, Optional<String> order, Optional<VideoId> after) {
  /** The page size the API uses when none is asked for. */
  public static final int DEFAULT_LIMIT = 20;
  /** The largest page size the API accepts. */
  public static final int MAX_LIMIT = 100;

  /**
   * Checks every component and lower-cases the order.
   *
   * @param limit jobs per page, 1 to {@value #MAX_LIMIT}
   * @param order {@code asc} or {@code desc}, any letter case
   * @param after the job to list after
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code limit} is outside 1..{@value #MAX_LIMIT} or {@code order} is
   *     neither {@code asc} nor {@code desc}
   */
  public VideoListQuery {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(after, "after == null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " but was " + limit);
    }
    order = order.map(o -> o.trim().toLowerCase(Locale.ROOT));
    if (order.isPresent() && !order.get().equals("asc") && !order.get().equals("desc")) {
      throw new IllegalArgumentException("order must be asc or desc but was '" + order.get() + "'");
    }
  }

  /**
   * Returns the first page at the API's defaults: {@value #DEFAULT_LIMIT} jobs, newest first.
   *
   * @return the query
   */
  public static VideoListQuery defaults() {
    return new VideoListQuery(DEFAULT_LIMIT, Optional.empty(), Optional.empty());
  }

  /**
   * Returns this query with another page size.
   *
   * @param limit jobs per page, 1 to {@value #MAX_LIMIT}
   * @return the changed copy
   * @throws IllegalArgumentException if {@code limit} is out of range
   */
  public VideoListQuery withLimit(int limit) {
    return new VideoListQuery(limit, order, after);
  }

  /**
   * Returns this query in another order.
   *
   * @param order {@code asc} (oldest first) or {@code desc} (newest first), any letter case
   * @return the changed copy
   * @throws NullPointerException if {@code order} is null
   * @throws IllegalArgumentException if it is neither
   */
  public VideoListQuery withOrder(String order) {
    return new VideoListQuery(limit, Optional.of(Objects.requireNonNull(order, "order == null")), after);
  }

  /**
   * Returns this query for the page after job {@code after}, such as a page's {@link VideoPage#lastId()}.
   *
   * @param after the last job already seen
   * @return the changed copy
   * @throws NullPointerException if {@code after} is null
   */
  public VideoListQuery withAfter(VideoId after) {
    return new VideoListQuery(limit, order, Optional.of(Objects.requireNonNull(after, "after == null")));
  }
}
