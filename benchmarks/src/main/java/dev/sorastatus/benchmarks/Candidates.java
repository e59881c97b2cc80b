package dev.sorastatus.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.sorastatus.BenchmarkAccess;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.transport.apache.ApacheHttpTransport;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The clients under test, by name. Every one sends the same three headers our protocol sends, builds the
 * request's URI from the id on each call as a status poller must (the bare socket excepted), and ends in the
 * same {@link BenchmarkAccess#decode}, except the official SDK, which decodes with its own Jackson model.
 */
final class Candidates {
  static final String API_KEY = "sk-bench-0123456789abcdefghijklmnopqrstuvwxyz";
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Connections the pooled clients keep per route, as many as our Apache adapter keeps. */
  static final int POOL = 64;

  private Candidates() {}

  /**
   * Creates the named candidate against the server on {@code port}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  static Candidate create(String name, int port) {
    Target t = new Target(port);
    switch (name) {
      // what users get
      case "sora-jdk": return ours(SoraClient.over(t.config, JdkHttpTransport.create(t.config)), t);
      case "sora-apache": return ours(SoraClient.over(t.config, ApacheHttpTransport.create(t.config)), t);
      case "openai-sdk": return openAiSdk(t);
      // raw baselines: the same call and decode with nothing of ours in between
      case "raw-jdk": return jdkSend(t, HttpClient.newHttpClient());
      case "raw-apache": return apacheExecute(t, Timer.NONE);
      case "raw-socket": return new RawSocketCandidate(t.uri, API_KEY, t.userAgent, t.id);
      // the JDK client, one change at a time
      case "jdk-http1": return jdkSend(t, jdkClient(false));
      case "jdk-http1-direct": return jdkSend(t, jdkClient(true));
      case "jdk-http1-direct-async": return jdkSendAsync(t, jdkClient(true));
      case "jdk-http1-pool-async-timeout": return jdkAsyncTimeout(t, jdkPoolClient());
      // the Apache classic client, one change at a time towards what the adapter does
      case "apache-deadline": return apacheExecute(t, Timer.SCHEDULED);
      case "apache-sweeper": return apacheExecute(t, Timer.SWEEPER);
      case "apache-open-bounded": return apacheOpenBounded(t);
      default: throw new IllegalArgumentException("unknown candidate " + name);
    }
  }

  /** Where the candidates call and what they send. */
  private static final class Target {
    final SoraConfig config;
    final URI uri;
    final String prefix;
    final String userAgent;
    final VideoId id = VideoId.of(Bodies.VIDEO_ID);

    Target(int port) {
      this.config = SoraConfig.builder()
          .baseUrl("http://127.0.0.1:" + port + "/v1")
          .apiKey(API_KEY)
          .requestTimeout(TIMEOUT)
          .build();
      this.prefix = "http://127.0.0.1:" + port + "/v1/videos/";
      this.uri = URI.create(prefix + Bodies.VIDEO_ID);
      this.userAgent = config.userAgent();
    }
  }

  private static Candidate ours(SoraClient port, Target t) {
    return new Candidate() {
      @Override
      public Object retrieve() {
        return port.retrieve(t.id);
      }

      @Override
      public void close() {
        port.close();
      }
    };
  }

  private static Candidate openAiSdk(Target t) {
    OpenAIClient client = OpenAIOkHttpClient.builder()
        .apiKey(API_KEY)
        .baseUrl("http://127.0.0.1:" + t.uri.getPort() + "/v1")
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
    return new Candidate() {
      @Override
      public Object retrieve() {
        com.openai.models.videos.Video video = client.videos().retrieve(Bodies.VIDEO_ID);
        video.status(); // read what a poller reads, so that lazily checked fields are checked
        video.progress();
        return video;
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /** An HTTP/1.1 client that never follows redirects; direct runs its work on the selector thread. */
  static HttpClient jdkClient(boolean direct) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10));
    if (direct) {
      b.executor(Runnable::run);
    }
    return b.build();
  }

  /** The client our JDK adapter builds for itself today: HTTP/1.1 over a cached pool of daemon threads. */
  private static HttpClient jdkPoolClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newCachedThreadPool(r -> {
          Thread th = new Thread(r, "bench-jdk-pool");
          th.setDaemon(true);
          return th;
        }))
        .build();
  }

  private static HttpRequest jdkRequest(Target t) {
    return HttpRequest.newBuilder(URI.create(t.prefix + t.id.value()))
        .GET()
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + API_KEY)
        .header("Accept", "application/json")
        .header("User-Agent", t.userAgent)
        .build();
  }

  private static Video checked(Target t, int status, byte[] body) {
    if (status != 200) {
      throw new IllegalStateException("HTTP " + status);
    }
    return BenchmarkAccess.decode(body, t.id);
  }

  private static Candidate jdkSend(Target t, HttpClient client) {
    return new Candidate() {
      @Override
      public Object retrieve() throws Exception {
        HttpResponse<byte[]> r = client.send(jdkRequest(t), HttpResponse.BodyHandlers.ofByteArray());
        return checked(t, r.statusCode(), r.body());
      }

      @Override
      public void close() {}
    };
  }

  private static Candidate jdkSendAsync(Target t, HttpClient client) {
    return new Candidate() {
      @Override
      public Object retrieve() throws Exception {
        HttpResponse<byte[]> r = client.sendAsync(jdkRequest(t), HttpResponse.BodyHandlers.ofByteArray()).get();
        return checked(t, r.statusCode(), r.body());
      }

      @Override
      public void close() {}
    };
  }

  /**
   * What our JDK transport did before it sent only with the blocking {@code send}: {@code sendAsync} into a
   * bounded, presized body, the whole exchange
   * bounded with {@code orTimeout}, the outcome mapped through a second future, then {@code get()}.
   */
  private static Candidate jdkAsyncTimeout(Target t, HttpClient client) {
    long limit = SoraConfig.DEFAULT_MAX_RESPONSE_BYTES;
    HttpResponse.BodyHandler<Collected> handler = info -> new BoundedSubscriber(info, limit);
    return new Candidate() {
      @Override
      public Object retrieve() throws Exception {
        CompletableFuture<HttpResponse<Collected>> sent = client.sendAsync(jdkRequest(t), handler);
        CompletableFuture<Collected> result = new CompletableFuture<>();
        sent.whenComplete((response, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          } else {
            result.complete(response.body());
          }
        });
        result.orTimeout(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture<Collected> mapped = new CompletableFuture<>();
        result.whenComplete((response, failure) -> {
          if (failure == null) {
            mapped.complete(response);
          } else {
            sent.cancel(true);
            mapped.completeExceptionally(failure);
          }
        });
        Collected r = mapped.get();
        return checked(t, r.statusCode(), r.body());
      }

      @Override
      public void close() {}
    };
  }

  /** A status and the body bytes collected. */
  private static final class Collected {
    final int statusCode;
    final byte[] body;
    Map<String, List<String>> headers;

    Collected(int statusCode, byte[] body) {
      this.statusCode = statusCode;
      this.body = body;
    }

    int statusCode() {
      return statusCode;
    }

    byte[] body() {
      return body;
    }
  }

  /** The collecting subscriber our JDK transport had: a body presized from Content-Length, kept to the limit. */
  private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<Collected> {
    private final CompletableFuture<Collected> result = new CompletableFuture<>();
    private final java.io.ByteArrayOutputStream body;
    private final int statusCode;
    private final long limit;

    BoundedSubscriber(HttpResponse.ResponseInfo info, long limit) {
      this.statusCode = info.statusCode();
      this.limit = limit;
      long declared = info.headers().firstValueAsLong("content-length").orElse(8192);
      this.body = new java.io.ByteArrayOutputStream((int) Math.min(Math.max(declared, 16), limit));
    }

    @Override
    public CompletionStage<Collected> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        int n = (int) Math.min(b.remaining(), limit - body.size());
        byte[] chunk = new byte[n];
        b.get(chunk);
        body.write(chunk, 0, n);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(new Collected(statusCode, body.toByteArray()));
    }
  }

  /** A pooled classic client configured as our adapter configures its own: no retries, redirects or cookies. */
  private static CloseableHttpClient apacheClient() {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(POOL)
            .setMaxConnPerRoute(POOL)
            .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  private static HttpGet apacheRequest(Target t) {
    HttpGet get = new HttpGet(URI.create(t.prefix + t.id.value()));
    get.addHeader("Authorization", "Bearer " + API_KEY);
    get.addHeader("Accept", "application/json");
    get.addHeader("User-Agent", t.userAgent);
    return get;
  }

  /** How a call's whole exchange is bounded. */
  private enum Timer { NONE, SCHEDULED, SWEEPER }

  /**
   * The raw Apache call: {@code execute} with a handler that reads the entity into a byte array; with a
   * timer, also arms and disarms a deadline per call that would cancel the request, as our adapter does to
   * bound slow bodies: a task on a {@link ScheduledThreadPoolExecutor} (what the adapter does) or a
   * {@link DeadlineSweeper} entry.
   */
  private static Candidate apacheExecute(Target t, Timer kind) {
    CloseableHttpClient client = apacheClient();
    ScheduledThreadPoolExecutor timers = kind != Timer.SCHEDULED ? null : new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "bench-apache-deadlines");
      th.setDaemon(true);
      return th;
    });
    if (timers != null) {
      timers.setRemoveOnCancelPolicy(true);
    }
    DeadlineSweeper sweeper = kind == Timer.SWEEPER ? new DeadlineSweeper(100) : null;
    return new Candidate() {
      @Override
      public Object retrieve() throws Exception {
        HttpGet get = apacheRequest(t);
        ScheduledFuture<?> timer = null;
        DeadlineSweeper.Deadline deadline = null;
        if (kind == Timer.SCHEDULED) {
          AtomicBoolean timedOut = new AtomicBoolean();
          timer = timers.schedule(() -> {
            timedOut.set(true);
            get.cancel();
          }, TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } else if (kind == Timer.SWEEPER) {
          deadline = sweeper.arm(TIMEOUT.toNanos(), get::cancel);
        }
        try {
          byte[] body = client.execute(get, response -> {
            if (response.getCode() != 200) {
              throw new IllegalStateException("HTTP " + response.getCode());
            }
            return EntityUtils.toByteArray(response.getEntity());
          });
          return BenchmarkAccess.decode(body, t.id);
        } finally {
          if (timer != null) {
            timer.cancel(false);
          }
          if (deadline != null) {
            deadline.disarm();
          }
        }
      }

      @Override
      public void close() throws IOException {
        if (timers != null) {
          timers.shutdownNow();
        }
        if (sweeper != null) {
          sweeper.close();
        }
        client.close();
      }
    };
  }

  /**
   * What our Apache transport does, short of the deadline timer: {@code executeOpen}, a presized bounded
   * body, a header map and a {@link Collected}.
   */
  private static Candidate apacheOpenBounded(Target t) {
    CloseableHttpClient client = apacheClient();
    return new Candidate() {
      @Override
      public Object retrieve() throws Exception {
        HttpGet get = apacheRequest(t);
        Collected r;
        try (ClassicHttpResponse response = client.executeOpen(null, get, HttpClientContext.create())) {
          HttpEntity entity = response.getEntity();
          byte[] body;
          try (InputStream in = entity.getContent()) {
            body = in.readNBytes((int) Math.min(SoraConfig.DEFAULT_MAX_RESPONSE_BYTES, entity.getContentLength()));
          }
          EntityUtils.consume(entity);
          Map<String, List<String>> headers = new LinkedHashMap<>();
          for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
          }
          r = new Collected(response.getCode(), body);
          r.headers = headers; // the map the transport built, kept so the work is not optimised away
        }
        return checked(t, r.statusCode(), r.body());
      }

      @Override
      public void close() throws IOException {
        client.close();
      }
    };
  }
}
