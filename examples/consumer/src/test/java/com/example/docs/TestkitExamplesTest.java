package com.example.docs;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import dev.sorastatus.testkit.Faults;
import dev.sorastatus.testkit.RecordedRequest;
import dev.sorastatus.testkit.VirtualTime;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java blocks of docs/testkit.md, run as the tests they are. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class TestkitExamplesTest {
  // snippet:start extension
  @RegisterExtension
  final FakeVideoApiExtension api = FakeVideoApiExtension.create()
      .dialect(Dialect.GATEWAY)        // epoch milliseconds, errors as strings, meta_data.url
      .strict()                        // reading a job nobody scripted fails the test
      .seed(42);                       // ids, content and faults the same on every run

  @Test
  void parametersGiveTheSameFakeAndItsTime(FakeVideoApi fake, VirtualTime time) {
    VideoId id = fake.job().queued().create();
    assertThat(fake.port().retrieve(id)).isQueued();
    assertThat(time).isSameAs(fake.time());
  }
  // snippet:end extension

  @Test
  void aJobCanMoveByTimeInsteadOfByReads() {
    Instant start = api.time().instant();

    // snippet:start timeline
    VideoId id = api.job()
        .advanceEvery(Duration.ofMinutes(2))          // each step lasts 2 minutes of virtual time
        .queued()
        .processing(50).lasting(Duration.ofMinutes(5))
        .completed()                                  // from minute 7 on
        .create();
    VideoPoller poller = VideoPoller.builder(api.port()).build();
    CompletableFuture<Video> done = poller.awaitCompletedAsync(id);

    api.time().advance(Duration.ofMinutes(10));       // runs every poll that falls due, in milliseconds
    assertThat(done.join()).isCompleted().wasCompletedAt(start.plus(Duration.ofMinutes(7)));
    // snippet:end timeline
  }

  @Test
  void aBlockingCallRunsWhileTheFakeMovesTime() {
    VideoId id = api.job().queued().processing(30).processing(80).completed().create();
    VideoPoller poller = VideoPoller.builder(api.port()).build();

    // snippet:start drivers
    CompletableFuture<Video> done = poller.awaitAsync(id);
    api.fake().runUntil(() -> api.retrievals(id) == 2);                   // until a condition holds
    Video video = api.fake().runUntilDone(done);                           // until a future is done
    Video again = api.fake().runBlocking(() -> poller.await(id));          // while a blocking call waits
    // snippet:end drivers

    assertThat(video).isCompleted();
    assertThat(again).isCompleted();
    assertThat(api.retrievals(id)).isEqualTo(5); // four for the first wait, one for the second
  }

  @Test
  void theRealTransportReadsTheFakesHttpMode() {
    VideoId id = api.job().queued().processing(40).create();

    // snippet:start http
    SoraConfig config = api.config().build();
    try (var port = SoraClient.over(config, JdkHttpTransport.create(config))) {   // starts http://127.0.0.1:<port>/v1
      assertThat(port.retrieve(id)).isQueued();
      assertThat(port.retrieve(id)).isProcessing().hasProgress(40);
    }
    // snippet:end http

    assertThat(api.baseUrl().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void faultsAreSeededAndTheWaitsStillEndRight() {
    // snippet:start faults
    FakeVideoApi api = FakeVideoApi.builder()
        .seed(42)                                      // same seed, same faults in the same places
        .faults(Faults.builder()
            .latency(Duration.ofMillis(50), Duration.ofMillis(400))
            .serverErrors(5)                           // percent of reads
            .rateLimits(5, Duration.ofSeconds(2))
            .malformedBodies(1)
            .droppedConnections(1)
            .build())
        .build();
    // snippet:end faults

    try (api) {
      VideoPoller poller = VideoPoller.builder(api.port()).build();
      List<CompletableFuture<Video>> waits = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        waits.add(poller.awaitCompletedAsync(api.job().queued().processing(50).completed().create()));
      }
      api.runUntilDone(CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)));
      assertThat(waits).allSatisfy(w -> assertThat(w.join()).isCompleted());
      assertThat(api.journal()).anySatisfy(r -> assertThat(r.statusCode()).isGreaterThanOrEqualTo(500));
    }
  }

  @Test
  void theJournalListsEveryRequestWithTheKeyMasked() {
    VideoId id = api.job().queued().completed().create();
    api.port().retrieve(id);

    // snippet:start journal
    RecordedRequest first = api.journal().get(0);
    assertThat(first.path()).isEqualTo("/v1/videos/" + id);
    assertThat(first.header("authorization")).contains("Bearer sk-***");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(api.retrievals(id)).isEqualTo(1);
    // snippet:end journal
  }
}
