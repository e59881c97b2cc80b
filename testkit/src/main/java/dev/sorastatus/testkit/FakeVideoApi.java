package dev.sorastatus.testkit;

import dev.sorastatus.ApiKey;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.spi.HttpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An in-memory fake of the video API that plays whole jobs from scripts, for testing code that uses this
 * library without a mock framework, a network or an account. Script a job step by step, then read it
 * through {@link #port()} (in memory) or through a real transport pointed at {@link #baseUrl()} (a loopback
 * HTTP server in the {@linkplain Dialect dialect} of your choice); both answer alike, with the same values
 * and the same typed exceptions as the real adapters.
 *
 * <pre>{@code
 * FakeVideoApi api = FakeVideoApi.create();
 * VideoId id = api.job().queued().processing(40).processing(90).completed().create();
 * VideoStatusPort port = api.port();
 * port.retrieve(id);          // queued
 * port.retrieve(id);          // processing, 40 %
 * api.retrievals(id);         // 2
 * }</pre>
 *
 * <p><b>Scripts.</b> By default a job takes one step per read of its status and then stays at its last
 * step. With {@link JobBuilder#advanceEvery(Duration)} or {@link JobBuilder#lasting(Duration)} it moves by
 * time instead: each step lasts its duration on the fake's {@link VirtualTime}, so a poller driven by the
 * same time sees a realistic timeline. Steps are taken atomically per job: however many threads read a
 * job, every step is served exactly once and in order.
 *
 * <p><b>Unknown jobs</b> are not found, as in the real API; in {@linkplain Builder#strict(boolean) strict
 * mode} a read of an unscripted job also fails the test, naming what was asked and what is scripted.
 *
 * <p><b>Listing.</b> Both modes serve {@code GET /v1/videos?limit=&order=&after=}: every job with a state,
 * newest first (by creation time, then by when it was scripted) or oldest first with {@code order=asc}, as
 * a read would show it without moving its script; {@code limit} 1 to 100 (default 20, anything else a 400
 * in the dialect's error shape); an {@code after} that names no listed job is answered as a read of an
 * unknown job is (404, or a gateway's 400 {@code task_not_exist}). {@link #failList} and
 * {@link #malformedList} put faults in front of it.
 *
 * <p><b>HTTP mode</b> serves {@code GET /v1/videos/{id}} and {@code GET /v1/videos/{id}/content}
 * (with {@code ?variant=thumbnail|spritesheet} and {@code Range} requests) and checks the
 * {@code Authorization} header against {@link #apiKey()}; it starts on the first call of
 * {@link #baseUrl()} or {@link #config()} and stops on {@link #close()}.
 *
 * <p>Thread-safe. Implements {@link ContractBackend}, so {@link VideoStatusPortContract} runs against it.
 */
public final class FakeVideoApi implements ContractBackend {
  /** The key the fake expects unless {@link Builder#apiKey(String)} sets another. */
  public static final String DEFAULT_API_KEY = "sk-fake-0000000000000000";

  /** The size of a job's video content unless {@link JobBuilder#contentBytes(int)} sets another: 64 KiB. */
  public static final int DEFAULT_CONTENT_BYTES = 64 * 1024;

  private final long seed;
  private final Dialect dialect;
  private final ApiKey key;
  private final VirtualTime time;
  private final RetryPolicy retryPolicy;
  private final Responder responder;
  private final InMemoryTransport transport;
  private final SoraClient port;
  private final AtomicLong jobCount = new AtomicLong();
  private final Object serverLock = new Object();
  private FakeHttpServer server;
  private boolean closed;
  private volatile FakeWebhooks webhooks;

  private FakeVideoApi(Builder b) {
    this.seed = b.seed;
    this.dialect = b.dialect;
    this.key = b.key;
    this.time = b.time != null ? b.time : VirtualTime.create();
    this.retryPolicy = b.retryPolicy;
    this.responder = new Responder(seed, dialect, key, b.strict, time, b.faults);
    this.transport = new InMemoryTransport(responder, time);
    // the scheduler counts each async read as work under way, so that the drivers wait for it (an answer with
    // latency waits on a worker; one without is done before the call returns)
    // the same time and retries as config() gives a real transport, so that both modes show a poller the same
    SoraConfig inMemory = SoraConfig.builder().baseUrl(Responder.PLACEHOLDER_BASE).apiKey(key).clock(time)
        .scheduler(time).retryPolicy(retryPolicy).build();
    this.port = SoraClient.over(inMemory, transport);
  }

  /**
   * Returns a fake in OpenAI's dialect, with seed 0, no faults, lenient about unknown jobs and its own
   * {@link VirtualTime}.
   *
   * @return a new fake; {@link #close()} it if you started its HTTP mode
   */
  public static FakeVideoApi create() {
    return builder().build();
  }

  /**
   * Returns a builder for a fake with other settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts scripting a job.
   *
   * <pre>{@code
   * VideoId id = api.job().queued().processing(50).completed().create();
   * }</pre>
   *
   * @return a builder; {@link JobBuilder#create()} adds the job
   */
  public JobBuilder job() {
    return new JobBuilder(this);
  }

  /**
   * Returns the in-memory client: the library's own {@link SoraClient} reading the fake's answers without a
   * socket, so that it returns the values and throws the exceptions a real transport's would. Its async
   * reads and downloads run on the client's worker threads and complete soon, or, with {@linkplain Faults
   * latency}, once the fake's {@link VirtualTime} is advanced past it (a blocking read advances it itself).
   * {@code VideoDownloader.create(api.port())} downloads through it. The fake never closes it.
   *
   * @return the client, the same instance every time
   */
  public SoraClient port() {
    return port;
  }

  /**
   * Runs this fake's {@link VirtualTime} until {@code future} is done, and returns its value: what a test
   * calls after starting an asynchronous wait or download, in memory or against {@link #baseUrl()} with a
   * real transport configured from {@link #config()}. Time moves to the next due task only while nothing real
   * is under way (the library marks each request and download attempt on this time until its result was
   * taken in, and the fake's server marks each answer it gives), so a wait never jumps to its deadline, nor a
   * download to its stall check, while bytes are on their way, however slow the machine.
   *
   * <pre>{@code
   * CompletableFuture<Video> wait = poller.awaitAsync(id);
   * Video done = api.runUntilDone(wait);
   * }</pre>
   *
   * @param future what to wait for
   * @param <T> the future's value
   * @return its value
   * @throws RuntimeException the future's failure, unwrapped when it is unchecked
   * @throws AssertionError if it is not done after a minute of real time
   */
  public <T> T runUntilDone(CompletableFuture<T> future) {
    Objects.requireNonNull(future, "future == null");
    return time.driver().runUntilDone(future);
  }

  /**
   * Runs this fake's {@link VirtualTime}, as {@link #runUntilDone} does, until {@code condition} holds.
   *
   * @param condition what must become true, such as {@code () -> api.retrievals(id) == 3}
   * @throws AssertionError if it does not hold after a minute of real time
   */
  public void runUntil(BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition == null");
    time.driver().runUntil(condition);
  }

  /**
   * Runs a blocking call, such as {@code poller.await(id)}, on a thread of its own while this fake's
   * {@link VirtualTime} moves on whenever the call is parked and everything real has settled, and returns
   * what it returned: so blocking code is testable on virtual time too ({@link VirtualTime#runBlocking} on
   * the fake's time).
   *
   * <pre>{@code
   * Video done = api.runBlocking(() -> poller.await(id));
   * }</pre>
   *
   * @param call the blocking call
   * @param <T> what it returns
   * @return what it returned
   * @throws RuntimeException what it threw
   * @throws AssertionError if it has not returned after a minute of real time (it is interrupted then)
   */
  public <T> T runBlocking(Supplier<T> call) {
    Objects.requireNonNull(call, "call == null");
    return time.driver().runBlocking(call);
  }

  /**
   * Returns the in-memory {@link HttpTransport} under {@link #port()}, for code written against the SPI,
   * such as a downloader: it also answers the content endpoint, whatever host the URL names.
   *
   * @return the transport
   */
  public HttpTransport transport() {
    return transport;
  }

  /**
   * Returns the base URL of the HTTP mode, {@code http://127.0.0.1:<port>/v1}, starting the server on
   * first use.
   *
   * @return the base URL to configure a real transport with
   * @throws IllegalStateException if the fake was closed
   * @throws UncheckedIOException if the server could not start
   */
  public URI baseUrl() {
    synchronized (serverLock) {
      if (closed) {
        throw new IllegalStateException("FakeVideoApi is closed");
      }
      if (server == null) {
        try {
          server = new FakeHttpServer(responder, time);
        } catch (IOException e) {
          throw new UncheckedIOException("FakeVideoApi could not start its HTTP server on 127.0.0.1", e);
        }
        responder.publicBase(server.baseUrl());
      }
      return server.baseUrl();
    }
  }

  /**
   * Returns a configuration builder for a real transport against the HTTP mode: {@link #baseUrl()}, the
   * fake's key and its {@link VirtualTime} as the clock.
   *
   * <pre>{@code
   * try (var client = SoraClient.create(api.config().build())) { ... }
   * }</pre>
   *
   * @return a builder to adjust further and build
   */
  public SoraConfig.Builder config() {
    return SoraConfig.builder().baseUrl(baseUrl()).apiKey(key).clock(time).scheduler(time)
        .retryPolicy(retryPolicy);
  }

  /**
   * Returns where a job's content is served: in HTTP mode once it started, else on a placeholder host that
   * only {@link #transport()} answers. Gateway dialects put this URL in a completed job's body.
   *
   * @param id the job
   * @return {@code <base>/videos/<id>/content}
   */
  public URI contentUrl(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return responder.contentUri(id);
  }

  /**
   * Returns the bytes the content endpoint serves for a job's video: a seeded, MP4-looking payload.
   *
   * @param id a scripted job
   * @return a copy of the bytes
   * @throws IllegalArgumentException if no job {@code id} is scripted
   */
  public byte[] content(VideoId id) {
    return content(id, "video");
  }

  /**
   * Returns the bytes the content endpoint serves for a variant of a job's content.
   *
   * @param id a scripted job
   * @param variant {@code video}, {@code thumbnail} (WebP) or {@code spritesheet} (JPEG)
   * @return a copy of the bytes
   * @throws IllegalArgumentException if no job {@code id} is scripted or the variant is unknown
   */
  public byte[] content(VideoId id, String variant) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(variant, "variant == null");
    if (!variant.equals("video") && !variant.equals("thumbnail") && !variant.equals("spritesheet")) {
      throw new IllegalArgumentException("variant must be video, thumbnail or spritesheet but was " + variant);
    }
    Job job = responder.job(id);
    if (job == null) {
      throw new IllegalArgumentException("no job " + id + " is scripted");
    }
    return job.content(variant, seed).clone();
  }

  /**
   * Returns the key the fake expects in {@code Authorization: Bearer ...}.
   *
   * @return the key
   */
  public ApiKey apiKey() {
    return key;
  }

  /**
   * Returns the time the fake reads, to share with the code under test.
   *
   * @return the fake's virtual time
   */
  public VirtualTime time() {
    return time;
  }

  /**
   * Returns the dialect the fake speaks.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Returns how many status reads of {@code id} reached the fake, whatever they were answered (including
   * injected faults, refused keys and reads of unknown jobs).
   *
   * @param id the job
   * @return the count since the fake was made or {@linkplain #reset() reset}
   */
  public int retrievals(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return (int) Math.min(Integer.MAX_VALUE, responder.retrievals(id));
  }

  /**
   * Returns every request the fake answered, oldest first, with credentials masked.
   *
   * @return an unmodifiable copy
   */
  public List<RecordedRequest> journal() {
    return responder.journal();
  }

  /**
   * Replaces the random faults injected from now on.
   *
   * @param faults the new faults; {@link Faults#none()} stops them
   */
  public void faults(Faults faults) {
    responder.faults(Objects.requireNonNull(faults, "faults == null"));
  }

  /**
   * Returns what strict mode caught: one message per request for an unscripted job or an unknown path.
   *
   * @return the messages, oldest first; always empty when not strict
   */
  public List<String> unscriptedCalls() {
    return responder.violations();
  }

  /**
   * Fails if strict mode caught a request for an unscripted job or an unknown path; in HTTP mode that is
   * answered as not found, so this is where the test learns of it. {@link FakeVideoApiExtension} calls it
   * after each test.
   *
   * @throws AssertionError listing what was asked and what is scripted
   */
  public void assertNoUnscriptedCalls() {
    List<String> v = responder.violations();
    if (!v.isEmpty()) {
      throw new AssertionError(v.size() == 1 ? v.get(0)
          : v.size() + " unscripted calls:\n  " + String.join("\n  ", v));
    }
  }

  /**
   * Returns whether the fake fails reads of unscripted jobs.
   *
   * @return true in strict mode
   */
  public boolean isStrict() {
    return responder.strict();
  }

  // ---- ContractBackend -----------------------------------------------------------------------------------

  /**
   * Answers every read of {@code video.id()} with exactly {@code video} (its raw status as given, and its
   * poll hint as {@code openai-poll-after-ms}).
   *
   * @param video the state to report
   */
  @Override
  public void serve(Video video) {
    Objects.requireNonNull(video, "video == null");
    define(video.id(), List.of(Step.exact(video)), null, new Job.JobAttributes(), null);
  }

  /**
   * Answers every read of {@code id} with the body of {@code other}, another job, as a confused cache or
   * gateway does; a port refuses such a body, so a test can prove that no wait ends with another job's state.
   *
   * @param id the job asked for
   * @param other the job whose state is sent instead
   */
  @Override
  public void serveAnotherJob(VideoId id, Video other) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(other, "other == null");
    define(id, List.of(Step.exact(other)), null, new Job.JobAttributes(), null);
  }

  /**
   * Answers reads of {@code id} as the dialect does for a job it does not know.
   *
   * @param id the job
   */
  @Override
  public void notFound(VideoId id) {
    job().id(id).notFound().create();
  }

  /**
   * Answers reads of {@code id} with HTTP 401.
   *
   * @param id the job
   */
  @Override
  public void unauthorized(VideoId id) {
    job().id(id).unauthorized().create();
  }

  /**
   * Answers reads of {@code id} with HTTP 403.
   *
   * @param id the job
   */
  @Override
  public void forbidden(VideoId id) {
    job().id(id).forbidden().create();
  }

  /**
   * Answers reads of {@code id} with HTTP 429 asking to wait {@code retryAfter}.
   *
   * @param id the job
   * @param retryAfter the delay
   */
  @Override
  public void rateLimited(VideoId id, Duration retryAfter) {
    job().id(id).rateLimited(retryAfter).create();
  }

  /**
   * Answers reads of {@code id} with a server error.
   *
   * @param id the job
   * @param statusCode 500 to 599
   */
  @Override
  public void serverError(VideoId id, int statusCode) {
    job().id(id).serverError(statusCode).create();
  }

  /**
   * Answers reads of {@code id} with HTTP 200 and a body cut off mid-JSON.
   *
   * @param id the job
   */
  @Override
  public void malformed(VideoId id) {
    job().id(id).malformedBody().create();
  }

  /**
   * Scripts {@code videos} as jobs that answer every read exactly so, scripted oldest last so that the
   * listing shows them in this order; the listing pages by whatever {@code limit} is asked for.
   *
   * @param videos the jobs, newest first
   * @param limit ignored: the fake pages by the {@code limit} each request asks for
   */
  @Override
  public void serveList(List<Video> videos, int limit) {
    Objects.requireNonNull(videos, "videos == null");
    for (int i = videos.size() - 1; i >= 0; i--) {
      serve(videos.get(i));
    }
  }

  /**
   * Answers the next {@code times} listing requests with an error in the fake's dialect; a 429 asks to wait
   * one second.
   *
   * @param statusCode 401, 403, 429 or 500 to 599
   * @param times how many requests fail, one or more
   * @throws IllegalArgumentException if the status is none of those or {@code times} is less than 1
   */
  @Override
  public void failList(int statusCode, int times) {
    Step fault;
    if (statusCode == 401) {
      fault = Step.fault(Step.Kind.UNAUTHORIZED, null, 401);
    } else if (statusCode == 403) {
      fault = Step.fault(Step.Kind.FORBIDDEN, null, 403);
    } else if (statusCode == 429) {
      fault = Step.fault(Step.Kind.RATE_LIMITED, Duration.ofSeconds(1), 429);
    } else if (statusCode >= 500 && statusCode <= 599) {
      fault = Step.fault(Step.Kind.SERVER_ERROR, null, statusCode);
    } else {
      throw new IllegalArgumentException("statusCode must be 401, 403, 429 or 5xx but was " + statusCode);
    }
    responder.failListing(fault, positiveTimes(times));
  }

  /**
   * Answers the next {@code times} listing requests with HTTP 200 and a list cut off mid-JSON.
   *
   * @param times how many requests get it, one or more
   * @throws IllegalArgumentException if {@code times} is less than 1
   */
  @Override
  public void malformedList(int times) {
    responder.failListing(Step.fault(Step.Kind.MALFORMED, null, 200), positiveTimes(times));
  }

  private static int positiveTimes(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be >= 1 but was " + times);
    }
    return times;
  }

  /**
   * Returns how many requests reached the fake, in memory and over HTTP, since the last {@link #reset()}.
   *
   * @return the count
   */
  @Override
  public long requestCount() {
    return responder.requestCount();
  }

  /** Forgets every job, count, journal entry and strict-mode finding; the time and the faults stay. */
  @Override
  public void reset() {
    responder.reset();
  }

  /**
   * Stops the HTTP server, if it started, and closes the in-memory client, whose worker threads end at once
   * rather than after their idle minute; calls through {@link #port()} fail from then on. The jobs, journal
   * and counts stay readable. Idempotent.
   */
  @Override
  public void close() {
    synchronized (serverLock) {
      closed = true;
      if (server != null) {
        server.close();
        server = null;
      }
    }
    port.close();
  }

  /**
   * Sends signed webhook events when jobs scripted from now on finish, as {@code webhooks} says: to a URL or
   * a handler, with its faults. Only jobs that advance by time send events (see {@link FakeWebhooks}).
   *
   * <pre>{@code
   * api.webhooks(FakeWebhooks.builder(secret).to(receiver::handle).build());
   * VideoId id = api.job().advanceEvery(Duration.ofSeconds(40)).queued().completed().create();
   * }</pre>
   *
   * @param webhooks the deliveries
   * @throws NullPointerException if {@code webhooks} is null
   */
  public void webhooks(FakeWebhooks webhooks) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks == null");
  }

  /** Returns the dialect, the HTTP address if started, and the mode; never the key. */
  @Override
  public String toString() {
    synchronized (serverLock) {
      return "FakeVideoApi[" + dialect + (server != null ? ", " + server.baseUrl() : ", in memory")
          + (responder.strict() ? ", strict" : "") + ", seed " + seed + "]";
    }
  }

  /** Adds a job; one without an id gets a seeded one from its row number. */
  private VideoId define(VideoId id, List<Step> steps, Duration[] offsets, Job.JobAttributes attributes,
      Instant createdAt) {
    long row = jobCount.incrementAndGet();
    VideoId jobId = id != null ? id
        : VideoId.of(String.format("video_%016x%016x", Seeds.mix(seed ^ row), Seeds.mix(~seed + 31 * row)));
    Instant now = time.now();
    responder.define(new Job(jobId, row, steps, offsets, now, createdAt != null ? createdAt : now, attributes));
    FakeWebhooks hooks = webhooks;
    if (hooks != null && offsets != null) {
      for (int i = 0; i < steps.size(); i++) {
        VideoStatus status = steps.get(i).status;
        if (status != null && status.isTerminal()) {
          hooks.jobFinishes(time, jobId, status, now.plus(offsets[i]));
          break;
        }
      }
    }
    return jobId;
  }

  /** Builds a {@link FakeVideoApi}; every setting is optional. */
  public static final class Builder {
    private Dialect dialect = Dialect.OPENAI;
    private ApiKey key = ApiKey.of(DEFAULT_API_KEY);
    private boolean strict;
    private long seed;
    private Faults faults = Faults.none();
    private VirtualTime time;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();

    private Builder() {}

    /**
     * Sets how the fake's clients retry (default {@link RetryPolicy#defaults()}, as a real client does):
     * the in-memory {@link FakeVideoApi#port()} and the configuration {@link FakeVideoApi#config()} gives a real transport both
     * use it, so that the two modes hand a poller the same failures. {@link RetryPolicy#none()} shows every
     * injected fault to the caller.
     *
     * @param retryPolicy the policy
     * @return this builder
     * @throws NullPointerException if {@code retryPolicy} is null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * Sets the dialect of both modes (default {@link Dialect#OPENAI}).
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect == null");
      return this;
    }

    /**
     * Sets the key the fake expects (default {@link #DEFAULT_API_KEY}); any other is refused with 401.
     *
     * @param apiKey the key
     * @return this builder
     * @throws IllegalArgumentException if it is not a valid key (see {@link ApiKey#of(String)})
     */
    public Builder apiKey(String apiKey) {
      this.key = ApiKey.of(apiKey);
      return this;
    }

    /**
     * Sets whether reads of unscripted jobs fail the test (default false: they are not found).
     *
     * @param strict true for strict mode
     * @return this builder
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Sets the seed of generated ids, content bytes and injected faults (default 0).
     *
     * @param seed any value; the same seed gives the same everything
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the random faults injected into status reads (default none).
     *
     * @param faults the faults
     * @return this builder
     */
    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults == null");
      return this;
    }

    /**
     * Sets the time the fake reads, to share one with other fakes (default a new {@link VirtualTime}).
     *
     * @param time the time
     * @return this builder
     */
    public Builder time(VirtualTime time) {
      this.time = Objects.requireNonNull(time, "time == null");
      return this;
    }

    /**
     * Returns the fake.
     *
     * @return a new fake
     */
    public FakeVideoApi build() {
      return new FakeVideoApi(this);
    }
  }

  /**
   * Scripts one job: its steps in order, then its attributes. Each step is a state of the job or an API
   * fault answering in its place; the last step sticks. Single use.
   *
   * <pre>{@code
   * VideoId id = api.job()
   *     .queued().times(2)
   *     .processing(40)
   *     .rateLimited(Duration.ofSeconds(2))
   *     .processing(90)
   *     .completed()
   *     .create();
   *
   * VideoId timed = api.job()
   *     .advanceEvery(Duration.ofSeconds(30))
   *     .queued()
   *     .processing(50).lasting(Duration.ofMinutes(5))
   *     .completed()
   *     .create();
   * }</pre>
   */
  public static final class JobBuilder {
    private final FakeVideoApi api;
    private final List<Step> steps = new ArrayList<>();
    private final Job.JobAttributes attributes = new Job.JobAttributes();
    private VideoId id;
    private Instant createdAt;
    private Duration every;
    private boolean timed;
    private int lastProgress;
    private boolean created;

    private JobBuilder(FakeVideoApi api) {
      this.api = api;
    }

    // ---- states ----

    /**
     * Adds a step in which the job waits in the queue, progress 0.
     *
     * @return this builder
     */
    public JobBuilder queued() {
      return add(Step.video(VideoStatus.QUEUED, null, 0, null, null, null, null));
    }

    /**
     * Adds a step in which the job is being generated.
     *
     * @param progress percent done, 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if {@code progress} is outside 0..100
     */
    public JobBuilder processing(int progress) {
      checkProgress(progress);
      lastProgress = progress;
      return add(Step.video(VideoStatus.PROCESSING, null, progress, null, null, null, null));
    }

    /**
     * Adds a step in which the job is done: completed when first read (by time: when the step begins),
     * expiring {@link #expiresAfter(Duration) an hour} later; gateway dialects add a download URL pointing
     * at the fake's content endpoint.
     *
     * @return this builder
     */
    public JobBuilder completed() {
      return add(Step.video(VideoStatus.COMPLETED, null, 100, null, null, null, null));
    }

    /**
     * Adds a step in which the job is done, with a download URL of your choosing, rendered in every dialect.
     *
     * @param downloadUrl an absolute http(s) URL
     * @return this builder
     * @throws IllegalArgumentException if the URL is not absolute http(s)
     */
    public JobBuilder completed(URI downloadUrl) {
      Objects.requireNonNull(downloadUrl, "downloadUrl == null");
      String scheme = downloadUrl.getScheme() == null ? "" : downloadUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || downloadUrl.getHost() == null) {
        throw new IllegalArgumentException("downloadUrl must be an absolute http(s) URI but was " + downloadUrl);
      }
      return add(Step.video(VideoStatus.COMPLETED, null, 100, null, downloadUrl, null, null));
    }

    /**
     * Adds a step in which the job is done at fixed instants.
     *
     * @param completedAt when it finished
     * @param expiresAt when its content goes away
     * @return this builder
     */
    public JobBuilder completed(Instant completedAt, Instant expiresAt) {
      Objects.requireNonNull(completedAt, "completedAt == null");
      Objects.requireNonNull(expiresAt, "expiresAt == null");
      return add(Step.video(VideoStatus.COMPLETED, null, 100, null, null, completedAt, expiresAt));
    }

    /**
     * Adds a step in which the job failed, keeping the progress it had reached.
     *
     * @param code a machine-readable code such as {@code moderation_blocked}; null for none
     * @param message the reason
     * @return this builder
     */
    public JobBuilder failed(String code, String message) {
      return failed(VideoError.of(code, Objects.requireNonNull(message, "message == null")));
    }

    /**
     * Adds a step in which the job failed with {@code error}.
     *
     * @param error why
     * @return this builder
     */
    public JobBuilder failed(VideoError error) {
      Objects.requireNonNull(error, "error == null");
      return add(Step.video(VideoStatus.FAILED, null, lastProgress, error, null, null, null));
    }

    /**
     * Adds a step with a status spelled exactly so, such as {@code "moderating"} (read as
     * {@link VideoStatus#UNKNOWN}) or {@code "RUNNING"}.
     *
     * @param rawStatus the status string
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public JobBuilder status(String rawStatus) {
      return status(rawStatus, 0);
    }

    /**
     * Adds a step with a status spelled exactly so and a progress.
     *
     * @param rawStatus the status string
     * @param progress percent done, 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if the status is blank or the progress outside 0..100
     */
    public JobBuilder status(String rawStatus, int progress) {
      Objects.requireNonNull(rawStatus, "rawStatus == null");
      if (rawStatus.isBlank()) {
        throw new IllegalArgumentException("rawStatus is blank");
      }
      checkProgress(progress);
      return add(Step.video(VideoStatus.fromRaw(rawStatus), rawStatus, progress, null, null, null, null));
    }

    // ---- faults ----

    /**
     * Adds a step answered with HTTP 429 and {@code Retry-After} (and, in OpenAI's dialect,
     * {@code retry-after-ms}).
     *
     * @param retryAfter the delay to ask for; zero sends no delay header
     * @return this builder
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public JobBuilder rateLimited(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter == null");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative but was " + retryAfter);
      }
      return add(Step.fault(Step.Kind.RATE_LIMITED, retryAfter, 429));
    }

    /**
     * Adds a step answered with HTTP 500.
     *
     * @return this builder
     */
    public JobBuilder serverError() {
      return serverError(500);
    }

    /**
     * Adds a step answered with a server error.
     *
     * @param status 500 to 599
     * @return this builder
     * @throws IllegalArgumentException if {@code status} is not 5xx
     */
    public JobBuilder serverError(int status) {
      if (status < 500 || status > 599) {
        throw new IllegalArgumentException("server error status must be 500..599 but was " + status);
      }
      return add(Step.fault(Step.Kind.SERVER_ERROR, null, status));
    }

    /**
     * Adds a step in which the API no longer knows the job (it expired or was deleted): 404, or a gateway's
     * 400 {@code task_not_exist}.
     *
     * @return this builder
     */
    public JobBuilder notFound() {
      return add(Step.fault(Step.Kind.NOT_FOUND, null, 404));
    }

    /**
     * Adds a step answered with HTTP 200 and exactly {@code json}, whatever the dialect: for the shapes no
     * dialect writes, such as Replicate's {@code output}, fal's {@code IN_QUEUE} or a gateway's
     * {@code unsigned_urls}, so that code reading them is tested against the fake in both of its modes. The
     * fake does not read the body: the job's listing and content know nothing of it.
     *
     * @param json the body, sent as {@code application/json}
     * @return this builder
     * @throws NullPointerException if {@code json} is null
     */
    public JobBuilder body(String json) {
      Objects.requireNonNull(json, "json == null");
      return add(Step.body(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Adds a step answered with HTTP 200 and a body cut off mid-JSON.
     *
     * @return this builder
     */
    public JobBuilder malformedBody() {
      return add(Step.fault(Step.Kind.MALFORMED, null, 200));
    }

    /**
     * Adds a step answered with HTTP 401, as if the key had been revoked.
     *
     * @return this builder
     */
    public JobBuilder unauthorized() {
      return add(Step.fault(Step.Kind.UNAUTHORIZED, null, 401));
    }

    /**
     * Adds a step answered with HTTP 403.
     *
     * @return this builder
     */
    public JobBuilder forbidden() {
      return add(Step.fault(Step.Kind.FORBIDDEN, null, 403));
    }

    /**
     * Adds a step in which the connection is dropped without an answer (in memory: a
     * {@link dev.sorastatus.SoraTransportException}).
     *
     * @return this builder
     */
    public JobBuilder droppedConnection() {
      return add(Step.fault(Step.Kind.DROP, null, 0));
    }

    // ---- shape of the script ----

    /**
     * Repeats the last step so that it is taken {@code n} times in all.
     *
     * @param n one or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws IllegalStateException if no step was added yet
     */
    public JobBuilder times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("times must be >= 1 but was " + n);
      }
      Step last = last("times");
      for (int i = 1; i < n; i++) {
        steps.add(last);
      }
      return this;
    }

    /**
     * Makes the last step last {@code duration} and the job advance by time rather than per read.
     *
     * @param duration a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code duration} is not positive
     * @throws IllegalStateException if no step was added yet
     */
    public JobBuilder lasting(Duration duration) {
      positive(duration, "lasting");
      Step last = last("lasting");
      int i = steps.size() - 1;
      Step changed = last.lasting(duration);
      while (i >= 0 && steps.get(i) == last) {
        steps.set(i--, changed); // a step repeated by times() keeps being one step per copy
      }
      timed = true;
      return this;
    }

    /**
     * Makes the job advance by time: every step lasts {@code duration} unless {@link #lasting(Duration)}
     * says otherwise, measured on the fake's {@link VirtualTime} from {@link #create()}.
     *
     * @param duration a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code duration} is not positive
     */
    public JobBuilder advanceEvery(Duration duration) {
      this.every = positive(duration, "advanceEvery");
      this.timed = true;
      return this;
    }

    // ---- attributes ----

    /**
     * Sets the job's id (default a seeded {@code video_...} id).
     *
     * @param id the id
     * @return this builder
     */
    public JobBuilder id(VideoId id) {
      this.id = Objects.requireNonNull(id, "id == null");
      return this;
    }

    /**
     * Sets the job's id.
     *
     * @param id the id, such as {@code video_123}
     * @return this builder
     * @throws dev.sorastatus.InvalidVideoIdException if it is not a valid id
     */
    public JobBuilder id(String id) {
      return id(VideoId.of(id));
    }

    /**
     * Sets the model (default {@code sora-2}).
     *
     * @param model the model name
     * @return this builder
     */
    public JobBuilder model(String model) {
      attributes.model = nonBlank(model, "model");
      return this;
    }

    /**
     * Sets the resolution (default {@code 720x1280}).
     *
     * @param size such as {@code 1280x720}
     * @return this builder
     */
    public JobBuilder size(String size) {
      attributes.size = nonBlank(size, "size");
      return this;
    }

    /**
     * Sets the clip length (default 4).
     *
     * @param seconds whole seconds, one or more
     * @return this builder
     * @throws IllegalArgumentException if {@code seconds} is less than 1
     */
    public JobBuilder seconds(int seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("seconds must be >= 1 but was " + seconds);
      }
      attributes.seconds = seconds;
      return this;
    }

    /**
     * Sets the prompt the job echoes (default none).
     *
     * @param prompt the prompt
     * @return this builder
     */
    public JobBuilder prompt(String prompt) {
      attributes.prompt = Objects.requireNonNull(prompt, "prompt == null");
      return this;
    }

    /**
     * Makes the job a remix of {@code source}.
     *
     * @param source the job remixed
     * @return this builder
     */
    public JobBuilder remixOf(VideoId source) {
      attributes.remixOf = Objects.requireNonNull(source, "source == null");
      return this;
    }

    /**
     * Sets when the job was created (default the fake's time at {@link #create()}).
     *
     * @param createdAt the instant
     * @return this builder
     */
    public JobBuilder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt == null");
      return this;
    }

    /**
     * Sets how long after completing the content expires (default one hour); past that, the content
     * endpoint answers 404 {@code video_expired}.
     *
     * @param expiresAfter a positive duration
     * @return this builder
     */
    public JobBuilder expiresAfter(Duration expiresAfter) {
      attributes.expiresAfter = positive(expiresAfter, "expiresAfter");
      return this;
    }

    /**
     * Sends {@code openai-poll-after-ms} with every status answer of the job.
     *
     * @param pollAfter a positive duration
     * @return this builder
     */
    public JobBuilder pollAfter(Duration pollAfter) {
      attributes.pollAfter = positive(pollAfter, "pollAfter");
      return this;
    }

    /**
     * Sets the size of the video content (default {@value FakeVideoApi#DEFAULT_CONTENT_BYTES}).
     *
     * @param bytes 64 to 64 MiB
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is out of range
     */
    public JobBuilder contentBytes(int bytes) {
      if (bytes < 64 || bytes > 64 * 1024 * 1024) {
        throw new IllegalArgumentException("contentBytes must be 64..67108864 but was " + bytes);
      }
      attributes.contentBytes = bytes;
      return this;
    }

    /**
     * Serves real media instead of seeded bytes: a 4-second H.264 MP4 of a moving test pattern (640x360, about
     * 110 KB) that any video player opens, its first frame as a WebP thumbnail, and a 4x2 JPEG sprite sheet of
     * its frames; the same files for every such job, made once with ffmpeg
     * ({@code dev/sorastatus/testkit/media/make-media.sh} in the testkit jar says how). For demos and for
     * code that inspects what it downloads; the seeded bytes of {@link #contentBytes(int)} remain the choice
     * for range and size tests.
     *
     * @return this builder
     */
    public JobBuilder realMedia() {
      attributes.realMedia = true;
      return this;
    }

    /**
     * Drops the connection of the next video download after {@code bytes} body bytes, once.
     *
     * @param bytes how many bytes get through, zero or more
     * @return this builder
     */
    public JobBuilder dropContentAfter(long bytes) {
      return dropContentAfter(bytes, 1);
    }

    /**
     * Drops the connection of the next {@code times} video downloads after {@code bytes} body bytes each
     * (counted from the start of each response, so a {@code Range} request resumes past the cut).
     *
     * @param bytes how many bytes get through, zero or more
     * @param times how many downloads are cut, one or more
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is negative or {@code times} less than 1
     */
    public JobBuilder dropContentAfter(long bytes, int times) {
      if (bytes < 0 || times < 1) {
        throw new IllegalArgumentException("dropContentAfter needs bytes >= 0 and times >= 1 but got "
            + bytes + ", " + times);
      }
      attributes.contentDropAfter = bytes;
      attributes.contentDrops = times;
      return this;
    }

    /**
     * Makes the status of the completed job announce the SHA-256 and length of its video ({@code sha256},
     * {@code size_bytes}), as some gateways do, so that a download can check what it received.
     *
     * @return this builder
     */
    public JobBuilder announceDigest() {
      attributes.announceDigest = true;
      return this;
    }

    /**
     * Makes the video's content endpoint answer {@code 200} with a JSON error body instead of the file, as
     * gateways whose upstream failed do.
     *
     * @return this builder
     */
    public JobBuilder contentJsonError() {
      attributes.contentFault = Job.ContentFault.JSON_ERROR;
      return this;
    }

    /**
     * Makes the content endpoint answer {@code 410} with the code {@code result_expired}, as for a result
     * that is gone, whatever the status says.
     *
     * @return this builder
     */
    public JobBuilder contentGone() {
      attributes.contentFault = Job.ContentFault.GONE;
      return this;
    }

    /**
     * Makes each status read of the completed job hand out a newly signed download URL (its content URL
     * with {@code sig=s1}, {@code s2}, ...), of which the first answers {@code 403} ({@code signature_expired})
     * as a signed URL past its life does, and the later ones serve the file.
     *
     * @return this builder
     */
    public JobBuilder signedUrlExpiringOnce() {
      attributes.signedUrls = true;
      return this;
    }

    /**
     * Adds the job, replacing any job with the same id.
     *
     * @return the job's id
     * @throws IllegalStateException if no step was added, a timed step has no duration, or this builder
     *     was already used
     */
    public VideoId create() {
      if (created) {
        throw new IllegalStateException("this JobBuilder already created " + id + "; start another with job()");
      }
      if (steps.isEmpty()) {
        throw new IllegalStateException("a job needs at least one step, such as queued() or completed()");
      }
      Duration[] offsets = null;
      if (timed) {
        offsets = new Duration[steps.size()];
        Duration at = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
          offsets[i] = at;
          Duration d = steps.get(i).lasting != null ? steps.get(i).lasting : every;
          if (d == null && i < steps.size() - 1) {
            throw new IllegalStateException("step " + (i + 1) + " (" + steps.get(i) + ") has no duration; give it "
                + "lasting(...) or set advanceEvery(...) for all steps");
          }
          at = d == null ? at : at.plus(d);
        }
      }
      created = true;
      id = api.define(id, steps, offsets, attributes, createdAt);
      return id;
    }

    private JobBuilder add(Step step) {
      steps.add(step);
      return this;
    }

    private Step last(String method) {
      if (steps.isEmpty()) {
        throw new IllegalStateException(method + "(...) applies to the step before it, and there is none yet");
      }
      return steps.get(steps.size() - 1);
    }

    private static void checkProgress(int progress) {
      if (progress < 0 || progress > 100) {
        throw new IllegalArgumentException("progress must be 0..100 but was " + progress);
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }

    private static String nonBlank(String s, String name) {
      Objects.requireNonNull(s, name + " == null");
      if (s.isBlank()) {
        throw new IllegalArgumentException(name + " is blank");
      }
      return s;
    }
  }

}
