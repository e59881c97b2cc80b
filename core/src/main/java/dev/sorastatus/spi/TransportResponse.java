package dev.sorastatus.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One buffered HTTP response; for implementers. Header names are matched without regard to case.
 *
 * @param statusCode the HTTP status
 * @param headers every header's values, keyed by lower-case name
 * @param body the body bytes read, at most the request's limit
 * @param truncated whether the body was longer than the request's limit and reading stopped there
 */
public record TransportResponse(
    int statusCode, Map<String, List<String>> headers, byte[] body, boolean truncated) {

  /**
   * Checks the components and copies the headers, lower-casing their names.
   *
   * @param statusCode the HTTP status
   * @param headers every header's values, keyed by lower-case name
   * @param body the body bytes read, at most the request's limit
   * @param truncated whether the body was longer than the request's limit and reading stopped there
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the status is not 100..599
   */
  public TransportResponse {
    if (statusCode < 100 || statusCode > 599) {
      throw new IllegalArgumentException("statusCode must be 100..599 but was " + statusCode);
    }
    headers = normalise(headers);
    Objects.requireNonNull(body, "body == null");
  }

  /**
   * Returns headers as the library reports them: names in lower case, sorted, values unmodifiable, and
   * the status line some clients list under a null name dropped.
   *
   * @param headers the headers as a client reports them
   * @return the normalised copy
   */
  public static Map<String, List<String>> normalise(Map<String, List<String>> headers) {
    Objects.requireNonNull(headers, "headers == null");
    Map<String, List<String>> copy = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() == null) {
        continue; // the status line, as some clients report it
      }
      copy.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
          .addAll(e.getValue());
    }
    copy.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the first value, if the header is present
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns every value of a header.
   *
   * @param name the header name, any case
   * @return the values, empty when absent
   */
  public List<String> headerValues(String name) {
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
