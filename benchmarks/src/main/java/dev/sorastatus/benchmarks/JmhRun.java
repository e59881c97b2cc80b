package dev.sorastatus.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result as JMH's JSON writes it ({@code -rf json}), the fields the report reads; filled by
 * Moshi, which skips the rest.
 */
final class JmhRun {
  String benchmark;
  String mode;
  int threads;
  int forks;
  String jdkVersion;
  String vmName;
  String vmVersion;
  String jmhVersion;
  List<String> jvmArgs;
  int warmupIterations;
  String warmupTime;
  int measurementIterations;
  String measurementTime;
  Map<String, String> params;
  Metric primaryMetric;
  Map<String, Metric> secondaryMetrics;

  /** Returns the class and method, such as {@code RetrieveBenchmark.latency}. */
  String shortName() {
    String[] parts = benchmark.split("\\.");
    return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  String param(String name) {
    return params == null ? null : params.get(name);
  }

  /** Returns bytes allocated per operation, all threads of the fork counted, or NaN without {@code -prof gc}. */
  double bytesPerOp() {
    Metric m = secondaryMetrics == null ? null : secondaryMetrics.get("gc.alloc.rate.norm");
    return m == null ? Double.NaN : m.median();
  }

  /** Returns the fork's CPU time per operation in nanoseconds, or NaN without {@code CpuProfiler}. */
  double cpuNanosPerOp() {
    Metric m = secondaryMetrics == null ? null : secondaryMetrics.get("cpu.time.norm");
    return m == null ? Double.NaN : m.median();
  }

  /** Returns how the run was measured: forks, warm-up and measured rounds. */
  String profile() {
    return forks + " fork, " + warmupIterations + " × " + warmupTime + " warm-up, " + measurementIterations
        + " × " + measurementTime + " measured, " + threads + (threads == 1 ? " thread" : " threads");
  }

  /** A measured quantity: its mean, error, unit, percentiles and per-iteration values. */
  static final class Metric {
    double score;
    double scoreError;
    String scoreUnit;
    Map<String, Double> scorePercentiles;
    List<List<Double>> rawData;

    /**
     * Returns the median: of the samples for sample-time results (their 50th percentile), otherwise of the
     * iterations of every fork; the mean when neither is there.
     */
    double median() {
      if (rawData == null || rawData.isEmpty()) {
        Double p50 = scorePercentiles == null ? null : scorePercentiles.get("50.0");
        return p50 != null ? p50 : score;
      }
      List<Double> all = new ArrayList<>();
      rawData.forEach(all::addAll);
      if (all.isEmpty()) {
        return score;
      }
      Collections.sort(all);
      int n = all.size();
      return n % 2 == 1 ? all.get(n / 2) : (all.get(n / 2 - 1) + all.get(n / 2)) / 2;
    }

    int rounds() {
      if (rawData == null) {
        return 0;
      }
      int n = 0;
      for (List<Double> fork : rawData) {
        n += fork.size();
      }
      return n;
    }
  }
}
