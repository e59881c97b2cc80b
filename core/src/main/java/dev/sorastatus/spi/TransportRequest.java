package dev.sorastatus.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the protocol built it; for implementers. {@link #toString()} masks credentials.
 *
 * @param method the HTTP method, such as {@code GET}
 * @param uri the absolute URI
 * @param headers the headers to send, in order; names as given
 * @param timeout the time allowed for the whole exchange; the response's head must come within it
 */
public record TransportRequest(
    String method, URI uri, Map<String, String> headers, Duration timeout) {

  private static final java.util.Set<String> SECRET_HEADERS =
      java.util.Set.of("authorization", "api-key", "x-api-key", "cookie", "set-cookie", "proxy-authorization");
  /** Words that make any header name a credential's, such as {@code Ocp-Apim-Subscription-Key}. */
  private static final String[] SECRET_WORDS = {"key", "token", "auth", "secret", "signature", "password"};

  /**
   * Checks and copies the components.
   *
   * @param method the HTTP method, such as {@code GET}
   * @param uri the absolute URI
   * @param headers the headers to send, in order; names as given
   * @param timeout the time allowed for the whole exchange; the response's head must come within it
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public TransportRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive but was " + timeout);
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * Returns whether a header's value must never be shown (credentials and cookies).
   *
   * @param name a header name, any case
   * @return true for {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie},
   *     and any name that contains {@code key}, {@code token}, {@code auth}, {@code secret}, {@code signature}
   *     or {@code password} (such as {@code api-key} or {@code Ocp-Apim-Subscription-Key})
   */
  public static boolean isSecretHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (SECRET_HEADERS.contains(lower)) {
      return true;
    }
    for (String word : SECRET_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the request with secret header values masked. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TransportRequest[").append(method).append(' ').append(uri)
        .append(", headers={");
    String sep = "";
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(sep).append(h.getKey()).append('=')
          .append(isSecretHeader(h.getKey()) ? "***" : h.getValue());
      sep = ", ";
    }
    return sb.append("}, timeout=").append(timeout).append(']').toString();
  }
}
