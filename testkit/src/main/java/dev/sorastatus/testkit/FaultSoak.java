package dev.sorastatus.testkit;

import dev.sorastatus.PollListener;
import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.WaitOutcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A soak of correctness under faults, in real time: a {@link VideoPoller} over the adapter under test waits
 * at once for 2,000 jobs of a raw-socket HTTP/1.1 server on 127.0.0.1, each job with its own seeded
 * timeline (queued, in progress with rising progress, then completed or, for 15 % of them, failed, within a few
 * hundred milliseconds), while 14 % of the server's answers are faults: 5xx with JSON and HTML bodies, 429
 * with {@code Retry-After} seconds, {@code retry-after-ms}, an HTTP date and an hour, resets, closes after
 * the status line, truncated and short bodies, a body dripped past the request timeout, HTML and empty
 * 200s, a 200 carrying another job's state, and broken chunked encoding.
 *
 * <p>It asserts, all at once so that one run reports every breach with ids and what was served: no wait
 * ends with a state other than its own job's final one; no listener event names another job; every wait
 * ends with its job's final state or with a typed error that the faults served to that job explain (an
 * hour-long 429, or more faults in a row than the wait tolerates), and few do; no retry or timeout without
 * a fault behind it; the threads the adapter starts, the connections it opens and the most it holds open
 * stay bounded; and none is left open after {@code close()}. It prints a one-paragraph summary. The seed is
 * {@code -Dsora.soak.seed} (default 20261128); the faults of a job depend only on it, though how many
 * requests a job gets depends on real time. Extend it for an adapter:
 *
 * <pre>{@code
 * class MyAdapterFaultSoakTest extends FaultSoak {
 *   protected SoraClient createPort(SoraConfig config) { return SoraClient.over(config, MyTransport.create(config)); }
 * }
 * }</pre>
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
public abstract class FaultSoak {
  /** For a subclass, which supplies what is under test. */
  protected FaultSoak() {}

  /** The number of jobs waited for at once. */
  private static final int JOBS = 2_000;
  /** The deadline of every wait; an hour-long 429 outlasts it. */
  private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(20);
  /** The request timeout, well short of the 4 s that a dripped body takes. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private static final String KEY = "sk-soak-5c1e0d7f3a9b2468";
  private static final double REQUESTS_PER_SECOND = 4_000;
  /** Connections the server may still count open after the client let them go, beyond the in-flight bound. */
  private static final int CONNECTION_SLACK = 8;
  /** The largest share of waits that may end in an error, each explained. */
  private static final double MAX_ERROR_SHARE = 0.03;
  private static final int EXAMPLES = 12;

  private long seed;
  private SoakApi api;
  private SoakServer server;
  private SoraClient port;

  /**
   * Returns the adapter under test for {@code config}; the soak closes it and then checks that its
   * connections are gone.
   *
   * @param config the configuration, pointing at the soak server's {@code http://127.0.0.1:<port>/v1}
   * @return a new adapter that owns its HTTP client
   */
  protected abstract SoraClient createPort(SoraConfig config);

  /**
   * Returns whether {@code close()} of the adapter closes its connections, so that the soak asserts none
   * is open two seconds later. An adapter over a client that cannot be closed (the JDK's before Java 21)
   * returns false.
   *
   * @return true by default
   */
  protected boolean closeReleasesConnections() {
    return true;
  }

  /**
   * Returns the most threads that the client, the poller and the libraries under them may start during
   * the soak (the server's own are started before counting): a number that does not grow with the
   * requests. Return {@link Integer#MAX_VALUE} to skip the check.
   *
   * @param config the configuration the client was built from
   * @return by default {@link SoraConfig#maxConcurrentRequests()} (the client's worker threads, which run
   *     async calls on every transport) plus 16
   */
  protected int maxThreadsStarted(SoraConfig config) {
    return config.maxConcurrentRequests() + 16;
  }

  @BeforeEach
  final void startServer() {
    seed = Long.getLong("sora.soak.seed", 20261128L);
    api = new SoakApi(seed, JOBS, Instant.now().getEpochSecond());
    server = SoakServer.start(api);
  }

