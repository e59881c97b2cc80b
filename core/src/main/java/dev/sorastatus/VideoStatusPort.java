package dev.sorastatus;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Reads where a video job stands. This is the port the rest of the library (the poller, the downloader)
 * and your code depend on; {@link SoraClient} (over either transport) and the testkit's fake implement it.
 * Implementations are thread-safe.
 *
 * <pre>{@code
 * try (var port = SoraClient.create(config)) {
 *   Video video = port.retrieve(VideoId.of("video_123"));
 * }
 * }</pre>
 */
public interface VideoStatusPort {

  /**
   * Returns the latest state of the job {@code id}, blocking until it is read.
   *
   * <p>The video returned always has {@code id} as its id: an answer that names another job is refused as
   * malformed, and one that names no job at all is taken as this job's. {@code VideoPoller} checks this again
   * for every port, so a port that breaks the rule costs a read, never a wrong result.
   *
   * @param id the job to read
   * @return the job's state, whose {@link Video#id()} equals {@code id}
   * @throws NullPointerException if {@code id} is null
   * @throws VideoNotFoundException if the server does not know the job (it never existed, expired or
   *     was deleted)
   * @throws SoraApiException for any other error status, its {@link SoraApiException#kind() kind} saying
   *     which: the API key was refused (HTTP 401), the key may not read the job (403), the server asked to
   *     slow down (429, with {@link SoraApiException#retryAfter()}), the server failed (5xx), a redirect
   *     (never followed), or any other status
   * @throws MalformedResponseException if a successful response is not a video of this job (empty, not
   *     JSON, no status, another job's id) or is larger than the configured limit
   * @throws SoraTransportException if the request could not be sent or answered (connection refused or
   *     reset, a timeout, an interrupt), or a port that retries ran out of its per-call deadline ({@link
   *     SoraTransportException#deadline()}, {@link RetryPolicy#deadline()})
   */
  Video retrieve(VideoId id);

  /**
   * Returns the latest state of the job {@code id} without blocking the calling thread.
   *
   * <p>The future completes with the same values and fails with the same exceptions as
   * {@link #retrieve(VideoId)}; cancelling it abandons the request.
   *
   * @param id the job to read
   * @return a future of the job's state
   * @throws NullPointerException if {@code id} is null
   */
  CompletableFuture<Video> retrieveAsync(VideoId id);

  /**
   * Returns one page of the key's jobs ({@code GET /videos}), blocking until it is read; most callers want
   * {@link #listPages(VideoListQuery)}, which follows the pages by itself.
   *
   * <p>Each job on the page is read as {@link #retrieve(VideoId)} reads one, and the call retries and fails
   * as {@code retrieve} does. A port that cannot list throws {@link UnsupportedOperationException}, which
   * this default does.
   *
   * @param query the page size, order and cursor
   * @return the page
   * @throws NullPointerException if {@code query} is null
   * @throws VideoNotFoundException if the server does not know the job {@code query.after()} names
   * @throws SoraApiException for any other error status, as {@link #retrieve(VideoId)} does; a 404 from a server
   *     without a listing is of kind {@link SoraApiException.Kind#REJECTED REJECTED}
   * @throws MalformedResponseException if a successful response is not a list of videos, or one of its
   *     items is not a video; the message names the item
   * @throws SoraTransportException as {@link #retrieve(VideoId)} does
   * @throws UnsupportedOperationException if this port cannot list jobs
   */
  default VideoPage list(VideoListQuery query) {
    Objects.requireNonNull(query, "query == null");
    throw new UnsupportedOperationException(getClass().getName() + " does not list jobs");
  }

  /**
   * Returns one page of the key's jobs without blocking the calling thread.
   *
   * <p>The future completes with the same values and fails with the same exceptions as
   * {@link #list(VideoListQuery)}; cancelling it abandons the request. This default fails it with
   * {@link UnsupportedOperationException}.
   *
   * @param query the page size, order and cursor
   * @return a future of the page
   * @throws NullPointerException if {@code query} is null
   */
  default CompletableFuture<VideoPage> listAsync(VideoListQuery query) {
    Objects.requireNonNull(query, "query == null");
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(getClass().getName() + " does not list jobs"));
  }

  /**
   * Returns the key's jobs page by page, starting at {@code query} and following each page's
   * {@link VideoPage#lastId()}. Lazy: each {@code next()} reads one page with {@link #list(VideoListQuery)}
   * (and throws what it throws, after which the next {@code next()} reads that page again), {@code hasNext()}
   * never reads; it ends after a page without {@link VideoPage#hasMore()} or an empty one, and a server that
   * answers the same cursor again is a {@link MalformedResponseException} rather than an endless loop.
   *
   * <pre>{@code
   * Iterator<VideoPage> pages = port.listPages(VideoListQuery.defaults().withLimit(100));
   * while (pages.hasNext()) {
   *   for (Video video : pages.next().videos()) {
   *     System.out.println(video.id() + " " + video.status());
   *   }
   * }
   * }</pre>
   *
   * @param query the first page's size, order and cursor; the later pages keep its size and order
   * @return an iterator for one pass; not thread-safe
   * @throws NullPointerException if {@code query} is null
   */
  default Iterator<VideoPage> listPages(VideoListQuery query) {
    Objects.requireNonNull(query, "query == null");
    return new Iterator<>() {
      private VideoListQuery next = query;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public VideoPage next() {
        if (next == null) {
          throw new NoSuchElementException("no more pages");
        }
        VideoListQuery asked = next;
        VideoPage page = list(asked); // when it throws, the next next() reads the same page again
        next = null;
        if (page.hasMore() && !page.videos().isEmpty()) {
          VideoId cursor = page.lastId().orElseThrow();
          if (asked.after().equals(page.lastId())) {
            throw new MalformedResponseException("the page after " + cursor + " ends at " + cursor
                + " again: the server ignores 'after', so the listing would never end", 200, "", null);
          }
          next = asked.withAfter(cursor);
        }
        return page;
      }
    };
  }
}
