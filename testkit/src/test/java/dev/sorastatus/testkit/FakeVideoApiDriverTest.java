package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.PollOptions;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.WaitOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake, or its virtual time alone, runs time until a future, a condition or a blocking call is done. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeVideoApiDriverTest {
  private final FakeVideoApi api = FakeVideoApi.create();
  private final VideoPoller poller = VideoPoller.builder(api.port())
      .defaults(PollOptions.builder().jitter(0).build()).build();

  @Test
  void anAsyncWaitRunsToItsEndOnTheSchedule() {
    VideoId id = api.job().queued().processing(50).completed().create();

    Video done = api.runUntilDone(poller.awaitAsync(id));

    assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofSeconds(25)); // reads at 0, 10 and 25 s
  }

  @Test
  void aFailedFutureThrowsItsOwnError() {
    VideoId id = api.job().processing(10).create();

    assertThatThrownBy(() -> api.runUntilDone(poller.awaitAsync(id, poller.defaults().toBuilder()
        .timeout(Duration.ofMinutes(1)).build())))
        .isInstanceOfSatisfying(VideoWaitException.class, e -> assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT));
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void timeRunsUntilAConditionHolds() {
    VideoId id = api.job().queued().processing(50).completed().create();
    CompletableFuture<WaitOutcome> outcome = poller.awaitOutcomeAsync(id);

    api.runUntil(() -> api.retrievals(id) == 2);

    assertThat(api.time().elapsed()).isEqualTo(Duration.ofSeconds(10));
    assertThat(outcome).isNotDone();
  }

  @Test
  void aBlockingWaitIsTestableOnVirtualTime() {
    VideoId id = api.job().queued().processing(50).completed().create();

    Video done = api.runBlocking(() -> poller.await(id));

    assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void aBlockingCallsErrorIsThrownAsIs() {
    VideoId id = api.job().failed("moderation_blocked", "blocked").create();

    assertThatThrownBy(() -> api.runBlocking(() -> poller.awaitCompleted(id)))
        .isInstanceOfSatisfying(VideoWaitException.class, e -> assertThat(e.kind()).isEqualTo(WaitOutcome.Kind.FAILED));
  }

  @Test
  void timeStandsStillWhileABlockingCallRunsUntilItParks() {
    VirtualTime time = VirtualTime.create();
    time.schedule(Duration.ofSeconds(8), () -> { }); // something else is due: a job's next step, say

    Instant ticked = time.runBlocking(() -> {
      // busy before it parks, as a command is while it creates its job and builds its first request
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
      while (System.nanoTime() - until < 0) {
        Thread.onSpinWait();
      }
      CompletableFuture<Instant> tick = new CompletableFuture<>();
      time.schedule(Duration.ofSeconds(1), () -> tick.complete(time.instant()));
      return tick.join(); // parked: now time may move
    });

    // had time moved while the call ran, its task would have been scheduled from 8 s on and run at 9 s
    assertThat(ticked).isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(1));
  }

  @Test
  void anAnswerOfAFakesServerKeepsTimeStillWhoeverAskedAndWhicheverFakeDrives() throws Exception {
    VirtualTime time = VirtualTime.create();
    try (FakeVideoApi http = FakeVideoApi.builder().time(time)
            .faults(Faults.builder().latency(Duration.ofMillis(400)).build()).build();
        FakeVideoApi other = FakeVideoApi.builder().time(time).build()) {
      VideoId id = http.job().queued().create();
      HttpRequest read = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/videos/" + id.value()))
          .header("Authorization", "Bearer " + FakeVideoApi.DEFAULT_API_KEY).build();
      HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // marks no work
      CompletableFuture<HttpResponse<String>> answer = bare.sendAsync(read, HttpResponse.BodyHandlers.ofString());
      for (int i = 0; i < 10_000 && http.journal().isEmpty(); i++) {
        TimeUnit.MILLISECONDS.sleep(1); // until the server has begun to answer, which it then holds 400 ms
      }
      long answering = System.nanoTime();
      AtomicLong dueTaskRan = new AtomicLong();
      time.schedule(Duration.ofSeconds(1), () -> dueTaskRan.set(System.nanoTime()));

      other.runUntil(() -> answer.isDone() && dueTaskRan.get() != 0); // another fake on the same time

      assertThat(answer.get().statusCode()).isEqualTo(200);
      // the due task waited for the answer: without the server's mark it runs at once
      assertThat(Duration.ofNanos(dueTaskRan.get() - answering)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }
}
