package dev.sorastatus.benchmarks;

import dev.sorastatus.PollListener;
import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.transport.apache.ApacheHttpTransport;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits for thousands of jobs at once through {@link VideoPoller} over a real transport, against a
 * {@link CountingStatusServer} on loopback, in real time, and measures what that costs the client: threads
 * started, connections opened per request and the most open at once, as the server counted them. Every job
 * answers queued, then in progress, then completed, one step per read, 20 ms apart, so each wait makes three
 * requests and the run takes seconds.
 *
 * <p>The waits share one poller with no request budget by default, so that all of them ask at once, as
 * many independent waits do when a batch of jobs is submitted: the transport and {@link SoraConfig}, not the
 * poller's pacing, decide how many requests are in flight. Threads started count from just before the adapter
 * is created, so its own threads are in; the server's are in another process. A warm-up of fewer waits on a
 * throwaway adapter compiles the code first and starts the library's shared threads. {@code benchmarks/run}
 * runs it in one JVM per transport with {@code -Xmx1g}, not the 64 MB of {@link WaitAtScale}: when it was
 * written, ten thousand requests queued at once needed more than that in either transport, and the trial is
 * here to count threads and connections; the live heap peak it reports shows what they needed.
 */
public final class WaitAtScaleOverHttp {
  static final String API_KEY = "sk-bench-0000000000000000";
  /** Three reads per job, 20 ms apart (plus up to 10% jitter), with no progress prediction stretching them. */
  static final PollOptions FAST = PollOptions.builder()
      .initialInterval(Duration.ofMillis(20))
      .multiplier(1)
      .maxInterval(Duration.ofMillis(20))
      .adaptToProgress(false)
      .timeout(Duration.ofMinutes(2))
      .build();
  private static final long GIVE_UP_SECONDS = 150;
  private static final HeapWatch HEAP = new HeapWatch();

  /** Counts the reads that failed and were retried, and keeps the first one's cause. */
  private static final class Retries implements PollListener {
    final AtomicLong count = new AtomicLong();
    final AtomicReference<String> first = new AtomicReference<>("");

