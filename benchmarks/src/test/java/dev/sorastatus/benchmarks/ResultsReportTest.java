package dev.sorastatus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {
  @TempDir
  Path dir;

  private static String run(String benchmark, String mode, int threads, String param, String value, double score,
      String unit, double bytes, double cpu) {
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.sorastatus.benchmarks." + benchmark + "\",\"mode\":\""
        + mode + "\",\"threads\":" + threads + ",\"forks\":1,\"jdkVersion\":\"17\",\"vmName\":\"VM\","
        + "\"vmVersion\":\"17\",\"jvmArgs\":[\"-Xmx1g\"],\"warmupIterations\":2,\"warmupTime\":\"1 s\","
        + "\"measurementIterations\":3,\"measurementTime\":\"1 s\",\"params\":{\"" + param + "\":\"" + value
        + "\"},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"" + unit
        + "\",\"rawData\":[[" + (score * 0.9) + "," + score + "," + (score * 5) + "]]},\"secondaryMetrics\":{"
        + "\"gc.alloc.rate.norm\":{\"score\":" + bytes + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"B/op\"},"
        + "\"cpu.time.norm\":{\"score\":" + cpu + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"ns/op\"},"
        + "\"unknown.metric\":{\"score\":1}},\"extra\":[1,2,{\"a\":null}]}";
  }

  private String report() throws Exception {
    Path json = dir.resolve("jmh-results.json");
    Files.writeString(json, "[" + String.join(",",
        run("DecodeBenchmark.decode", "avgt", 1, "dialect", "openai", 800, "ns/op", 1500, 800),
        run("DecodeBenchmark.moshiSkip", "avgt", 1, "dialect", "openai", 500, "ns/op", 100, 500),
        run("RetrieveBenchmark.throughput", "thrpt", 8, "client", "raw-apache", 10_000, "ops/s", 15_000, 50_000),
        run("RetrieveBenchmark.throughput", "thrpt", 8, "client", "sora-apache", 5_000, "ops/s", 21_000, 60_000),
        run("RetrieveBenchmark.throughput", "thrpt", 8, "client", "openai-sdk", 4_000, "ops/s", 30_000, 90_000))
        + "]", StandardCharsets.UTF_8);
    Path out = dir.resolve("RESULTS.md");
    ResultsReport.main(new String[] {json.toString(), out.toString()});
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void figuresAreMediansOfRoundsAndRatiosAreToTheSameStacksBaseline() throws Exception {
    String md = report();

    assertThat(md).contains("| openai | 372 B | 800 |"); // median of 720, 800, 4000: one slow round moves nothing
    assertThat(md).contains("| 0.50× (raw-apache) | 1.20× | 1.40× | 1.25× | 0.70× |");
    assertThat(md).contains("| Decode ≤ 1 µs per body (openai) | 800 ns, Moshi's skip alone 500 ns | pass |");
    assertThat(md).contains("## 3. Waiting at scale\n\n").contains("## 4. Download\n\n");
    assertThat(md).contains("| 10,000 waits on ≤ 4 platform threads and ≤ 64 MB of heap | not run | — |");
  }

  @Test
  void throughputTargetsAreJudgedOnSideBySideRoundsWhenTheyRan() throws Exception {
    Files.writeString(dir.resolve("side-by-side-apache.tsv"), "client\tround\tcalls_per_second\tcpu_ns_per_call\n"
        + "raw-apache\t0\t100\t10\nsora-apache\t0\t97\t10\nopenai-sdk\t0\t40\t20\n"
        + "raw-apache\t1\t50\t10\nsora-apache\t1\t48\t11\nopenai-sdk\t1\t20\t20\n", StandardCharsets.UTF_8);
    // the forks say 0.50× (load came and went between them); the rounds, taken in turn, say 0.96–0.97×

    String md = report();

    assertThat(md).contains("| Apache adapter throughput ≥ 0.95× raw Apache call + decode | side by side 0.97× (IQR 0.96–0.97");
    assertThat(md).contains("JMH forks 0.50× | pass |");
    assertThat(md).contains("### What each change buys: side by side");
  }

  @Test
  void everyMissedTargetSaysWhy() throws Exception {
    String md = report();

    assertThat(md).contains("| Apache adapter allocation ≤ 1.2× raw Apache call + decode | 1.40× (21.0 KB vs 15.0 KB "
        + "per call) | **miss** |");
    assertThat(md).contains("- **Apache adapter allocation**: what is left above the raw call");
    assertThat(md).contains("- **Apache adapter throughput**:");
  }

  @Test
  void waitsAreJudgedOnTheLastRunsThreadsAndHeap() throws Exception {
    writeWaitRuns(waitRun(1, 8000, 6, 0, 30), waitRun(2, 2000, 7, 1, 31));

    String md = report();

    assertThat(md).contains("| 2 | 10,000 | 30,000 | 2,000 | 60 s | 6 | 7 (+1) | 1 | 6.0 MiB | 7.0 MiB | 31.0 MiB "
        + "| 64.0 MiB |");
    assertThat(md).contains("| 10,000 waits on ≤ 4 platform threads and ≤ 64 MB of heap | 10,000 waits: 1 threads "
        + "started, peak 7 live (+1), 2,000 ms wall; heap: waits 7.0 MiB, live peak 31.0 MiB, all in a 64.0 MiB "
        + "heap | pass |");
  }

  @Test
  void aWaitRunOverTheTargetMissesAndIsNamedBesideTheLastRunsFigures() throws Exception {
    writeWaitRuns(waitRun(1, 8000, 11, 5, 30), waitRun(2, 2000, 7, 1, 31));

    String md = report();

    assertThat(md).contains("| 10,000 waits on ≤ 4 platform threads and ≤ 64 MB of heap | 10,000 waits: 1 threads "
        + "started, peak 7 live (+1), 2,000 ms wall; heap: waits 7.0 MiB, live peak 31.0 MiB, all in a 64.0 MiB "
        + "heap; over the target: run 1 started 5 threads, peak +5, live peak 30.0 MiB | **miss** |");
  }

  @Test
  void waitsOverEachTransportStandBesideTheScriptedRunAndMissOnUnboundedConnectionsOrThreads() throws Exception {
    long mib = 1024 * 1024;
    writeWaitRuns(waitRun(2, 2000, 7, 1, 31));
    Files.writeString(dir.resolve("wait-at-scale-over-http.tsv"), WaitAtScaleOverHttp.HEADER
        + "apache\t10000\t10000\t30000\t0\t8000\t9\t11\t2\t64\t64\t64\t" + 100 * mib + "\t" + 1024 * mib
        + "\tnone\t0\t\t\n"
        + "jdk\t10000\t9999\t29999\t0\t20000\t9\t40\t30000\t10000\t9000\t8000\t" + 400 * mib + "\t"
        + 1024 * mib + "\tnone\t3\tSoraTransportException: connection reset\tSoraTransportException: GET timed out\n",
        StandardCharsets.UTF_8);

    String md = report();

    assertThat(md).contains("| scripted: the testkit's `FakeVideoApi`, virtual time (`WaitAtScale`, last run) | 10,000 "
        + "| 10,000 | 30,000 | — | 2,000 | 5,000 | 1 | 7 (+1) | — (no sockets) | — | — | — | 31.0 MiB of 64.0 MiB |");
    assertThat(md).contains("| **over the Apache adapter** (`apache`) | 10,000 | 10,000 | 30,000 | 0 | 8,000 | 1,250 | 2 "
        + "| 11 (+2) | 64 | 0.002 | 64 | 64 | 100.0 MiB of 1024.0 MiB |");
    assertThat(md).contains("| **over the JDK adapter** (`jdk`) | 10,000 | **9,999** | 29,999 | 3 | 20,000 | 500 | 30,000 "
        + "| 40 (+31) | 10,000 | 0.333 | 9,000 | 8,000 | 400.0 MiB of 1024.0 MiB |");
    assertThat(md).contains("- jdk, first of 1 that did not complete: SoraTransportException: GET timed out\n"
        + "- jdk, first of 3 reads retried: SoraTransportException: connection reset\n");
    assertThat(md).contains("| 10,000 waits over each transport: all complete, ≤ 64 connections open at once, ≤ 72 "
        + "threads started | apache 10,000 of 10,000 completed, 2 threads started, 64 connections (0.002 per "
        + "request), peak 64 open; jdk 9,999 of 10,000 completed, 30,000 threads started");
    assertThat(md).contains("- **Waits over HTTP**: the JDK adapter started 30,000 threads for 29,999 responses: its "
        + "async call is `sendAsync`");
  }

  @Test
  void waitsOverHttpThatDidNotRunAreReportedSo() throws Exception {
    String md = report();

    assertThat(md).contains("### The same waits over each transport, against a loopback server\n\n");
    assertThat(md).contains("| 10,000 waits over each transport: all complete, ≤ 64 connections open at once, ≤ 72 "
        + "threads started | not run | — |");
  }

  @Test
  void downloadsAreRatiosOfRoundsToTheRawCopyAndMissWhenBelowNinetyPercent() throws Exception {
    StringBuilder tsv = new StringBuilder("client\tmib\tround\tnanos\tlive_heap_growth\tcollections\tmax_heap\n");
    long second = 1_000_000_000L;
    for (int round = 1; round <= 3; round++) {
      tsv.append("raw-socket\t200\t").append(round).append('\t').append(second / 2).append("\t0\t0\t1\n");
      tsv.append("raw-socket\t50\t").append(round).append('\t').append(second / 8).append("\t0\t0\t1\n");
      tsv.append("raw-socket-durable\t200\t").append(round).append('\t').append(second * 5 / 4).append("\t0\t0\t1\n");
      // round 3 hits the adapter with load: the ratio is a median, so it moves nothing
      tsv.append("sora-apache\t200\t").append(round).append('\t').append(round == 3 ? 4 * second : second)
          .append("\t1048576\t3\t1\n");
      tsv.append("sora-apache\t50\t").append(round).append('\t').append(second / 4).append("\t1048576\t1\t1\n");
    }
    Files.writeString(dir.resolve("download.tsv"), tsv, StandardCharsets.UTF_8);

    String md = report();

    assertThat(md).contains("| **`VideoDownloader` over the Apache adapter** (`sora-apache`) | 200 | 0.50× (0.50–0.50) "
        + "| — | 1.25× (1.25–1.25) | — | 200 | 1.0 MiB | 1.0 MiB | 3 |");
    assertThat(md).contains("| Download ≥ 90% of the raw socket copy's MiB/s, heap flat in body size | sora-apache "
        + "0.50× raw (1.25× raw + SHA-256 + force, the same work)");
    assertThat(md).contains("- **Download**: our downloader does two things the raw copy does not");
  }

  /** Writes what {@code WaitAtScale} writes, with {@code rows} from {@link #waitRun}. */
  private void writeWaitRuns(String... rows) throws java.io.IOException {
    Files.writeString(dir.resolve("wait-at-scale.tsv"), "run\twaits\trequests\twall_ms\tvirtual_s\tlive_before"
        + "\tpeak_threads\tthreads_started\theap_before\theap_jobs\theap_in_flight\theap_peak\tmax_heap\n"
        + String.join("", rows), StandardCharsets.UTF_8);
  }

  /** One run of 10,000 waits in a 64 MiB heap: 4 MiB used before, 10 with the fake's jobs, 17 in flight. */
  private static String waitRun(int run, long wallMs, int peakThreads, int started, int livePeakMib) {
    long mib = 1024 * 1024;
    return run + "\t10000\t30000\t" + wallMs + "\t60\t6\t" + peakThreads + "\t" + started + "\t" + 4 * mib + "\t"
        + 10 * mib + "\t" + 17 * mib + "\t" + livePeakMib * mib + "\t" + 64 * mib + "\n";
  }
}
