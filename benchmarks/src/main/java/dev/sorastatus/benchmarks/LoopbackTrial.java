package dev.sorastatus.benchmarks;

import dev.sorastatus.Video;
import dev.sorastatus.VideoStatus;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** One candidate and the loopback server it calls, for the length of a trial. */
final class LoopbackTrial implements AutoCloseable {
  /** How long one caller runs before JMH's own warm-up; {@code -Dbench.prewarm.ms} changes it. */
  private static final long PREWARM_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("bench.prewarm.ms", 2000));

  final LoopbackServer server;
  final Candidate candidate;

  private LoopbackTrial(LoopbackServer server, Candidate candidate) {
    this.server = server;
    this.candidate = candidate;
  }

  /**
   * Starts a server serving OpenAI's body, checks that {@code name} reads it back as a finished video, and
   * warms the candidate up from one thread.
   */
  static LoopbackTrial open(String name) throws Exception {
    LoopbackServer server = LoopbackServer.start(Bodies.OPENAI);
    Candidate candidate = Candidates.create(name, server.port());
    Object first = candidate.retrieve();
    boolean completed = first instanceof Video
        ? ((Video) first).status() == VideoStatus.COMPLETED
        : ((com.openai.models.videos.Video) first).status().equals(com.openai.models.videos.Video.Status.COMPLETED);
    if (!completed) {
      candidate.close();
      server.close();
      throw new IllegalStateException(name + " read " + first + ", expected a completed video");
    }
    // One caller warms the code up faster than eight: the JIT's threads then compete with fewer others.
    long until = System.nanoTime() + PREWARM_NANOS;
    while (System.nanoTime() - until < 0) {
      candidate.retrieve();
    }
    return new LoopbackTrial(server, candidate);
  }

  @Override
  public void close() throws IOException {
    try {
      candidate.close();
    } finally {
      server.close();
    }
  }
}
