package dev.sorastatus;

import dev.sorastatus.spi.StreamedResponse;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One response with its body read into memory, up to the size limit, as the protocol maps it. Header names
 * are matched without regard to case.
 */
final class TransportResponse {
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final boolean truncated;

  /**
   * Creates a response, normalising the headers as {@link StreamedResponse} does.
   *
   * @param headers the headers as a client reports them
   */
  TransportResponse(int statusCode, Map<String, List<String>> headers, byte[] body, boolean truncated) {
    this(new StreamedResponse(statusCode, headers, InputStream.nullInputStream(), () -> { }), body, truncated);
  }

  /** Returns headers as the library reports them, normalised as {@link StreamedResponse} does. */
  static Map<String, List<String>> normalise(Map<String, List<String>> headers) {
    return new StreamedResponse(200, headers, InputStream.nullInputStream(), () -> { }).headers();
  }

  /** Creates the buffered form of {@code head}, whose headers are normalised already. */
  TransportResponse(StreamedResponse head, byte[] body, boolean truncated) {
    this.statusCode = head.statusCode();
    this.headers = head.headers();
    this.body = Objects.requireNonNull(body, "body == null");
    this.truncated = truncated;
  }

  int statusCode() {
    return statusCode;
  }

  /** Returns every header's values, keyed by lower-case name. */
  Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns the body bytes read, at most the limit. */
  byte[] body() {
    return body;
  }

  /** Returns whether the body was longer than the limit and reading stopped there. */
  boolean truncated() {
    return truncated;
  }

  /** Returns the first value of a header. */
  Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns every value of a header, empty when absent. */
  List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TransportResponse)) {
      return false;
    }
    TransportResponse r = (TransportResponse) o;
    return statusCode == r.statusCode && truncated == r.truncated && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statusCode, headers, truncated) * 31 + Arrays.hashCode(body);
  }

  /** Returns the status, header names and body size; never header values or the body. */
  @Override
  public String toString() {
    return "TransportResponse[" + statusCode + ", headers=" + headers.keySet() + ", body=" + body.length
        + " bytes" + (truncated ? " (truncated)" : "") + "]";
  }
}
