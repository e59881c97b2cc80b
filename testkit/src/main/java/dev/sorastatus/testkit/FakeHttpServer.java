package dev.sorastatus.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The fake's HTTP mode: the JDK's own server on 127.0.0.1, a free port and a few daemon threads. */
final class FakeHttpServer implements AutoCloseable {
  private static final int THREADS = 16;

  /**
   * The JDK's server writes the status line and headers, then the body, as two segments; without
   * {@code TCP_NODELAY} the body waits for the client's delayed acknowledgement of the first (40 ms on Linux),
   * so every answer of the fake took 40 ms of real time and a driver that keeps virtual time still while a
   * request is under way crawled. The server reads the property once, when it first starts, so it is set
   * here unless the JVM was started with a value of its own.
   */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  private final Responder responder;
  private final HttpServer server;
  private final ExecutorService executor;
  private final VirtualTime time;

  /**
   * Starts the server.
   *
   * @param time the fake's time, on which each answer counts as work under way, so that its drivers keep time
   *     still while a request is answered, whoever sent it
   */
  FakeHttpServer(Responder responder, VirtualTime time) throws IOException {
    this.responder = responder;
    this.time = time;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "fake-video-api-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  private void handle(HttpExchange exchange) {
    Runnable answered = time.beginWork();
    try {
      answerAndClose(exchange);
    } finally {
      answered.run();
    }
  }

  private void answerAndClose(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream()); // a request body would otherwise spoil keep-alive
      FakeResponse r = answer(exchange);
      if (!r.latency.isZero()) {
        TimeUnit.NANOSECONDS.sleep(r.latency.toNanos()); // real latency: a real client cannot see virtual time
      }
      if (r.drop) {
        return; // closing before the status line drops the connection
      }
      for (Map.Entry<String, List<String>> h : r.headers.entrySet()) {
        exchange.getResponseHeaders().put(h.getKey(), h.getValue());
      }
      exchange.sendResponseHeaders(r.status, r.body.length == 0 ? -1 : r.body.length);
      if (r.body.length > 0) {
        OutputStream out = exchange.getResponseBody();
        out.write(r.body, 0, r.dropAfter >= 0 ? (int) r.dropAfter : r.body.length);
        out.flush(); // short of Content-Length, the close below resets the connection
      }
    } catch (IOException clientWentAway) {
      // nothing to answer to
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private FakeResponse answer(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    try {
      return responder.handle(new FakeRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
          exchange.getRequestHeaders()));
    } catch (RuntimeException bug) {
      // a failure of the fake itself: say so in the answer rather than as a dropped connection
      FakeResponse r = new FakeResponse(500, ("FakeVideoApi failed: " + bug).getBytes(StandardCharsets.UTF_8));
      r.header("Content-Type", "text/plain; charset=utf-8");
      return r;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
