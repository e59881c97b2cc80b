package dev.sorastatus.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One incoming HTTP request as a {@link WebhookReceiver} needs it, framework-neutral: what a Servlet, Spring
 * or Javalin handler copies out of its own request type. Immutable: the body and headers are copied.
 *
 * @param method the HTTP method, such as {@code POST}
 * @param headers the headers; names are kept in lower case
 * @param query the raw query string without {@code ?}, empty when there is none
 * @param body the raw body, exactly as received
 */
public record WebhookRequest(String method, Map<String, List<String>> headers, String query, byte[] body) {
  /**
   * Checks and copies the request.
   *
   * @param method the HTTP method
   * @param headers the headers
   * @param query the raw query string, empty when there is none
   * @param body the raw body
   * @throws NullPointerException if a component is null
   */
  public WebhookRequest {
    Objects.requireNonNull(method, "method == null");
    headers = Headers.copy(Objects.requireNonNull(headers, "headers == null"));
    Objects.requireNonNull(query, "query == null");
    body = Objects.requireNonNull(body, "body == null").clone();
  }

  /**
   * Returns a request without a query string.
   *
   * <pre>{@code
   * WebhookRequest request = WebhookRequest.of("POST", Map.of("webhook-id", List.of(id)), body);
   * }</pre>
   *
   * @param method the HTTP method
   * @param headers the headers
   * @param body the raw body
   * @return the request
   * @throws NullPointerException if an argument is null
   */
  public static WebhookRequest of(String method, Map<String, List<String>> headers, byte[] body) {
    return new WebhookRequest(method, headers, "", body);
  }

  /**
   * Returns a copy of the body.
   *
   * @return the raw body
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Returns the size of the body, without copying it. */
  int bodyLength() {
    return body.length;
  }

  /** Returns the body itself, for reading only. */
  byte[] bodyUnsafe() {
    return body;
  }

  /**
   * Compares by content, the body's bytes included.
   *
   * @param o another object
   * @return whether it is an equal request
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookRequest && method.equals(((WebhookRequest) o).method)
        && headers.equals(((WebhookRequest) o).headers) && query.equals(((WebhookRequest) o).query)
        && Arrays.equals(body, ((WebhookRequest) o).body);
  }

  /**
   * Returns a hash of the content.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return Objects.hash(method, headers, query, Arrays.hashCode(body));
  }

  /**
   * Returns the method, the header names and the body's size: never header values, which hold signatures
   * and tokens, nor the query, which may.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "WebhookRequest[" + method + ", headers " + headers.keySet() + ", " + body.length + " bytes]";
  }
}
