package dev.sorastatus.webhooks;

import dev.sorastatus.webhooks.WebhookVerificationException.Reason;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link WebhookReceiver} checks the unsigned {@code callback_url} posts that video gateways send when
 * a job moves (often the whole task object, with {@code id} or {@code task_id}; sometimes a progress update).
 * Such a post carries no signature, so it is only ever a wake-up: the state comes from the read it triggers,
 * and a forged post costs one read. A shared token, put in the callback URL's query or a header when the job
 * is created, keeps strangers from causing even that; it is compared in constant time and never shown.
 *
 * <pre>{@code
 * GatewayCallbacks callbacks = GatewayCallbacks.tokenInQuery("token", System.getenv("CALLBACK_TOKEN"));
 * }</pre>
 */
public final class GatewayCallbacks {
  private final String place;
  private final String name;
  private final String token;

  private GatewayCallbacks(String place, String name, String token) {
    this.place = place;
    this.name = name;
    this.token = token;
  }

  /**
   * Returns a check that takes any post as a wake-up: for an endpoint that only the gateway can reach.
   *
   * @return the check
   */
  public static GatewayCallbacks unchecked() {
    return new GatewayCallbacks("none", "", "");
  }

  /**
   * Returns a check that wants {@code token} in the header {@code header}.
   *
   * @param header the header's name, matched ignoring case
   * @param token the shared token
   * @return the check
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public static GatewayCallbacks tokenInHeader(String header, String token) {
    return new GatewayCallbacks("header", nonBlank(header, "header"), nonBlank(token, "token"));
  }

  /**
   * Returns a check that wants {@code token} in the query parameter {@code parameter} of the callback URL.
   *
   * @param parameter the parameter's name
   * @param token the shared token
   * @return the check
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public static GatewayCallbacks tokenInQuery(String parameter, String token) {
    return new GatewayCallbacks("query", nonBlank(parameter, "parameter"), nonBlank(token, "token"));
  }

  /** Throws unless the request carries the token. */
  void check(WebhookRequest request) {
    Optional<String> given;
    switch (place) {
      case "none":
        return;
      case "header":
        given = Headers.first(request.headers(), name);
        break;
      default:
        given = queryParameter(request.query(), name);
    }
    if (given.isEmpty()) {
      throw new WebhookVerificationException(Reason.BAD_TOKEN, "the callback has no token in its " + place
          + " " + name);
    }
    if (!Secrets.equalInConstantTime(given.get(), token)) {
      throw new WebhookVerificationException(Reason.BAD_TOKEN, "the callback's token in its " + place + " " + name
          + " is wrong");
    }
  }

  static Optional<String> queryParameter(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      try {
        if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
          return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      } catch (IllegalArgumentException badEscape) {
        // a garbled pair names nothing
      }
    }
    return Optional.empty();
  }

  private static String nonBlank(String s, String what) {
    Objects.requireNonNull(s, what + " == null");
    if (s.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    return s;
  }

  /** Returns where the token is looked for; never the token. */
  @Override
  public String toString() {
    return place.equals("none") ? "GatewayCallbacks[unchecked]"
        : "GatewayCallbacks[token in " + place + " " + name + ", redacted]";
  }

}
