package dev.sorastatus.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Threads;

/**
 * Changes the default {@code java.net.http} call one step at a time: towards what our JDK adapter does
 * now (a blocking {@code send} on a direct-executor client) and did before (the pool-async-timeout variant), to
 * show what each step costs or buys. Compare with
 * {@code RetrieveBenchmark.throughput} for {@code raw-jdk} and {@code sora-jdk} in the same run.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JdkVariantsBenchmark {
  /** The variant; see {@code Candidates}. */
  @Param({"jdk-http1", "jdk-http1-direct", "jdk-http1-direct-async", "jdk-http1-pool-async-timeout"})
  public String client;

  private LoopbackTrial trial;

  /** Starts the server and the client, and checks one call. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    trial = LoopbackTrial.open(client);
  }

  /** Closes the client and the server. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    trial.close();
  }

  /**
   * Measures calls per second with eight callers sharing the client.
   *
   * @return the decoded video, for the blackhole
   * @throws Exception if a call fails
   */
  @Benchmark
  @Threads(8)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 3, time = 1)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object throughput() throws Exception {
    return trial.candidate.retrieve();
  }
}