  @AfterEach
  final void stopServer() {
    try {
      if (port != null) {
        port.close(); // idempotent: the soak closed it already unless it failed first
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void everyWaitEndsWithItsOwnJobsFinalStateOrAnErrorItsFaultsExplain() throws Exception {
    SoraConfig config = SoraConfig.builder()
        .baseUrl(server.baseUrl())
        .apiKey(KEY)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(REQUEST_TIMEOUT)
        .retryPolicy(RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(50))
            .maxBackoff(Duration.ofMillis(400))
            .maxServerDelay(Duration.ofSeconds(2))
            .build())
        .build();
    PollOptions options = PollOptions.builder()
        .initialInterval(Duration.ofMillis(25))
        .multiplier(1.5)
        .maxInterval(Duration.ofMillis(250))
        .hintBounds(Duration.ofMillis(50), Duration.ofMinutes(2))
        .timeout(WAIT_TIMEOUT)
        .build();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Set<Long> threadsBefore = liveThreadIds();
    long startedBefore = mx.getTotalStartedThreadCount();

    port = createPort(config);
    VideoPoller poller = VideoPoller.builder(port)
        .requestsPerSecond(REQUESTS_PER_SECOND)
        .random(new SplittableRandom(seed))
        .build();
    List<SoakJob> jobs = api.jobs();
    List<Heard> heard = new ArrayList<>(jobs.size());
    List<CompletableFuture<Video>> waits = new ArrayList<>(jobs.size());
    long start = System.nanoTime();
    for (SoakJob job : jobs) {
      Heard h = new Heard(job.id());
      heard.add(h);
      waits.add(poller.awaitAsync(job.id(), options.toBuilder().listener(h).build()));
    }
    try {
      CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0]))
          .get(WAIT_TIMEOUT.plusSeconds(25).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException someWaitFailed) {
      // each wait's outcome is judged below
    } catch (TimeoutException someWaitHangs) {
      // reported below as waits that never ended
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Optional<Object>> outcomes = new ArrayList<>(waits.size());
    for (CompletableFuture<Video> w : waits) {
      outcomes.add(w.isDone() ? Optional.of(outcome(w)) : Optional.empty());
    }
    waits.forEach(w -> w.cancel(true));
    Map<String, Integer> newThreads = newThreadNames(threadsBefore);
    port.close();
    long threadsStarted = mx.getTotalStartedThreadCount() - startedBefore;
    int openAfterClose = server.awaitOpenAtMost(0, Duration.ofSeconds(2));
    int accepted = server.accepted();
    int peakOpen = server.peakOpen();
    server.close(); // closes what is left, so that every connection's request count is in
    List<Integer> perConnection = server.requestsPerConnection();
    List<SoakApi.Served> served = api.served();
    Map<String, List<SoakApi.Served>> servedById = served.stream()
        .collect(Collectors.groupingBy(SoakApi.Served::asked));

    Verdicts v = new Verdicts();
    for (int i = 0; i < jobs.size(); i++) {
      judge(jobs.get(i), outcomes.get(i), heard.get(i), servedById.getOrDefault(jobs.get(i).id().value(), List.of()),
          options.maxConsecutiveRetries(), v);
    }
    long lastFinalMillis = heard.stream().map(Heard::finalStateAt).flatMap(Optional::stream)
        .mapToLong(at -> (at - start) / 1_000_000).max().orElse(-1);
    Measured m = new Measured(seed, served.size(), api.injected(), accepted, peakOpen, openAfterClose, perConnection,
        threadsStarted, newThreads, lastFinalMillis, elapsedMillis, loadBefore, loadAfter);
    System.out.println(summary(jobs, m, v));

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(server.crashed()).as("the soak server's own failure").isNull();
    soft.assertThat(v.neverEnded.count()).as(v.neverEnded.describe("waits still running 25 s after their "
        + WAIT_TIMEOUT.toSeconds() + " s deadline")).isZero();
    soft.assertThat(v.wrongFinals.count()).as(v.wrongFinals.describe("waits ended COMPLETED or FAILED with a state"
        + " other than their own job's final one as the server sent it")).isZero();
    soft.assertThat(v.foreignEvents.count()).as(v.foreignEvents.describe("listener events, errors or last-seen"
        + " videos that named another job than the one waited for")).isZero();
    soft.assertThat(v.finishedNotOnce.count()).as(v.finishedNotOnce.describe("waits whose listener was not told"
        + " finished() exactly once")).isZero();
    soft.assertThat(v.unexplainedErrors.count()).as(v.unexplainedErrors.describe("waits ended in an error that the"
        + " faults served to that job do not explain (neither an hour-long 429 nor more than "
        + options.maxConsecutiveRetries() + " faults in a row)")).isZero();
    soft.assertThat(v.errors()).as("waits of %d that ended in an error, explained or not", jobs.size())
        .isLessThanOrEqualTo((int) (MAX_ERROR_SHARE * jobs.size()));
    soft.assertThat(v.unexplainedRetries.count()).as(v.unexplainedRetries.describe("waits told of more retries"
        + " than faults were served to them")).isZero();
    soft.assertThat(v.unexplainedTimeouts.count()).as(v.unexplainedTimeouts.describe("waits that saw more read"
        + " timeouts than slow bodies were served to them, with a " + REQUEST_TIMEOUT.toMillis() + " ms request"
        + " timeout and a server that answers at once")).isZero();
    int maxThreads = maxThreadsStarted(config);
    if (maxThreads != Integer.MAX_VALUE) {
      soft.assertThat(threadsStarted).as("threads started during the soak by the adapter, the poller and their"
          + " libraries, for %d requests (new threads alive at the end: %s)", served.size(), newThreads)
          .isLessThanOrEqualTo(maxThreads);
    }
    int maxInFlight = config.maxConcurrentRequests();
    soft.assertThat(peakOpen).as("connections open at once at the peak, with maxConcurrentRequests %d (+%d slack)",
        maxInFlight, CONNECTION_SLACK).isLessThanOrEqualTo(maxInFlight + CONNECTION_SLACK);
    soft.assertThat(accepted).as("connections opened for %d requests: at most twice maxConcurrentRequests (%d) plus"
        + " one per answer that ended its connection (%d)", served.size(), maxInFlight, m.endingFaults())
        .isLessThanOrEqualTo(2 * maxInFlight + m.endingFaults());
    if (closeReleasesConnections()) {
      soft.assertThat(openAfterClose).as("connections still open 2 s after the adapter's close()").isZero();
    }
    soft.assertAll();
  }

  /** What the soak measured, beside the verdicts. */
  private record Measured(long seed, int requests, Map<SoakFault, Integer> injected, int accepted, int peakOpen,
      int openAfterClose, List<Integer> perConnection, long threadsStarted, Map<String, Integer> newThreads,
      long lastFinalMillis, long elapsedMillis, double loadBefore, double loadAfter) {
    int faults() {
      return requests - injected.getOrDefault(SoakFault.NONE, 0);
    }

    int endingFaults() {
      int n = 0;
      for (Map.Entry<SoakFault, Integer> e : injected.entrySet()) {
        n += e.getKey().endsConnection ? e.getValue() : 0;
      }
      return n;
    }
  }

  private String summary(List<SoakJob> jobs, Measured m, Verdicts v) {
    long toFail = jobs.stream().filter(j -> j.finalStatus() == VideoStatus.FAILED).count();
    return String.format("FaultSoak %s, seed %d: %d jobs (%d to complete, %d to fail) waited for at once; %d requests,"
            + " %d faults (%.1f %%): %s; %d connections accepted (peak %d open at once, %.1f requests per connection,"
            + " at most %d), %d open 2 s after close(); %d threads started (the server's %d excluded; new and"
            + " alive at the end: %s); waits ended: %s; %d wrong finals, %d foreign-id events, %d unexplained errors"
            + " %s, explained errors %s, %d waits with unexplained retries, %d with unexplained timeouts, %d never"
            + " ended; the last job's own final state heard after %d ms, all waits over after %d ms; system load"
            + " average %.1f before and %.1f after, %d cores.",
        getClass().getSimpleName(), m.seed(), jobs.size(), jobs.size() - toFail, toFail, m.requests(), m.faults(),
        100.0 * m.faults() / Math.max(1, m.requests()), faultsByKind(m.injected()), m.accepted(), m.peakOpen(),
        m.perConnection().stream().mapToInt(Integer::intValue).average().orElse(0),
        m.perConnection().stream().mapToInt(Integer::intValue).max().orElse(0), m.openAfterClose(),
        m.threadsStarted(), SoakServer.THREADS, m.newThreads(), v.outcomes, v.wrongFinals.count(),
        v.foreignEvents.count(), v.unexplainedErrors.count(), v.unexplainedBy, v.explainedErrors,
        v.unexplainedRetries.count(), v.unexplainedTimeouts.count(), v.neverEnded.count(), m.lastFinalMillis(),
        m.elapsedMillis(), m.loadBefore(), m.loadAfter(),
        Runtime.getRuntime().availableProcessors());
  }

  /** What the soak found wrong, wait by wait, and the outcomes by kind. */
  private static final class Verdicts {
    final Map<String, Integer> outcomes = new TreeMap<>();
    final Examples wrongFinals = new Examples();
    final Examples foreignEvents = new Examples();
    final Examples finishedNotOnce = new Examples();
    final Examples unexplainedErrors = new Examples();
    final Examples unexplainedRetries = new Examples();
    final Examples unexplainedTimeouts = new Examples();
    final Examples neverEnded = new Examples();
    final Map<String, Integer> explainedErrors = new TreeMap<>();
    /** Unexplained errors by kind and the last fault served before them. */
    final Map<String, Integer> unexplainedBy = new TreeMap<>();

    String outcomeOf(Throwable e) {
      Throwable cause = e.getCause();
      boolean plain = cause == null || isTimeout(e);
      String kind = e instanceof VideoWaitException ? "[" + ((VideoWaitException) e).kind() + "]" : "";
      return e.getClass().getSimpleName() + kind + (plain ? "" : "(" + cause.getClass().getSimpleName() + ")");
    }

    int errors() {
      return explainedErrors.values().stream().mapToInt(Integer::intValue).sum() + unexplainedErrors.count();
    }
  }

  /** Counts the breaches of one assertion and keeps the first few, for its failure message. */
  private static final class Examples {
    private final List<String> shown = new ArrayList<>();
    private int count;

    void add(String example) {
      count++;
      if (shown.size() < EXAMPLES) {
        shown.add(example);
      }
    }

    int count() {
      return count;
    }

    /** Returns {@code what}, then the examples, one a line. */
    String describe(String what) {
      return count + " " + what + (shown.isEmpty() ? "" : ", for example:\n  " + String.join("\n  ", shown) + "\n");
    }
  }

  private static void judge(SoakJob job, Optional<Object> ended, Heard heard, List<SoakApi.Served> served,
      int maxConsecutiveRetries, Verdicts v) {
    VideoId id = job.id();
    String history = history(served);
    heard.foreign().forEach(event -> v.foreignEvents.add(id + " heard " + event));
    if (heard.finishes() != 1) {
      v.finishedNotOnce.add(id + " heard finished() " + heard.finishes() + " times");
    }
    int faults = (int) served.stream().filter(SoakApi.Served::isFault).count();
    int drips = (int) served.stream().filter(s -> s.fault() == SoakFault.SLOW_DRIP).count();
    if (heard.retries() > faults) {
      v.unexplainedRetries.add(id + " was told of " + heard.retries() + " retries but served " + faults
          + " faults; retries: " + heard.retryCauses() + "; served: " + history);
    }
    int timeouts = heard.timeouts();
    if (ended.isPresent() && ended.get() instanceof Throwable) {
      timeouts += timeoutsIn(((Throwable) ended.get()).getCause(), 0);
    }
    if (timeouts > drips) {
      v.unexplainedTimeouts.add(id + " saw " + timeouts + " read timeouts but was served " + drips
          + " slow bodies; retries: " + heard.retryCauses() + "; served: " + history);
    }
    if (ended.isEmpty()) {
      v.outcomes.merge("never ended", 1, Integer::sum);
      v.neverEnded.add(id + " (listener heard " + heard.outcome() + "); served: " + history);
      return;
    }
    Object o = ended.get();
    if (o instanceof Video) {
      Video video = (Video) o;
      v.outcomes.merge(video.status().name(), 1, Integer::sum);
      boolean ownFinalServed = served.stream().anyMatch(SoakApi.Served::isOwnFinal);
      if (!video.id().equals(id) || video.status() != job.finalStatus() || !ownFinalServed) {
        v.wrongFinals.add(id + " ended " + video.status() + " with video " + video.id() + " (" + video.rawStatus()
            + " " + video.progress() + "%); its own final is " + job.finalStatus()
            + (ownFinalServed ? "" : ", which the server never sent it") + "; served: " + history);
      }
      return;
    }
    Throwable e = (Throwable) o;
    Throwable cause = e.getCause();
    v.outcomes.merge(v.outcomeOf(e), 1, Integer::sum);
    if (e instanceof VideoWaitException) {
      VideoWaitException w = (VideoWaitException) e;
      if (!w.videoId().equals(id)) {
        v.foreignEvents.add(id + " ended with an error about " + w.videoId() + ": " + e.getMessage());
      }
      w.lastSeen().filter(seen -> !seen.id().equals(id))
          .ifPresent(seen -> v.foreignEvents.add(id + " ended with an error whose last-seen video is " + seen.id()));
    }
    String explanation = explanation(e, served, maxConsecutiveRetries);
    if (explanation != null) {
      v.explainedErrors.merge(explanation, 1, Integer::sum);
    } else {
      v.unexplainedBy.merge(v.outcomeOf(e) + " " + unexplainedKind(e, served), 1, Integer::sum);
      v.unexplainedErrors.add(id + " ended with " + e + (cause == null ? "" : " [cause " + cause + "]")
          + "; longest run of faults " + longestFaultRun(served) + "; served: " + history);
    }
  }

  private static boolean isTimeout(Throwable error) {
    return error instanceof VideoWaitException && ((VideoWaitException) error).kind() == WaitOutcome.Kind.TIMED_OUT;
  }

  /** Returns what an unexplained error had before it: the job's final state for a timeout, else the last fault. */
  private static String unexplainedKind(Throwable error, List<SoakApi.Served> served) {
    if (isTimeout(error)) {
      long finals = served.stream().filter(SoakApi.Served::isOwnFinal).count();
      return finals > 0 ? "though its final state was sent" : "before its final state was sent";
    }
    return "after " + served.stream().filter(SoakApi.Served::isFault).reduce((a, b) -> b)
        .map(f -> f.fault().name()).orElse("no fault");
  }

  /** Returns what among the faults served to a job accounts for {@code error}, or null when nothing does. */
  private static String explanation(Throwable error, List<SoakApi.Served> served, int maxConsecutiveRetries) {
    if (!(error instanceof VideoWaitException)) {
      return null; // not one of the poller's typed errors at all
    }
    boolean hourLong = served.stream().anyMatch(s -> s.fault() == SoakFault.RATE_LIMIT_HOUR);
    boolean tooMany = longestFaultRun(served) > maxConsecutiveRetries;
    if (isTimeout(error)) {
      return hourLong ? "timed out after an hour-long 429" : tooMany ? "timed out after faults in a row" : null;
    }
    if (hourLong && isHourLongRateLimit(error.getCause())) {
      return "ended by an hour-long 429";
    }
    return tooMany ? "ended by more faults in a row than tolerated" : null;
  }

  private static boolean isHourLongRateLimit(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SoraApiException && ((SoraApiException) c).kind() == SoraApiException.Kind.RATE_LIMITED
          && ((SoraApiException) c).retryAfter()
          .filter(d -> d.compareTo(Duration.ofMinutes(30)) > 0).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static int longestFaultRun(List<SoakApi.Served> served) {
    int longest = 0;
    int run = 0;
    for (SoakApi.Served s : served) {
      run = s.isFault() ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  /** Counts the timed-out attempts in a read's error: itself, its earlier attempts (suppressed), its causes. */
  static int timeoutsIn(Throwable t, int depth) {
    if (t == null || depth > 4) {
      return 0;
    }
    if (t instanceof SoraTransportException) {
      int n = ((SoraTransportException) t).isTimeout() ? 1 : 0;
      for (Throwable s : t.getSuppressed()) {
        n += timeoutsIn(s, depth + 1);
      }
      return n;
    }
    int n = timeoutsIn(t.getCause(), depth + 1);
    for (Throwable s : t.getSuppressed()) {
      n += timeoutsIn(s, depth + 1);
    }
    return n;
  }

  private static String history(List<SoakApi.Served> served) {
    int from = Math.max(0, served.size() - 14);
    return (from > 0 ? "[" + from + " earlier, then " : "[")
        + served.subList(from, served.size()).stream().map(SoakApi.Served::toString).collect(Collectors.joining(", "))
        + "]";
  }

  private static Object outcome(CompletableFuture<Video> wait) {
    Throwable failure = wait.handle((video, e) -> e).join();
    if (failure == null) {
      return wait.join();
    }
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  private static String faultsByKind(Map<SoakFault, Integer> injected) {
    Map<SoakFault, Integer> faults = new EnumMap<>(injected);
    faults.remove(SoakFault.NONE);
    return faults.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static Set<Long> liveThreadIds() {
    Set<Long> ids = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      ids.add(t.getId());
    }
    return ids;
  }

  /** Returns the threads alive now that were not before, by name with digits folded, and how many of each. */
  private static Map<String, Integer> newThreadNames(Set<Long> before) {
    Map<String, Integer> names = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(t.getId())) {
        names.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
      }
    }
    return names;
  }

  /** One wait's listener: what it heard, and every event that named another job. */
  private static final class Heard implements PollListener {
    private final VideoId id;
    private final List<String> foreign = new ArrayList<>();
    private final List<String> retryCauses = new ArrayList<>();
    private int retries;
    private int timeouts;
    private int finishes;
    private WaitOutcome.Kind outcome;
    private long finishedAt;

    Heard(VideoId id) {
      this.id = id;
    }

    @Override
    public synchronized void statusChanged(Video video) {
      if (!video.id().equals(id)) {
        foreign.add("statusChanged(" + video.id() + " " + video.rawStatus() + " " + video.progress() + "%)");
      }
    }

    @Override
    public synchronized void progressChanged(Video video) {
      if (!video.id().equals(id)) {
        foreign.add("progressChanged(" + video.id() + " " + video.rawStatus() + " " + video.progress() + "%)");
      }
    }

    @Override
    public synchronized void retryScheduled(VideoId about, SoraException cause, Duration delay, int retriesInARow) {
      if (!about.equals(id)) {
        foreign.add("retryScheduled(" + about + ")");
      }
      retries++;
      timeouts += timeoutsIn(cause, 0);
      if (retryCauses.size() < 4) {
        retryCauses.add(cause.getClass().getSimpleName() + " in " + delay.toMillis() + " ms: " + cause.getMessage());
      }
    }

    @Override
    public synchronized void finished(VideoId about, WaitOutcome.Kind how, Optional<Video> lastSeen) {
      if (!about.equals(id)) {
        foreign.add("finished(" + about + ", " + how + ")");
      }
      lastSeen.filter(seen -> !seen.id().equals(id))
          .ifPresent(seen -> foreign.add("finished(" + about + ", " + how + ") with last seen " + seen.id()));
      finishes++;
      outcome = how;
      finishedAt = System.nanoTime();
    }

    synchronized List<String> foreign() {
      return List.copyOf(foreign);
    }

    synchronized List<String> retryCauses() {
      return List.copyOf(retryCauses);
    }

    synchronized int retries() {
      return retries;
    }

    synchronized int timeouts() {
      return timeouts;
    }

    synchronized int finishes() {
      return finishes;
    }

    synchronized WaitOutcome.Kind outcome() {
      return outcome;
    }

    /** Returns when the wait ended with its job's state, or empty when it ended otherwise or not at all. */
    synchronized Optional<Long> finalStateAt() {
      return outcome == WaitOutcome.Kind.COMPLETED || outcome == WaitOutcome.Kind.FAILED ? Optional.of(finishedAt) : Optional.empty();
    }
  }
}
