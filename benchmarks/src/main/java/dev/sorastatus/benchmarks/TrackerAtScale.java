package dev.sorastatus.benchmarks;

import dev.sorastatus.PollOptions;
import dev.sorastatus.VideoId;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.VirtualTime;
import dev.sorastatus.tracker.TrackerStore;
import dev.sorastatus.tracker.VideoTracker;
import dev.sorastatus.tracker.jdbc.JdbcTrackerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tracks many jobs on a real PostgreSQL (embedded, from Maven Central) with one {@link VideoTracker} worker
 * reading them from the testkit's in-memory fake at a fixed request budget, on the real clock, and reports:
 * how fast the jobs were stored, the store operations per second while the worker ran (every
 * {@link TrackerStore} call counted through a proxy), how evenly reads were spread (reads in each second
 * against the budget), and the heap after a full GC every few seconds, which stays flat when the tracker
 * works through due jobs in batches instead of holding them all.
 *
 * <p>Arguments: the TSV file to write, the number of jobs (100,000), the budget in requests per second, and
 * how many seconds the worker runs.
 */
public final class TrackerAtScale {
  private static final HeapWatch HEAP = new HeapWatch();

  private TrackerAtScale() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int jobs = Integer.parseInt(args[1]);
    double budget = Double.parseDouble(args[2]);
    int seconds = Integer.parseInt(args[3]);
    Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    List<String> lines = new ArrayList<>();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        FakeVideoApi fake = FakeVideoApi.builder().time(VirtualTime.startingAt(Instant.now())).build()) {
      JdbcTrackerStore jdbc = JdbcTrackerStore.create(pg.getPostgresDatabase());
      TrackerStore store = counting(jdbc, calls);
      List<VideoId> ids = new ArrayList<>(jobs);
      for (int i = 0; i < jobs; i++) {
        ids.add(fake.job().id("video_scale_" + i).queued().processing(30).processing(70).completed().create());
      }
      VideoTracker tracker = VideoTracker.builder(fake.port(), store, outcome -> { })
          .requestsPerSecond(budget)
          .pollOptions(PollOptions.builder().initialInterval(Duration.ofSeconds(5)).timeout(Duration.ofHours(2)).build())
          .build();
      long trackStart = System.nanoTime();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int first = w;
        done.add(writers.submit(() -> {
          for (int i = first; i < jobs; i += 8) {
            tracker.track(ids.get(i), Map.of("batch", String.valueOf(i % 10)));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      writers.shutdown();
      double trackSeconds = (System.nanoTime() - trackStart) / 1e9;
      lines.add(row("stored", jobs, "jobs in " + fmt(trackSeconds) + " s, " + fmt(jobs / trackSeconds) + " tracks/s"));

      long heapBefore = HEAP.resetAfterGc();
      lines.add(row("heap.before", heapBefore / 1024, "KiB after GC, jobs stored, worker not started"));
      calls.clear();
      long requestsBefore = fake.requestCount();
      tracker.start();
      TreeMap<Integer, Long> perSecond = new TreeMap<>();
      List<Long> heap = new ArrayList<>();
      long last = requestsBefore;
      long startNanos = System.nanoTime();
      for (int s = 1; s <= seconds; s++) {
        long wake = startNanos + s * 1_000_000_000L;
        while (System.nanoTime() < wake) {
          Thread.sleep(Math.max(1, (wake - System.nanoTime()) / 1_000_000));
        }
        long now = fake.requestCount();
        perSecond.put(s, now - last);
        last = now;
        if (s % 10 == 0) {
          heap.add(HeapWatch.heapAfterGc() / 1024);
        }
      }
      tracker.close();
      long reads = last - requestsBefore;
      long storeCalls = calls.values().stream().mapToLong(LongAdder::sum).sum();
      // the first second is the worker's join (one heartbeat before it claims): leave it out of the spread
      List<Long> steady = new ArrayList<>(perSecond.tailMap(2).values());
      long min = steady.stream().mapToLong(Long::longValue).min().orElse(0);
      long max = steady.stream().mapToLong(Long::longValue).max().orElse(0);
      double mean = steady.stream().mapToLong(Long::longValue).average().orElse(0);
      lines.add(row("reads", reads, "in " + seconds + " s against a budget of " + fmt(budget) + "/s"));
      lines.add(row("reads.per.second", Math.round(mean), "mean after the first second; min " + min + ", max " + max
          + " (budget " + fmt(budget) + ")"));
      lines.add(row("store.calls.per.second", Math.round(storeCalls / (double) seconds), "every TrackerStore call: "
          + new TreeMap<>(calls).toString().replace('=', ' ')));
      lines.add(row("heap.during", heap.stream().mapToLong(Long::longValue).max().orElse(0), "KiB, most after GC of "
          + heap + " (every 10 s), against " + heapBefore / 1024 + " before"));
      lines.add(row("heap.peak", HEAP.maxUsedAfterGc() / 1024, "KiB, the most any collection left in use while it ran"));
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
    lines.forEach(System.out::println);
  }

  /** Returns {@code store} with every call counted by method name. */
  private static TrackerStore counting(TrackerStore store, Map<String, LongAdder> calls) {
    return (TrackerStore) Proxy.newProxyInstance(TrackerStore.class.getClassLoader(),
        new Class<?>[] {TrackerStore.class}, (proxy, method, margs) -> {
          calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
          try {
            return method.invoke(store, margs);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static String row(String name, long value, String what) {
    return name + "\t" + value + "\t" + what;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
