package dev.sorastatus.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The response to an {@link Exchange}: its status and headers, and its body still on the wire; for
 * implementers. Closing it releases the connection to the transport's pool when the body was read to its
 * end, and discards the connection otherwise, so that an abandoned body is never drained.
 */
public final class StreamedResponse implements Closeable {
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final InputStream body;
  private final Closeable onClose;

  /**
   * Creates a response.
   *
   * @param statusCode the HTTP status, 100..599
   * @param headers the headers as the HTTP library reports them; copied with names in lower case, sorted,
   *     and the status line some libraries list under a null name dropped
   * @param body the body stream
   * @param onClose what releases or discards the connection; called once by {@link #close()}, after the
   *     body stream was closed
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the status is not 100..599
   */
  public StreamedResponse(int statusCode, Map<String, List<String>> headers, InputStream body, Closeable onClose) {
    if (statusCode < 100 || statusCode > 599) {
      throw new IllegalArgumentException("statusCode must be 100..599 but was " + statusCode);
    }
    this.statusCode = statusCode;
    this.headers = normalise(headers);
    this.body = Objects.requireNonNull(body, "body == null");
    this.onClose = Objects.requireNonNull(onClose, "onClose == null");
  }

  private static Map<String, List<String>> normalise(Map<String, List<String>> headers) {
    Objects.requireNonNull(headers, "headers == null");
    Map<String, List<String>> copy = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() == null) {
        continue; // the status line, as some clients report it
      }
      copy.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(e.getValue());
    }
    copy.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(copy);
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
   * Closes the body and releases the connection, or discards it when the body was not read to its end.
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

  /** Returns the status and header names; never header values. */
  @Override
  public String toString() {
    return "StreamedResponse[" + statusCode + ", headers=" + headers.keySet() + "]";
  }
}
