package dev.sorastatus.transport.apache;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.spi.Exchange;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.StreamedResponse;
import dev.sorastatus.spi.TransportRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@link HttpTransport} over Apache HttpClient 5's pooled classic client: hand it to
 * {@code SoraClient.over(config, transport)}, or let {@code SoraClient.create(config)} find it. HttpClient's
 * own retries and redirects are off, so that core's policy is the only one. An exchange blocks the thread
 * that sends it (the caller's, or one of the client's bounded worker threads for async calls and
 * downloads); cancelling it aborts the request with {@link HttpUriRequestBase#cancel()}, which closes its
 * connection at any point, before or after the head.
 *
 * <pre>{@code
 * try (SoraClient client = SoraClient.over(config, ApacheHttpTransport.create(config))) {
 *   Video video = client.retrieve(VideoId.of("video_123"));
 * }
 * }</pre>
 */
public final class ApacheHttpTransport implements HttpTransport {
  private final CloseableHttpClient client;
  private final PoolingHttpClientConnectionManager ownPool; // null for a caller's client
  private final Timeout leaseTimeout; // null: each request's own timeout
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApacheHttpTransport(CloseableHttpClient client, PoolingHttpClientConnectionManager ownPool,
      Duration leaseTimeout) {
    this.client = client;
    this.ownPool = ownPool;
    this.leaseTimeout = leaseTimeout == null ? null : Timeout.of(leaseTimeout);
  }

  /**
   * Returns a transport with its own pooled client, which {@link #close()} shuts down. The pool holds
   * {@link SoraConfig#maxConcurrentRequests()} connections, per route and in all.
   *
   * @param config where the API is and how to reach it
   * @return the transport
   * @throws NullPointerException if {@code config} is null
   */
  public static ApacheHttpTransport create(SoraConfig config) {
    Objects.requireNonNull(config, "config == null");
    return create(config, config.maxConcurrentRequests(), null);
  }

  /**
   * Returns a transport whose own pool holds at most {@code poolSize} connections and waits at most
   * {@code leaseTimeout} for one (null: the request timeout), so that tests see a leaked connection fail fast.
   */
  static ApacheHttpTransport create(SoraConfig config, int poolSize, Duration leaseTimeout) {
    ConnectionConfig connections = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(config.connectTimeout()))
        .setSocketTimeout(Timeout.of(config.requestTimeout()))
        .build();
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultConnectionConfig(connections)
        .setMaxConnTotal(poolSize)
        .setMaxConnPerRoute(poolSize)
        .build();
    CloseableHttpClient client = HttpClients.custom()
        .setConnectionManager(pool)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
    return new ApacheHttpTransport(client, pool, leaseTimeout);
  }

  /**
   * Returns a transport over a client the caller owns; {@link #close()} never closes it. Build it with
   * automatic retries and redirect handling disabled, so that core's retry policy is the only one and the
   * API key never follows a redirect (each request also turns redirects off).
   *
   * @param config where the API is and how to reach it
   * @param client the caller's classic client
   * @return the transport
   * @throws NullPointerException if an argument is null
   */
  public static ApacheHttpTransport create(SoraConfig config, CloseableHttpClient client) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(client, "client == null");
    return new ApacheHttpTransport(client, null, null);
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
    if (closed.get()) {
      throw new IllegalStateException("ApacheHttpTransport is closed");
    }
    return new ApacheExchange(request);
  }

  /**
   * Shuts down a client this transport created, closing its connections at once; a caller's client is left
   * alone. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownPool != null) {
      client.close(CloseMode.IMMEDIATE);
      ownPool.close(CloseMode.IMMEDIATE);
    }
  }

  /** Returns how many connections of this transport's own pool are leased right now: 0 when none leaked. */
  int leasedConnections() {
    return ownPool == null ? 0 : ownPool.getTotalStats().getLeased();
  }

  /** Returns whether this transport made its client, and whether it was closed. */
  @Override
  public String toString() {
    return "ApacheHttpTransport[" + (ownPool != null ? "own client" : "caller's client")
        + (closed.get() ? ", closed]" : "]");
  }

  /** One exchange over the classic client. */
  private final class ApacheExchange implements Exchange {
    private final TransportRequest request;
    private final HttpUriRequestBase http;

    ApacheExchange(TransportRequest request) {
      this.request = request;
      this.http = new HttpUriRequestBase(request.method(), request.uri());
      for (Map.Entry<String, String> h : request.headers().entrySet()) {
        http.addHeader(h.getKey(), h.getValue());
      }
      Timeout timeout = Timeout.of(request.timeout());
      http.setConfig(RequestConfig.custom()
          .setResponseTimeout(timeout)
          .setConnectionRequestTimeout(leaseTimeout == null ? timeout : leaseTimeout)
          .setRedirectsEnabled(false)
          .build());
    }

    @Override
    public StreamedResponse send() throws IOException {
      ClassicHttpResponse response;
      try {
        response = client.executeOpen(null, http, HttpClientContext.create());
      } catch (ConnectTimeoutException e) {
        throw (IOException) new SocketTimeoutException("connect timed out: " + e.getMessage()).initCause(e);
      } catch (InterruptedIOException e) {
        if (e instanceof SocketTimeoutException || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        throw new IOException(e.getMessage(), e); // an abort, not an interrupt of this thread
      }
      HttpEntity entity = response.getEntity();
      Body body = new Body(entity == null ? InputStream.nullInputStream() : entity.getContent(), response);
      return new StreamedResponse(response.getCode(), headers(response.getHeaders()), body, () -> { });
    }

    @Override
    public void cancel() {
      http.cancel(); // closes the connection at any point; idempotent
    }

    /** The body: closing it returns the connection to the pool when read to its end, and drops it otherwise. */
    private final class Body extends FilterInputStream {
      private final ClassicHttpResponse response;
      private boolean atEnd;

      Body(InputStream in, ClassicHttpResponse response) {
        super(in);
        this.response = response;
      }

      @Override
      public int read() throws IOException {
        int b = super.read();
        atEnd |= b < 0;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        atEnd |= n < 0;
        return n;
      }

      @Override
      public void close() throws IOException {
        if (!atEnd) {
          http.cancel(); // closing the entity's stream would drain the rest of the body instead
        }
        try {
          super.close();
        } catch (IOException | RuntimeException aborted) {
          // the connection is gone, which is all that is wanted of a discarded body
        } finally {
          response.close();
        }
      }
    }
  }

  private static Map<String, List<String>> headers(Header[] all) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Header h : all) {
      map.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
    }
    return map;
  }
}
