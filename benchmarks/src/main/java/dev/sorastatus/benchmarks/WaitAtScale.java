package dev.sorastatus.benchmarks;

import dev.sorastatus.PollOptions;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.VirtualTime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for thousands of jobs at once through {@link VideoPoller} on the testkit's in-memory
 * {@link FakeVideoApi}, in virtual time, and measures what that costs in wall time, threads and heap. Every
 * job answers queued, then processing, then completed, one step per read, so each wait makes three requests.
 *
 * <p>Threads: the JVM's peak live count (reset before the waits start) and the number of threads started
 * while they ran. Heap: used after a full GC at three points (before the fake, once its jobs exist, and
 * once every wait is in flight), which is what the waits retain; and the most heap any collection left in
 * use while they ran (the peak of the live heap, garbage excluded). {@code benchmarks/run} runs it with
 * {@code -Xmx64m}, so that finishing at all shows the whole run, fake included, fits in 64 MB.
 */
public final class WaitAtScale {
  private static final double REQUESTS_PER_SECOND = 2_000;
  private static final HeapWatch HEAP = new HeapWatch();

  private WaitAtScale() {}

  /**
   * What one run measured.
   *
   * @param waits how many waits ran at once
   * @param requests how many status requests the fake answered
   * @param wallMillis wall time from the first wait started to the last one finished
   * @param virtual how much virtual time passed
   * @param liveBefore live threads before the waits started
   * @param peakThreads the JVM's peak live thread count while they ran
   * @param threadsStarted threads started while they ran
   * @param heapBefore heap used after GC before the fake existed
   * @param heapJobs heap used after GC once the fake held every job
   * @param heapInFlight heap used after GC with every wait in flight
   * @param heapPeak the most heap any collection left in use while the waits ran (0 if none ran)
   * @param maxHeap the heap's maximum size
   */
  record Result(int waits, long requests, long wallMillis, Duration virtual, int liveBefore, int peakThreads,
      long threadsStarted, long heapBefore, long heapJobs, long heapInFlight, long heapPeak, long maxHeap) {

    /** Returns the heap the waits themselves retained, the fake's jobs excluded. */
    long heapOfWaits() {
      return heapInFlight - heapJobs;
    }

    /** Returns the threads above those live before the run, at the peak. */
    int extraThreadsAtPeak() {
      return peakThreads - liveBefore;
    }
  }

  /**
   * Runs {@code waits} concurrent waits to completion and measures them.
   *
   * @param waits how many
   * @return what was measured
   * @throws IllegalStateException if a wait did not complete
   */
  static Result run(int waits) {
    long heapBefore = HeapWatch.heapAfterGc();
    VirtualTime time = VirtualTime.create();
    FakeVideoApi api = FakeVideoApi.builder().time(time).build();
    List<VideoId> ids = new ArrayList<>(waits);
    for (int i = 0; i < waits; i++) {
      ids.add(api.job().queued().processing(50).completed().create());
    }
    VideoPoller poller = VideoPoller.builder(api.port())
        .random(new SplittableRandom(1))
        .requestsPerSecond(REQUESTS_PER_SECOND)
        .defaults(PollOptions.defaults())
        .build();
    long heapJobs;
    try {
      heapJobs = HEAP.resetAfterGc();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.resetPeakThreadCount();
    int liveBefore = threads.getThreadCount();
    long startedBefore = threads.getTotalStartedThreadCount();
    long start = System.nanoTime();

    List<CompletableFuture<Video>> pending = new ArrayList<>(waits);
    for (VideoId id : ids) {
      pending.add(poller.awaitCompletedAsync(id));
    }
    long wallStart = System.nanoTime() - start;
    long heapInFlight = HeapWatch.heapAfterGc(); // every wait started, none finished: what they hold
    long gcPause = System.nanoTime() - start - wallStart;

    // each advance runs what falls due in that virtual minute on this thread; an hour is twice the timeout
    for (int minute = 0; minute < 60 && !allDone(pending); minute++) {
      time.advance(Duration.ofMinutes(1));
    }
    long wallMillis = (System.nanoTime() - start - gcPause) / 1_000_000;
    long peakHeap = HEAP.maxUsedAfterGc();
    int peakThreads = threads.getPeakThreadCount();
    long started = threads.getTotalStartedThreadCount() - startedBefore;
    for (CompletableFuture<Video> wait : pending) {
      if (!wait.isDone() || wait.join().status() != VideoStatus.COMPLETED) {
        throw new IllegalStateException("a wait did not complete: " + wait);
      }
    }
    long requests = api.requestCount();
    api.close(); // ends the in-memory client's worker threads too, so that the next run starts from none
    return new Result(waits, requests, wallMillis, time.elapsed(), liveBefore, peakThreads, started,
        heapBefore, heapJobs, heapInFlight, peakHeap, Runtime.getRuntime().maxMemory());
  }

  private static boolean allDone(List<CompletableFuture<Video>> pending) {
    for (CompletableFuture<Video> f : pending) {
      if (!f.isDone()) {
        return false;
      }
    }
    return true;
  }


  /**
   * Runs the measurement and appends one line per run to a TSV file for {@code ResultsReport}.
   *
   * @param args the TSV file, then how many waits (default 10,000), then how many runs (default 2: the
   *     first warms the JVM up)
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path tsv = Path.of(args[0]);
    int waits = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    StringBuilder out = new StringBuilder("run\twaits\trequests\twall_ms\tvirtual_s\tlive_before\tpeak_threads"
        + "\tthreads_started\theap_before\theap_jobs\theap_in_flight\theap_peak\tmax_heap\n");
    for (int i = 1; i <= runs; i++) {
      Result r = run(waits);
      System.out.printf(Locale.ROOT, "wait-at-scale run %d: %d waits, %d requests, %d ms wall, %s virtual, "
              + "threads live %d, peak %d, started %d; heap after GC %.1f MiB (jobs %.1f, in flight %.1f), "
              + "live peak %.1f of %.1f MiB%n", i, r.waits(), r.requests(), r.wallMillis(), r.virtual(),
          r.liveBefore(), r.peakThreads(), r.threadsStarted(), mib(r.heapBefore()), mib(r.heapJobs()),
          mib(r.heapInFlight()), mib(r.heapPeak()), mib(r.maxHeap()));
      out.append(i).append('\t').append(r.waits()).append('\t').append(r.requests()).append('\t')
          .append(r.wallMillis()).append('\t').append(r.virtual().toSeconds()).append('\t')
          .append(r.liveBefore()).append('\t').append(r.peakThreads()).append('\t').append(r.threadsStarted())
          .append('\t').append(r.heapBefore()).append('\t').append(r.heapJobs()).append('\t')
          .append(r.heapInFlight()).append('\t').append(r.heapPeak()).append('\t').append(r.maxHeap())
          .append('\n');
    }
    Files.writeString(tsv, out, StandardCharsets.UTF_8);
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024);
  }
}
