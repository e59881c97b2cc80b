package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the protocol tells {@link System.Logger} {@code dev.sorastatus.http}: each attempt and its outcome
 * at {@code DEBUG}, headers at {@code TRACE}, with credentials and cookies redacted and the key masked
 * wherever a server echoes it. Nothing is built unless the level is enabled.
 */
final class HttpLog {
  static final String NAME = "dev.sorastatus.http";

  private final Logger logger;
  private final String secret;

  HttpLog(String secret) {
    this.logger = System.getLogger(NAME);
    this.secret = secret;
  }

  void request(TransportRequest request, int attempt, int maxAttempts) {
    logger.log(Level.DEBUG, () -> request.method() + " " + request.uri() + " attempt " + attempt + " of "
        + maxAttempts + " (timeout " + request.timeout().toMillis() + " ms)");
    logger.log(Level.TRACE, () -> request.method() + " " + request.uri() + " request headers "
        + redactOne(request.headers()));
  }

  void response(TransportRequest request, TransportResponse response, long startNanos) {
    logger.log(Level.DEBUG, () -> request.method() + " " + request.uri() + " answered HTTP "
        + response.statusCode() + " with " + response.body().length + " body bytes"
        + (response.truncated() ? " (truncated at the limit)" : "") + " in " + millisSince(startNanos) + " ms");
    logger.log(Level.TRACE, () -> request.method() + " " + request.uri() + " response headers "
        + redactMany(response.headers()));
  }

  void failure(TransportRequest request, String what, long startNanos) {
    logger.log(Level.DEBUG, () -> request.method() + " " + request.uri() + " failed after "
        + millisSince(startNanos) + " ms: " + mask(what));
  }

  void retry(TransportRequest request, int nextAttempt, int maxAttempts, Duration delay, String why) {
    logger.log(Level.DEBUG, () -> "retrying " + request.method() + " " + request.uri() + " in "
        + delay.toMillis() + " ms (attempt " + nextAttempt + " of " + maxAttempts + ") after " + mask(why));
  }

  void givingUp(TransportRequest request, String why) {
    logger.log(Level.DEBUG, () -> "not retrying " + request.method() + " " + request.uri() + ": " + mask(why));
  }

  private String mask(String text) {
    return Redaction.mask(text, secret);
  }

  private String redactOne(Map<String, String> headers) {
    StringBuilder sb = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(sep).append(h.getKey()).append('=').append(redact(h.getKey(), h.getValue()));
      sep = ", ";
    }
    return sb.append('}').toString();
  }

  private String redactMany(Map<String, List<String>> headers) {
    StringBuilder sb = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      for (String value : h.getValue()) {
        sb.append(sep).append(h.getKey()).append('=').append(redact(h.getKey(), value));
        sep = ", ";
      }
    }
    return sb.append('}').toString();
  }

  private String redact(String name, String value) {
    return TransportRequest.isSecretHeader(name) ? "***" : Redaction.excerpt(value, secret);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
