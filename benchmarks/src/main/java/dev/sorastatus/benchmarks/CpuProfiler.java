package dev.sorastatus.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time the whole fork spent per operation ({@code cpu.time.norm}, every thread: callers,
 * client internals, the in-process server, the kernel on their behalf), and how many cores it kept busy
 * ({@code cpu.cores}). Other processes on a shared machine stretch wall time but hardly this, so it is the
 * steadier figure to compare clients by. Use with {@code -prof dev.sorastatus.benchmarks.CpuProfiler}.
 */
public final class CpuProfiler implements InternalProfiler {
  private long cpuStart;
  private long wallStart;

  /** Creates the profiler; JMH calls this. */
  public CpuProfiler() {}

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuStart = processCpuNanos();
    wallStart = System.nanoTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = processCpuNanos() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    long ops = result.getMetadata().getAllOps();
    if (cpuStart < 0 || ops <= 0 || wall <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.cores", (double) cpu / wall, "cores", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
    return -1;
  }
}
