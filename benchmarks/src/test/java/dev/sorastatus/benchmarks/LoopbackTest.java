package dev.sorastatus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.Video;
import dev.sorastatus.VideoStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LoopbackTest {
  @Test
  void serverAnswersEveryRequestOnOneKeepAliveConnection() throws Exception {
    try (LoopbackTrial trial = LoopbackTrial.open("raw-socket")) {
      for (int i = 0; i < 100; i++) {
        assertThat(((Video) trial.candidate.retrieve()).status()).isEqualTo(VideoStatus.COMPLETED);
      }
      assertThat(trial.server.connectionsAccepted()).isEqualTo(1);
    }
  }

  @Test
  void everyCandidateReadsTheBodyBackAsACompletedVideo() throws Exception {
    List<String> names = List.of("sora-jdk", "sora-apache", "openai-sdk", "raw-jdk", "raw-apache", "raw-socket",
        "jdk-http1", "jdk-http1-direct", "jdk-http1-direct-async", "jdk-http1-pool-async-timeout",
        "apache-deadline", "apache-sweeper", "apache-open-bounded");
    for (String name : names) {
      try (LoopbackTrial trial = LoopbackTrial.open(name)) { // open() checks the first call's video
        assertThat(trial.candidate.retrieve()).as(name).isNotNull();
        assertThat(trial.server.connectionsAccepted()).as(name + " keeps its connection").isEqualTo(1);
      }
    }
  }
}
