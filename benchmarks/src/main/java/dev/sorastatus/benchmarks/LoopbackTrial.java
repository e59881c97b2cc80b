package dev.sorastatus.benchmarks;

import dev.sorastatus.Video;
import dev.sorastatus.VideoStatus;
import java.io.IOException;

/** One candidate and the loopback server it calls, for the length of a trial. */
final class LoopbackTrial implements AutoCloseable {
  final LoopbackServer server;
  final Candidate candidate;

  private LoopbackTrial(LoopbackServer server, Candidate candidate) {
    this.server = server;
    this.candidate = candidate;
  }

  /** Starts a server serving OpenAI's body and checks that {@code name} reads it back as a finished video. */
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
