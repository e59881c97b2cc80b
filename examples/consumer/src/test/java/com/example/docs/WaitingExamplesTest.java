package com.example.docs;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.PollListener;
import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.WaitOutcome;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java blocks of docs/waiting.md, run on the testkit's in-memory fake and its virtual time. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class WaitingExamplesTest {
  @RegisterExtension final FakeVideoApiExtension api = FakeVideoApiExtension.create();

  private VideoPoller poller() {
    return VideoPoller.builder(api.port()).build();
  }

  @Test
  void optionsOfACallReplaceThePollersDefaults() {
    VideoPoller poller = poller();
    VideoId id = api.job().queued().processing(10).create(); // never finishes

    // snippet:start one-setting
    PollOptions patient = poller.defaults().toBuilder()
        .timeout(Duration.ofHours(2))                    // every other setting as the poller's defaults
        .build();
    CompletableFuture<Video> done = poller.awaitAsync(id, patient);
    // snippet:end one-setting

    assertThat(patient.initialInterval()).isEqualTo(PollOptions.DEFAULT_INITIAL_INTERVAL);
    api.fake().runUntil(done::isDone);
    assertThat(api.time().elapsed()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void pollerWideSettingsAreGivenOnceWhenThePollerIsBuilt() {
    var port = api.port();

    // snippet:start poller-wide
    VideoPoller poller = VideoPoller.builder(port)
        .defaults(PollOptions.builder().timeout(Duration.ofMinutes(45)).build())  // for calls that pass none
        .requestsPerSecond(10)                                  // shared by every wait of this poller
        .build();
    // snippet:end poller-wide

    assertThat(poller.defaults().timeout()).isEqualTo(Duration.ofMinutes(45));
    VideoId id = api.job().completed().create();
    assertThat(api.fake().runBlocking(() -> poller.await(id))).isCompleted(); // read at once: nothing to wait for
  }

  @Test
  void cancellingTheFutureEndsTheWaitAndNoRequestFollows() {
    VideoPoller poller = poller();
    VideoId id = api.job().queued().processing(30).processing(60).completed().create();

    // snippet:start cancel
    CompletableFuture<Video> done = poller.awaitAsync(id);
    done.cancel(true);                                     // no request is sent after this
    // snippet:end cancel

    api.time().advance(Duration.ofMinutes(10));
    assertThat(done).isCancelled();
    assertThat(api.retrievals(id)).isZero(); // the first read was due, not yet sent
    assertThat(api.time().pendingTasks()).isZero();
  }

  @Test
  void aListenerHearsEachChangeEachRetryAndTheEnd() {
    VideoPoller poller = poller();
    VideoId id = api.job().id("video_cat").queued()
        .serverError(503).serverError(503).serverError(503)   // more than the client's own retries absorb
        .processing(50).completed().create();
    List<String> events = new CopyOnWriteArrayList<>();

    // snippet:start listener
    PollOptions options = PollOptions.builder()
        .listener(new PollListener() {
          @Override public void statusChanged(Video v) {
            events.add(v.id() + " is " + v.rawStatus());
          }
          @Override public void retryScheduled(VideoId id, SoraException cause, Duration delay, int inARow) {
            events.add(id + " will retry (" + inARow + " in a row)");
          }
          @Override public void finished(VideoId id, WaitOutcome.Kind kind, Optional<Video> lastSeen) {
            events.add(id + " finished " + kind);
          }
        })
        .build();
    // snippet:end listener

    assertThat(api.fake().runUntilDone(poller.awaitAsync(id, options))).isCompleted();
    assertThat(events).containsExactly(
        "video_cat is queued",
        "video_cat will retry (1 in a row)",
        "video_cat is in_progress",
        "video_cat is completed",
        "video_cat finished COMPLETED");
  }
}
