package dev.sorastatus.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response whose body is still on the wire, for downloads; for implementers. Closing it releases
 * the connection (and abandons what is left of the body).
 */
public final class StreamedResponse implements Closeable {
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final InputStream body;
  private final Closeable onClose;

  /**
   * Creates a response.
   *
   * @param statusCode the HTTP status
   * @param headers the headers; names are lower-cased
   * @param body the body stream
   * @param onClose what releases the exchange; called once by {@link #close()}
   */
  public StreamedResponse(int statusCode, Map<String, List<String>> headers, InputStream body, Closeable onClose) {
    this.statusCode = statusCode;
    this.headers = TransportResponse.normalise(headers);
    this.body = Objects.requireNonNull(body, "body == null");
    this.onClose = Objects.requireNonNull(onClose, "onClose == null");
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns every header's values, keyed by lower-case name.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the first value, if present
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns the body; read it before closing this response.
   *
   * @return the body stream
   */
  public InputStream body() {
    return body;
  }

  /**
   * Releases the exchange.
   *
   * @throws IOException if releasing failed
   */
  @Override
  public void close() throws IOException {
    try {
      body.close();
    } finally {
      onClose.close();
    }
  }

  @Override
  public String toString() {
    return "StreamedResponse[" + statusCode + ", headers=" + headers.keySet() + "]";
  }
}
