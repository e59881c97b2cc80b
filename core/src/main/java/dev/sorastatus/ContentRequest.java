package dev.sorastatus;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link VideoContentPort} is asked to stream: one variant of a finished job, either from an absolute
 * URL (such as the {@linkplain Video#downloadUrl() download URL} a gateway put in the status body) or from
 * the API's content endpoint, optionally from a byte offset on. {@link #toString()} never shows a URL's
 * query, which may be a signature.
 *
 * <pre>{@code
 * ContentRequest whole = ContentRequest.of(VideoId.of("video_123"), Variant.THUMBNAIL);
 * ContentRequest rest = whole.from(1_048_576, Optional.of("\"etag-1\""));
 * }</pre>
 *
 * @param videoId the job the content belongs to
 * @param variant which file of the job
 * @param url where to fetch it; empty for the API's content endpoint
 * @param offset the first byte wanted; 0 for the whole file
 * @param ifRange the entity tag the bytes before {@code offset} came with, so that a server whose file
 *     changed sends the whole new file instead of the rest of the old one; only meaningful with an offset
 */
record ContentRequest(
    VideoId videoId, Variant variant, Optional<URI> url, long offset, Optional<String> ifRange) {

  /**
   * Checks the components.
   *
   * @param videoId the job the content belongs to
   * @param variant which file of the job
   * @param url where to fetch it; empty for the API's content endpoint
   * @param offset the first byte wanted; 0 for the whole file
   * @param ifRange the entity tag the bytes before {@code offset} came with, so that a server whose file changed sends the whole new file instead of the rest of the old one; only meaningful with an offset
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the offset is negative, or the URL is not absolute http(s)
   */
  public ContentRequest {
    Objects.requireNonNull(videoId, "videoId == null");
    Objects.requireNonNull(variant, "variant == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(ifRange, "ifRange == null");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0 but was " + offset);
    }
    url.ifPresent(ContentRequest::checkUrl);
  }

  /**
   * Returns the request for the whole of {@code variant} from the API's content endpoint.
   *
   * @param videoId the job
   * @param variant which file
   * @return the request
   * @throws NullPointerException if an argument is null
   */
  public static ContentRequest of(VideoId videoId, Variant variant) {
    return new ContentRequest(videoId, variant, Optional.empty(), 0, Optional.empty());
  }

  /**
   * Returns the request for the whole file at {@code url}.
   *
   * @param videoId the job the file belongs to
   * @param variant which file of the job the URL holds
   * @param url an absolute {@code http} or {@code https} URL
   * @return the request
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the URL is not absolute http(s)
   */
  public static ContentRequest of(VideoId videoId, Variant variant, URI url) {
    Objects.requireNonNull(url, "url == null");
    return new ContentRequest(videoId, variant, Optional.of(url), 0, Optional.empty());
  }

  /**
   * Returns this request starting at byte {@code offset}, to resume a transfer that broke off there.
   *
   * @param offset the first byte wanted
   * @param ifRange the entity tag of the bytes already held, if the server sent a strong one
   * @return the new request
   * @throws NullPointerException if {@code ifRange} is null
   * @throws IllegalArgumentException if {@code offset} is negative
   */
  public ContentRequest from(long offset, Optional<String> ifRange) {
    return new ContentRequest(videoId, variant, url, offset, ifRange);
  }

  /** Returns the job, variant, offset and the URL without its query. */
  @Override
  public String toString() {
    return "ContentRequest[" + videoId + ", " + variant.wireName()
        + ", " + url.map(Urls::withoutQuery).orElse("content endpoint")
        + (offset > 0 ? ", from byte " + offset : "") + "]";
  }

  private static void checkUrl(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
        || url.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute http(s) URI");
    }
  }
}
