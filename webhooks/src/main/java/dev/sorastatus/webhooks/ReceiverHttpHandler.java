package dev.sorastatus.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sorastatus.webhooks.WebhookVerificationException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Serves a {@link WebhookReceiver} on the JDK's HTTP server: reads at most the limit, answers in text. */
final class ReceiverHttpHandler implements HttpHandler {
  private final WebhookReceiver receiver;

  ReceiverHttpHandler(WebhookReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      WebhookResponse response = respond(exchange);
      byte[] text = (response.message() + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      if (response.statusCode() == 405) {
        exchange.getResponseHeaders().set("Allow", "POST");
      }
      exchange.sendResponseHeaders(response.statusCode(), text.length);
      exchange.getResponseBody().write(text);
    }
  }

  private WebhookResponse respond(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equalsIgnoreCase("POST")) {
      return receiver.reject(Reason.METHOD_NOT_ALLOWED, "only POST is accepted, not " + method);
    }
    int limit = receiver.maxBodyBytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        long length = Long.parseLong(declared.trim());
        if (length > limit) {
          return receiver.tooLarge(length); // refused before a byte of it is read
        }
      } catch (NumberFormatException ignored) {
        // the server itself refuses a bad length; the read below is bounded anyway
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(limit + 1);
    }
    if (body.length > limit) {
      return receiver.tooLarge(body.length);
    }
    String query = exchange.getRequestURI().getRawQuery();
    return receiver.handle(new WebhookRequest(method, exchange.getRequestHeaders(), query == null ? "" : query, body));
  }
}