    @Override
    public void retryScheduled(VideoId id, SoraException cause, Duration delay, int retriesInARow) {
      count.incrementAndGet();
      first.compareAndSet("", cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
  }

  private WaitAtScaleOverHttp() {}

  /**
   * What one run measured.
   *
   * @param transport {@code apache} or {@code jdk}
   * @param waits how many waits ran at once
   * @param completed how many ended with their own job, completed
   * @param firstFailure how the first other one ended, or empty
   * @param wallMillis wall time from the adapter's creation to the last wait's end
   * @param liveBefore live threads before the adapter was created
   * @param peakThreads the JVM's peak live thread count while the waits ran
   * @param threadsStarted threads started from the adapter's creation to the last wait's end
   * @param counts what the server counted: connections, the peak open, requests
   * @param retries reads that failed and were retried (the server counted only those that reached it)
   * @param firstRetry the first retried read's failure, or empty
   * @param openAtEnd connections the client still held open once every wait had ended
   * @param heapPeak the most heap any collection left in use while the waits ran (0 if none ran)
   * @param maxHeap the heap's maximum size
   * @param requestsPerSecond the poller's request budget, infinite for none
   */
  record Result(String transport, int waits, int completed, String firstFailure, long wallMillis, int liveBefore,
      int peakThreads, long threadsStarted, CountingStatusServer.Counts counts, long retries, String firstRetry,
      int openAtEnd, long heapPeak, long maxHeap, double requestsPerSecond) {

    /** Returns connections opened per request answered. */
    double connectionsPerRequest() {
      return counts.requests() == 0 ? Double.NaN : counts.accepted() / (double) counts.requests();
    }
  }

  /** Returns a client over {@code transport} with the library's defaults, pointed at the server. */
  static SoraClient adapter(String transport, int port) {
    SoraConfig config = SoraConfig.builder()
        .baseUrl("http://127.0.0.1:" + port + "/v1")
        .apiKey(API_KEY)
        .build();
    switch (transport) {
      case "apache": return SoraClient.over(config, ApacheHttpTransport.create(config));
      case "jdk": return SoraClient.over(config, JdkHttpTransport.create(config));
      default: throw new IllegalArgumentException("unknown transport " + transport + " (apache or jdk)");
    }
  }

  /**
   * Runs {@code waits} concurrent waits over a new adapter of {@code transport} and measures them; a wait that
   * fails or does not end is counted, not thrown.
   *
   * @param transport {@code apache} or {@code jdk}
   * @param waits how many
   * @param requestsPerSecond the poller's budget, {@link Double#POSITIVE_INFINITY} for none
   * @param server the server, reset here
   * @param idPrefix starts every job id, so that no two runs share a job
   * @return what was measured
   */
  static Result run(String transport, int waits, double requestsPerSecond, CountingStatusServer.Child server,
      String idPrefix) throws InterruptedException {
    // on Java 17 a closed JDK client's idle connections close only once the client is collected (the selector
    // thread holds it until then): collect first, so that the warm-up's 64 are not counted in this run's peak
    System.gc();
    int leftOpen = server.awaitNoneOpen(5_000);
    if (leftOpen > 0) {
      System.out.printf(Locale.ROOT, "wait-at-scale-over-http: %d connections of an earlier run still open; "
          + "the peak counts them%n", leftOpen);
    }
    HEAP.resetAfterGc();
    server.reset();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.resetPeakThreadCount();
    int liveBefore = threads.getThreadCount();
    long startedBefore = threads.getTotalStartedThreadCount();
    long start = System.nanoTime();

    SoraClient port = adapter(transport, server.port());
    List<CompletableFuture<Video>> pending = new ArrayList<>(waits);
    Retries retries = new Retries();
    try {
      VideoPoller poller = VideoPoller.builder(port)
          .defaults(FAST.toBuilder().listener(retries).build())
          .requestsPerSecond(requestsPerSecond)
          .random(new SplittableRandom(1))
          .build();
      for (int i = 0; i < waits; i++) {
        pending.add(poller.awaitAsync(VideoId.of(idPrefix + i)));
      }
      try {
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
            .get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // counted wait by wait below
      }
      long wallMillis = (System.nanoTime() - start) / 1_000_000;
      int peakThreads = threads.getPeakThreadCount();
      long started = threads.getTotalStartedThreadCount() - startedBefore;
      long heapPeak = HEAP.maxUsedAfterGc();
      CountingStatusServer.Counts counts = server.counts();

      int completed = 0;
      String firstFailure = "";
      for (int i = 0; i < waits; i++) {
        String failure = failure(pending.get(i), idPrefix + i);
        if (failure.isEmpty()) {
          completed++;
        } else if (firstFailure.isEmpty()) {
          firstFailure = failure;
        }
      }
      return new Result(transport, waits, completed, firstFailure, wallMillis, liveBefore, peakThreads, started,
          counts, retries.count.get(), retries.first.get(), counts.open(), heapPeak, Runtime.getRuntime().maxMemory(),
          requestsPerSecond);
    } finally {
      pending.forEach(f -> f.cancel(true));
      port.close();
    }
  }

  /** Returns how the wait for {@code id} went wrong, or an empty string if it ended with that job completed. */
  private static String failure(CompletableFuture<Video> wait, String id) {
    if (!wait.isDone()) {
      return "still waiting after " + GIVE_UP_SECONDS + " s";
    }
    try {
      Video video = wait.join();
      if (video.status() != VideoStatus.COMPLETED || !video.id().value().equals(id)) {
        return "ended with " + video;
      }
      return "";
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return cause.getClass().getSimpleName() + ": " + cause.getMessage()
          + (cause.getCause() != null ? " (" + cause.getCause() + ")" : "");
    }
  }

  /**
   * Warms up, runs the measurement once and appends one line to a TSV file for {@code ResultsReport} (with
   * a header line if the file is new); a run that throws still writes its line.
   *
   * @param args the TSV file, the transport ({@code apache} or {@code jdk}), then how many waits (default
   *     10,000), how many the warm-up runs (default 100, 0 for none) and the poller's request budget per
   *     second (default {@code none})
   * @throws IOException if the file cannot be written
   * @throws InterruptedException if interrupted while waiting
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path tsv = Path.of(args[0]);
    String transport = args[1];
    int waits = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    double budget = args.length > 4 && !args[4].equals("none") ? Double.parseDouble(args[4])
        : Double.POSITIVE_INFINITY;
    String line;
    try (CountingStatusServer.Child server = CountingStatusServer.launch()) {
      if (warmUp > 0) {
        Result w = run(transport, warmUp, budget, server, "video_warm_");
        System.out.printf(Locale.ROOT, "wait-at-scale-over-http %s warm-up: %d of %d completed in %d ms%n",
            transport, w.completed(), w.waits(), w.wallMillis());
      }
      Result r = run(transport, waits, budget, server, "video_wait_");
      CountingStatusServer.Counts c = r.counts();
      System.out.printf(Locale.ROOT, "wait-at-scale-over-http %s: %d of %d completed%s, %d requests, %d retried%s, "
              + "%d ms wall; threads live %d, peak %d, started %d; connections opened %d (%.3f per request), "
              + "peak open %d, open at the end %d; heap live peak %.1f of %.1f MiB%n", transport, r.completed(),
          r.waits(), r.firstFailure().isEmpty() ? "" : " (first failure: " + r.firstFailure() + ")", c.requests(),
          r.retries(), r.firstRetry().isEmpty() ? "" : " (first: " + r.firstRetry() + ")", r.wallMillis(),
          r.liveBefore(), r.peakThreads(), r.threadsStarted(), c.accepted(), r.connectionsPerRequest(), c.peakOpen(),
          r.openAtEnd(), r.heapPeak() / 1048576.0, r.maxHeap() / 1048576.0);
      line = transport + '\t' + r.waits() + '\t' + r.completed() + '\t' + c.requests() + '\t' + c.badRequests()
          + '\t' + r.wallMillis() + '\t' + r.liveBefore() + '\t' + r.peakThreads() + '\t' + r.threadsStarted()
          + '\t' + c.accepted() + '\t' + c.peakOpen() + '\t' + r.openAtEnd() + '\t' + r.heapPeak() + '\t'
          + r.maxHeap() + '\t' + (Double.isInfinite(budget) ? "none" : String.valueOf(budget)) + '\t'
          + r.retries() + '\t' + clean(r.firstRetry()) + '\t' + clean(r.firstFailure()) + '\n';
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
      line = transport + '\t' + waits + "\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t" + Runtime.getRuntime().maxMemory()
          + '\t' + (Double.isInfinite(budget) ? "none" : String.valueOf(budget)) + "\t0\t\t"
          + clean("the run threw " + e) + '\n';
    }
    boolean fresh = !Files.exists(tsv);
    Files.writeString(tsv, (fresh ? HEADER : "") + line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  static final String HEADER = "transport\twaits\tcompleted\trequests\tbad_requests\twall_ms\tlive_before"
      + "\tpeak_threads\tthreads_started\tconnections\tpeak_open\topen_at_end\theap_peak\tmax_heap\tbudget"
      + "\tretries\tfirst_retry\tfirst_failure\n";

  private static String clean(String s) {
    String one = s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    return one.length() > 300 ? one.substring(0, 300) + "..." : one;
  }
}
