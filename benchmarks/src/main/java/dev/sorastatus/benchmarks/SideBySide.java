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
 * each, and reports each one's median calls per second and its median ratio to the first within the same
 * round. Load that comes and goes on a shared machine then hits every client alike, which separate JMH forks
 * minutes apart cannot promise. Not a JMH benchmark; {@code SIDE_BY_SIDE=1 benchmarks/run} runs it.
 */
public final class SideBySide {
  private SideBySide() {}

  /**
   * Runs the rounds and writes a Markdown table.
   *
   * @param args the output file, the number of rounds, then the clients (the first is the baseline)
   * @throws Exception if a client fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: SideBySide <out.md> <rounds> <baseline> <client>...");
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
      for (int warm = 0; warm < 2; warm++) {
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
      StringBuilder md = new StringBuilder();
      md.append("| client | median calls/s | × `").append(names.get(0)).append("` (median of rounds) | "
          + "interquartile range | CPU µs/call | CPU × `").append(names.get(0)).append("` |\n");
      md.append("| --- | --- | --- | --- | --- | --- |\n");
      for (int i = 0; i < n; i++) {
        double[] ratio = new double[rounds];
        double[] cpuRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratio[r] = rate[i][r] / rate[0][r];
          cpuRatio[r] = cpu[i][r] / cpu[0][r];
        }
        md.append(String.format(Locale.ROOT, "| `%s` | %,.0f | %.2f× | %.2f–%.2f | %.1f | %.2f× |%n", names.get(i),
            quantile(rate[i], 0.5), quantile(ratio, 0.5), quantile(ratio, 0.25), quantile(ratio, 0.75),
            quantile(cpu[i], 0.5) / 1000, quantile(cpuRatio, 0.5)));
      }
      md.append(String.format(Locale.ROOT, "%n%d rounds of 1 s per client after 2 warm-up rounds, 8 callers.%n",
          rounds));
      Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
      System.out.print(md);
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
