package dev.sorastatus;

import dev.sorastatus.spi.HttpTransport;
import dev.sorastatus.spi.TransportProvider;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads video jobs over HTTP: the library's one entry point, over whichever transport is on the classpath
 * ({@code sora-status-transport-jdk} or {@code sora-status-transport-apache}). The protocol (URLs,
 * headers, JSON, errors, retries), the whole-exchange timeout, the response size limit and the threads
 * are all here; the transport only moves bytes. Build it once and share it; it is thread-safe.
 *
 * <p>A blocking call sends on its caller's thread. An asynchronous call, and a download of a
 * {@link VideoDownloader} built over this client, runs on one of at most
 * {@link SoraConfig#maxConcurrentRequests()} daemon worker threads of this client (named
 * {@code sora-status-<n>-<m>}, started when a call finds none idle and ended after a minute idle); calls
 * beyond that many wait in line holding no thread.
 *
 * <pre>{@code
 * try (SoraClient client = SoraClient.create(config)) {
 *   Video video = client.retrieve(VideoId.of("video_123"));
 *   Video done = VideoPoller.create(client).awaitCompleted(video.id());
 *   VideoDownloader.create(client).download(done, Path.of("out/cat.mp4"));
 * }
 * }</pre>
 */
public final class SoraClient implements VideoStatusPort, AutoCloseable {
  private final SoraConfig config;
  private final HttpTransport transport;
  private final TransportRunner runner;
  private final HttpVideoStatusPort status;
  private final VideoContentPort content;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SoraClient(SoraConfig config, HttpTransport transport) {
    this.config = config;
    this.transport = transport;
    this.runner = new TransportRunner(config, transport, "SoraClient is closed");
    this.status = HttpVideoStatusPort.create(config, runner);
    HttpVideoContentPort protocol = HttpVideoContentPort.create(config, runner);
    this.content = (request, sink) -> {
      Objects.requireNonNull(request, "request == null");
      Objects.requireNonNull(sink, "sink == null");
      checkOpen();
      return protocol.stream(request, sink);
    };
  }

  /**
   * Returns a client over the only transport on the classpath, with an HTTP client of its own.
   *
   * @param config where the API is and how to reach it
   * @return a new client; close it when done
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalStateException if no transport, or more than one, is on the classpath; the message says
   *     what was found and how to choose
   */
  public static SoraClient create(SoraConfig config) {
    Objects.requireNonNull(config, "config == null");
    return over(config, TransportProvider.find(Thread.currentThread().getContextClassLoader(), Optional.empty())
        .create(config));
  }

  /**
   * Returns a client over the transport named {@code transportName}, with an HTTP client of its own.
   *
   * @param config where the API is and how to reach it
   * @param transportName the transport's name, such as {@code jdk} or {@code apache}, any case
   * @return a new client; close it when done
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if no transport of that name is on the classpath
   */
  public static SoraClient create(SoraConfig config, String transportName) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(transportName, "transportName == null");
    return over(config, TransportProvider.find(Thread.currentThread().getContextClassLoader(),
        Optional.of(transportName)).create(config));
  }

  /**
   * Returns a client over {@code transport}: one a transport module built around an HTTP client you own
   * (such as {@code JdkHttpTransport.create(config, httpClient)}), the testkit's, or your own.
   * {@link #close()} closes the transport, which leaves a client it was handed open.
   *
   * @param config where the API is and how to reach it
   * @param transport what moves the bytes
   * @return a new client
   * @throws NullPointerException if an argument is null
   */
  public static SoraClient over(SoraConfig config, HttpTransport transport) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(transport, "transport == null");
    return new SoraClient(config, transport);
  }

  /**
   * Returns the configuration this client was built with.
   *
   * @return the configuration
   */
  public SoraConfig config() {
    return config;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Retries as {@link SoraConfig#retryPolicy()} says; waits in line while
   * {@link SoraConfig#maxConcurrentRequests()} requests of this client are in flight.
   *
   * @throws IllegalStateException if this client was closed
   */
  @Override
  public Video retrieve(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    checkOpen();
    return status.retrieve(id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Holds no thread while it waits in line or between attempts; cancelling the future withdraws the next
   * attempt and cancels the one in flight, whose connection is dropped.
   *
   * @throws IllegalStateException if this client was closed
   */
  @Override
  public CompletableFuture<Video> retrieveAsync(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    checkOpen();
    return status.retrieveAsync(id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Retries and waits in line as {@link #retrieve(VideoId)} does.
   *
   * @throws IllegalStateException if this client was closed
   */
  @Override
  public VideoPage list(VideoListQuery query) {
    Objects.requireNonNull(query, "query == null");
    checkOpen();
    return status.list(query);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Holds no thread while it waits, as {@link #retrieveAsync(VideoId)} does.
   *
   * @throws IllegalStateException if this client was closed
   */
  @Override
  public CompletableFuture<VideoPage> listAsync(VideoListQuery query) {
    Objects.requireNonNull(query, "query == null");
    checkOpen();
    return status.listAsync(query);
  }

  /** Returns the content port downloads stream through, for {@link VideoDownloader}. */
  VideoContentPort contentPort() {
    return content;
  }

  /** Returns this client's worker threads alive now, for tests. */
  List<Thread> threads() {
    return runner.threads();
  }

  /**
   * Closes this client: calls queued or in flight, downloads included, fail with a
   * {@link SoraTransportException} saying the client was closed (those in flight are cancelled, which drops
   * their connections), the worker threads end, and the transport is closed, which releases an HTTP client
   * it made and leaves one you handed it open. Calling this again does nothing; a call after it throws
   * {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      runner.close();
    } finally {
      transport.close();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("SoraClient is closed");
    }
  }

  /** Returns the base URL and transport; never the key. */
  @Override
  public String toString() {
    return "SoraClient[" + config.baseUrl() + ", " + transport.getClass().getSimpleName() + "]";
  }
}
