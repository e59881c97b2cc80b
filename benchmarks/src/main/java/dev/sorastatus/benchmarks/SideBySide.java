package dev.sorastatus.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs several clients in one JVM in interleaved one-second rounds (A B C, then C B A, ...), eight callers
 * each, and writes each round's calls per second and CPU per call as tab-separated values for the report,
 * which compares clients round by round. Load that comes and goes on a shared machine then hits every client
 * alike, which separate JMH forks minutes apart cannot promise. Not a JMH benchmark;
 * {@code SIDE_BY_SIDE=1 benchmarks/run} runs it.
 */
public final class SideBySide {
  private SideBySide() {}

  /**
   * Runs the rounds and writes their figures.
   *
   * @param args the output file, the number of rounds, then the clients
   * @throws Exception if a client fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: SideBySide <out.tsv> <rounds> <client> <client>...");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<String> names = Arrays.asList(args).subList(2, args.length);
    int n = names.size();
    List<LoopbackTrial> trials = new ArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      for (String name : names) {
        trials.add(LoopbackTrial.open(name));
      }
      for (int warm = 0; warm < 2; warm++) { // each trial prewarmed on open; two keep benchmarks/run under 5 min
        for (LoopbackTrial t : trials) {
          slice(callers, t.candidate);
        }
      }
      double[][] rate = new double[n][rounds];
      double[][] cpu = new double[n][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < n; k++) {
          int i = r % 2 == 0 ? k : n - 1 - k;
          long cpu0 = processCpuNanos();
          long wall0 = System.nanoTime();
          long calls = slice(callers, trials.get(i).candidate);
          rate[i][r] = calls * 1e9 / (System.nanoTime() - wall0);
          cpu[i][r] = (double) (processCpuNanos() - cpu0) / calls;
        }
      }
      StringBuilder tsv = new StringBuilder("client\tround\tcalls_per_second\tcpu_ns_per_call\n");
      for (int i = 0; i < n; i++) {
        for (int r = 0; r < rounds; r++) {
          tsv.append(String.format(Locale.ROOT, "%s\t%d\t%.1f\t%.1f%n", names.get(i), r, rate[i][r], cpu[i][r]));
        }
        System.out.printf(Locale.ROOT, "%-45s median %,.0f calls/s%n", names.get(i), quantile(rate[i], 0.5));
      }
      Files.writeString(out, tsv.toString(), StandardCharsets.UTF_8);
    } finally {
      callers.shutdownNow();
      for (LoopbackTrial t : trials) {
        t.close();
      }
    }
  }

  /** Runs eight callers on {@code candidate} for one second; returns the calls they made. */
  private static long slice(ExecutorService callers, Candidate candidate) throws Exception {
    AtomicLong total = new AtomicLong();
    long end = System.nanoTime() + 1_000_000_000L;
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      running.add(callers.submit(() -> {
        long calls = 0;
        while (System.nanoTime() - end < 0) {
          candidate.retrieve();
          calls++;
        }
        total.addAndGet(calls);
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    return total.get();
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
    return 0; // no CPU figures, the rates still hold
  }
}
