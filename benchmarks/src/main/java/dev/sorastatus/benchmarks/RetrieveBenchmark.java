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
 * Reads one status over loopback keep-alive with each client: our two adapters, the raw stacks under them
 * plus the same decode, a bare socket plus the same decode (the floor), and the official OpenAI SDK.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RetrieveBenchmark {
  /** The client under test; see {@code Candidates}. */
  @Param({"sora-jdk", "sora-apache", "raw-jdk", "raw-apache", "raw-socket", "openai-sdk"})
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
   * Measures one call at a time, sampling each call's time so that the median is reported, not only a mean
   * that a few scheduler stalls on a shared machine can move.
   *
   * @return the decoded video, for the blackhole
   * @throws Exception if the call fails
   */
  @Benchmark
  @Threads(1)
  @Warmup(iterations = 2, time = 1)
  @Measurement(iterations = 3, time = 1)
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object latency() throws Exception {
    return trial.candidate.retrieve();
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
