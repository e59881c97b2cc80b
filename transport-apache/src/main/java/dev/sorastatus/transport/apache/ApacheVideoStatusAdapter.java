package dev.sorastatus.transport.apache;

import dev.sorastatus.CloseableVideoStatusPort;
import dev.sorastatus.ContentRequest;
import dev.sorastatus.ContentSink;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoContentPort;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.HttpVideoContentPort;
import dev.sorastatus.HttpVideoStatusPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@link VideoStatusPort} over Apache HttpClient 5: a pooled classic client for blocking calls and an
 * async client, started on first use, for {@link #retrieveAsync} without a thread per call. HttpClient's
 * own retries and redirects are off, so that core's policy is the only one. It is also the
 * {@link VideoContentPort} a {@code VideoDownloader} streams files through, on the async client. Build it
 * once and share it.
 *
 * <pre>{@code
 * try (var port = ApacheVideoStatusAdapter.create(config)) {
 *   Video video = port.retrieve(VideoId.of("video_123"));
 * }
 * }</pre>
 */
public final class ApacheVideoStatusAdapter implements CloseableVideoStatusPort, VideoContentPort {
  /** Bytes the async client reads from a connection at a time. */
  private static final int DOWNLOAD_BUFFER_BYTES = 64 * 1024;

  private final HttpVideoStatusPort protocol;
  private final HttpVideoContentPort content;
  private final HttpTransport transport;
  private final List<AutoCloseable> owned;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String description;

  private ApacheVideoStatusAdapter(
      SoraConfig config,
      CloseableHttpClient classic,
      Supplier<CloseableHttpAsyncClient> async,
      List<AutoCloseable> owned,
      String ownership,
      Duration leaseTimeout) {
    this.transport = new ApacheHttpTransport(classic, async, leaseTimeout);
    this.protocol = HttpVideoStatusPort.create(config, transport);
    this.content = HttpVideoContentPort.create(config, new ApacheContentStreaming(async));
    this.owned = owned;
    this.description = "ApacheVideoStatusAdapter[" + config.baseUrl() + ownership + "]";
  }

  /**
   * Returns an adapter with its own pooled clients, which {@link #close()} shuts down. Each pool holds
   * {@link SoraConfig#maxConcurrentRequests()} connections, per route and in all.
   *
   * @param config where the API is and how to reach it
   * @return the adapter
   * @throws NullPointerException if {@code config} is null
   */
  public static ApacheVideoStatusAdapter create(SoraConfig config) {
    Objects.requireNonNull(config, "config == null");
    return create(config, config.maxConcurrentRequests(), null);
  }

  /**
   * Returns an adapter whose own pools hold at most {@code poolSize} connections and wait at most
   * {@code leaseTimeout} for one (null: the request timeout), so that tests see a leaked connection fail fast.
   */
  static ApacheVideoStatusAdapter create(SoraConfig config, int poolSize, Duration leaseTimeout) {
    ConnectionConfig connections = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(config.connectTimeout()))
        .setSocketTimeout(Timeout.of(config.requestTimeout()))
        .build();
    PoolingHttpClientConnectionManager classicPool = PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultConnectionConfig(connections)
        .setMaxConnTotal(poolSize)
        .setMaxConnPerRoute(poolSize)
        .build();
    CloseableHttpClient classic = HttpClients.custom()
        .setConnectionManager(classicPool)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
    LazyAsyncClient async = new LazyAsyncClient(connections, poolSize);
    List<AutoCloseable> owned = new ArrayList<>();
    owned.add(classic);
    owned.add(classicPool); // closed with the client too; listed so that leasedConnections() sees it
    owned.add(async);
    return new ApacheVideoStatusAdapter(config, classic, async, owned, "", leaseTimeout);
  }

  /**
   * Returns an adapter over clients the caller owns; {@link #close()} never closes them. Build them with
   * automatic retries and redirect handling disabled, so that core's retry policy is the only one and the
   * API key never follows a redirect.
   *
   * <p>A cancelled call on the caller's async client drops its connection as soon as the server sends
   * anything more; against a server that stays silent it may hold the connection until the request timeout,
   * because HttpClient 5 can lose a cancel. The adapter's own client closes it at once.
   *
   * @param config where the API is and how to reach it
   * @param classic the caller's classic client, for {@link #retrieve}
   * @param async the caller's async client, for {@link #retrieveAsync}; started here if it was not yet
   *     ({@code start()} is idempotent)
   * @return the adapter
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code async} was already shut down
   */
  public static ApacheVideoStatusAdapter create(
      SoraConfig config, CloseableHttpClient classic, CloseableHttpAsyncClient async) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(classic, "classic == null");
    Objects.requireNonNull(async, "async == null");
    IOReactorStatus status = async.getStatus();
    if (status == IOReactorStatus.SHUTTING_DOWN || status == IOReactorStatus.SHUT_DOWN) {
      throw new IllegalArgumentException("async client is " + status + "; pass one that is open");
    }
    async.start();
    return new ApacheVideoStatusAdapter(config, classic, () -> async, List.of(), ", caller's clients", null);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if this adapter was closed
   */
  @Override
  public Video retrieve(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    checkOpen();
    return protocol.retrieve(id);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if this adapter was closed
   */
  @Override
  public CompletableFuture<Video> retrieveAsync(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    checkOpen();
    return protocol.retrieveAsync(id);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if this adapter was closed
   */
  @Override
  public CompletableFuture<Void> stream(ContentRequest request, ContentSink sink) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(sink, "sink == null");
    checkOpen();
    return content.stream(request, sink);
  }

  /**
   * Returns the byte-moving transport under this adapter, for the parts of core that stream (downloads).
   *
   * @return the transport
   */
  public HttpTransport transport() {
    return transport;
  }

  /**
   * Shuts down the clients this adapter created; a caller's clients are left alone. Calling it again does
   * nothing; any call after it fails with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException failure = null;
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing an HTTP client failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Returns how many connections of this adapter's own pools are leased right now: 0 when none leaked. */
  int leasedConnections() {
    int leased = 0;
    for (AutoCloseable c : owned) {
      if (c instanceof ConnPoolControl) {
        leased += ((ConnPoolControl<?>) c).getTotalStats().getLeased();
      } else if (c instanceof LazyAsyncClient) {
        leased += ((LazyAsyncClient) c).leased();
      }
    }
    return leased;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("ApacheVideoStatusAdapter is closed");
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** The async client, built and started on first use so that blocking-only users pay no I/O threads. */
  private static final class LazyAsyncClient implements Supplier<CloseableHttpAsyncClient>, AutoCloseable {
    private final ConnectionConfig connections;
    private final int poolSize;
    private PoolingAsyncClientConnectionManager pool;
    private CloseableHttpAsyncClient client;
    private boolean closed;

    LazyAsyncClient(ConnectionConfig connections, int poolSize) {
      this.connections = connections;
      this.poolSize = poolSize;
    }

    @Override
    public synchronized CloseableHttpAsyncClient get() {
      if (closed) {
        throw new IllegalStateException("ApacheVideoStatusAdapter is closed");
      }
      if (client == null) {
        pool = PoolingAsyncClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(connections)
            .setMaxConnTotal(poolSize)
            .setMaxConnPerRoute(poolSize)
            .build();
        client = HttpAsyncClients.custom()
            .setConnectionManager(pool)
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
            // downloads: 64 KiB per read instead of 8 KiB, so each chunk's write, hash and hand-off is paid less often
            .setHttp1Config(Http1Config.custom().setBufferSize(DOWNLOAD_BUFFER_BYTES).build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .addExecInterceptorFirst("sora-status-in-flight", InFlight.INTERCEPTOR)
            .build();
        client.start();
      }
      return client;
    }

    synchronized int leased() {
      return pool == null ? 0 : pool.getTotalStats().getLeased();
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (client != null) {
        client.close(CloseMode.GRACEFUL);
      }
    }
  }
}
