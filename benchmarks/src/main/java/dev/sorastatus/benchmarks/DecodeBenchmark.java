package dev.sorastatus.benchmarks;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.internal.VideoMapper;
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
import org.openjdk.jmh.annotations.Warmup;

/** Decodes one status body of each dialect into a {@link Video}; the target is at most 1 µs per body. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
public class DecodeBenchmark {
  /** The body's dialect. */
  @Param({"openai", "gateway", "new-api"})
  public String dialect;

  private byte[] body;
  private VideoId requested;

  /** Picks the body and checks that it decodes to what the dialect says. */
  @Setup(Level.Trial)
  public void setUp() {
    body = Bodies.of(dialect);
    requested = VideoId.of(Bodies.VIDEO_ID);
    Video video = VideoMapper.decode(body, requested);
    VideoStatus expected = dialect.equals("new-api") ? VideoStatus.PROCESSING : VideoStatus.COMPLETED;
    if (!video.id().equals(requested) || video.status() != expected) {
      throw new IllegalStateException(dialect + " body decoded to " + video);
    }
    if (dialect.equals("gateway") && video.downloadUrl().isEmpty()) {
      throw new IllegalStateException("gateway body lost its meta_data.url: " + video);
    }
  }

  /**
   * Decodes the body.
   *
   * @return the video, for the blackhole
   */
  @Benchmark
  public Video decode() {
    return VideoMapper.decode(body, requested);
  }
}
