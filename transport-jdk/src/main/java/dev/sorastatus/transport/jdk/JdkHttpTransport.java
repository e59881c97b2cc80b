package dev.sorastatus.transport.jdk;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.spi.Exchange;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link HttpTransport} over the JDK's {@link HttpClient}, with no dependency beyond core: hand it to
 * {@code SoraClient.over(config, transport)}, or let {@code SoraClient.create(config)} find it.
 *
 * <p>Every exchange is a blocking {@link HttpClient#send} on the thread that sends it (the caller's, or one of
 * the client's bounded worker threads for async calls and downloads); it never calls {@code sendAsync}, which
 * before Java 25 starts a new thread for every response on machines with two CPUs or fewer. Cancelling an
 * exchange interrupts the thread in {@code send} (which makes the client abort the exchange and drop its
 * connection) and, once the head arrived, closes the body stream, which drops the connection and wakes a
 * thread blocked reading it.
 *
 * <pre>{@code
 * try (SoraClient client = SoraClient.over(config, JdkHttpTransport.create(config))) {
 *   Video video = client.retrieve(VideoId.of("video_123"));
 * }
 * }</pre>
 */
public final class JdkHttpTransport implements HttpTransport {
  /** {@code HttpClient.shutdownNow()}, public since Java 21; null before. */
  private static final MethodHandle SHUTDOWN_NOW = shutdownNow();

  private volatile HttpClient client; // null once closed, so that a closed transport does not hold it
  private final boolean ownsClient;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdkHttpTransport(HttpClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
  }

  /**
   * Returns a transport with its own {@link HttpClient}: HTTP/1.1, redirects never followed, the
   * configuration's connect timeout, and an executor that runs the client's work on its selector thread
   * instead of handing it to another thread (a two-thread executor made 0.57x the calls per second). The
   * selector thread reads each response and hands it to the thread waiting in {@code send}; nothing on
   * that path starts a thread. {@link #close()} ends the client.
   *
   * <p>On Java 17 to 20 the client gets no connect timeout of its own: there a connection made with one keeps
   * its connect timer, and through it its first exchange and the client, for as long as the connection is
   * pooled, so a closed transport's client, selector thread and idle connections would stay for the 20-minute
   * keep-alive instead of ending once collected. Connecting is then bounded by the request timeout (the
   * client's own for the headers and core's for the whole exchange), not by {@link SoraConfig#connectTimeout()}.
   * From Java 21, where {@code close()} ends the client, the connect timeout is set as configured.
   *
   * @param config where the API is and how to reach it
   * @return the transport
   * @throws NullPointerException if {@code config} is null
   */
  public static JdkHttpTransport create(SoraConfig config) {
    Objects.requireNonNull(config, "config == null");
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(Runnable::run);
    if (canEndClients()) {
      builder.connectTimeout(config.connectTimeout());
    }
    return new JdkHttpTransport(builder.build(), true);
  }

  /**
   * Returns a transport over a client the caller owns; {@link #close()} never closes it. Its connect
   * timeout, version and executor are the caller's; {@link SoraConfig#requestTimeout()} still bounds each
   * exchange, headers and body.
   *
   * @param config where the API is and how to reach it
   * @param client the caller's client; it must not follow redirects, so that the API key never goes to
   *     another host
   * @return the transport
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code client} follows redirects
   */
  public static JdkHttpTransport create(SoraConfig config, HttpClient client) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(client, "client == null");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("client follows redirects (" + client.followRedirects()
          + "); build it with followRedirects(HttpClient.Redirect.NEVER) so the API key stays with the API");
    }
    return new JdkHttpTransport(client, false);
  }

  /**
   * Prepares one exchange of {@code request}; nothing is sent until {@link Exchange#send()}. Written out rather
   * than inherited: javadoc 25 does not see the interface's comment across the module boundary.
   *
   * @param request what to send
   * @return the exchange, to be sent once
   * @throws IllegalStateException if this transport was closed
   */
  @Override
  public Exchange exchange(TransportRequest request) {
    Objects.requireNonNull(request, "request == null");
    HttpClient c = client;
    if (c == null) {
      throw new IllegalStateException("JdkHttpTransport is closed");
    }
    return new JdkExchange(c, request);
  }

  /**
   * Closes a client this transport created; a caller's client is left alone. On Java 21 and later it is
   * ended with {@code HttpClient.shutdownNow()} and then {@code close()}, so that exchanges in flight are
   * aborted rather than waited for and, when this returns, the client's selector thread has ended and every
   * connection it opened is closed. Java 17 cannot close an {@code HttpClient}: there its selector thread
   * stays until the client is garbage-collected, and its idle pooled connections stay until then too or
   * until they have been idle for {@code jdk.httpclient.keepalive.timeout} (1200 seconds by default),
   * whichever comes first. This method drops the client, so that a closed transport does not keep it
   * reachable; after the collection the selector thread notices within about three seconds, closes the
   * connections and ends. Calling this again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    HttpClient c = client;
    client = null; // a closed transport must not keep its client reachable: on Java 17 that is what ends it
    if (ownsClient && c != null) {
      close(c);
    }
  }

  /** Returns whether this JVM can end an {@code HttpClient} (Java 21 and later). */
  static boolean canEndClients() {
    return SHUTDOWN_NOW != null;
  }

  /** Returns the client, null once closed; for tests. */
  HttpClient client() {
    return client;
  }

  /** Ends a client without waiting for exchanges in flight, which {@code close()} alone would do. */
  private static void close(HttpClient client) {
    if (SHUTDOWN_NOW != null) {
      try {
        SHUTDOWN_NOW.invokeExact(client);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("HttpClient.shutdownNow() failed", e);
      }
    }
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close(); // returns once the selector thread ended: shutdownNow aborted its work
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("HttpClient.close() failed", e);
      }
    }
  }

  private static MethodHandle shutdownNow() {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, "shutdownNow", MethodType.methodType(void.class));
    } catch (NoSuchMethodException | IllegalAccessException beforeJava21) {
      return null;
    }
  }

  /** Returns whether this transport made its client, and whether it was closed; never the key. */
  @Override
  public String toString() {
    return "JdkHttpTransport[" + (ownsClient ? "own client" : "caller's client") + (closed.get() ? ", closed]" : "]");
  }

  /**
   * One exchange. The monitor guards which thread is in {@code send}, so that {@link #cancel()} interrupts
   * only a thread that is still there, never one that moved on.
   */
  private static final class JdkExchange implements Exchange {
    private final HttpClient client;
    private final TransportRequest request;
    private BodyStream body; // guarded by this; set when the head arrived
    private Thread sender; // guarded by this
    private boolean cancelled; // guarded by this

    JdkExchange(HttpClient client, TransportRequest request) {
      this.client = client;
      this.request = request;
    }

    @Override
    public StreamedResponse send() throws IOException {
      enter();
      HttpResponse<InputStream> response;
      try {
        response = client.send(toJdk(request), this::body);
      } catch (InterruptedException e) {
        if (!leave()) {
          Thread.currentThread().interrupt(); // the caller's own interrupt: keep it visible
        }
        throw new InterruptedIOException("interrupted while waiting for " + request.method() + " " + request.uri());
      } catch (IOException | RuntimeException e) {
        leave();
        throw e;
      }
      if (leave()) {
        response.body().close();
        throw cancelledException();
      }
      return new StreamedResponse(response.statusCode(), response.headers().map(), response.body(), () -> { });
    }

    /** Makes the body of the response whose head arrived; closed at once if the exchange was cancelled. */
    private BodyStream body(HttpResponse.ResponseInfo info) {
      BodyStream b = new BodyStream(info);
      boolean wasCancelled;
      synchronized (this) {
        body = b;
        wasCancelled = cancelled;
      }
      if (wasCancelled) {
        b.close();
      }
      return b;
    }

    @Override
    public void cancel() {
      BodyStream b;
      synchronized (this) {
        if (cancelled) {
          return;
        }
        cancelled = true;
        if (sender != null) {
          sender.interrupt(); // makes send abort the exchange and drop its connection
        }
        b = body;
      }
      if (b != null) {
        b.close(); // after the head: cancels the body's subscription, which closes the connection
      }
    }

    /** Marks the calling thread as sending this exchange, or fails if it was cancelled. */
    private void enter() throws IOException {
      synchronized (this) {
        if (cancelled) {
          throw cancelledException();
        }
        sender = Thread.currentThread();
      }
    }

    /**
     * Marks the calling thread as no longer sending; returns whether the exchange was cancelled, clearing
     * an interrupt of the cancel's that landed after {@code send} returned.
     */
    private boolean leave() {
      boolean wasCancelled;
      synchronized (this) {
        sender = null;
        wasCancelled = cancelled;
      }
      if (wasCancelled) {
        Thread.interrupted();
      }
      return wasCancelled;
    }

    private IOException cancelledException() {
      return new IOException(request.method() + " " + request.uri() + " was cancelled");
    }
  }

  private static HttpRequest toJdk(TransportRequest request) {
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
        .method(request.method(), HttpRequest.BodyPublishers.noBody())
        .timeout(request.timeout());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    return b.build();
  }
}
