package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.VideoWaitException;
import dev.sorastatus.testkit.FakeVideoApiExtension;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java blocks of docs/errors.md: each kind of failure provoked on the fake and handled as shown. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ErrorsExamplesTest {
  @RegisterExtension final FakeVideoApiExtension api = FakeVideoApiExtension.create();

  // snippet:start read-errors
  String describe(VideoStatusPort port, VideoId id) {
    try {
      return "is " + port.retrieve(id).status();
    } catch (VideoNotFoundException e) {
      return "unknown job " + e.videoId();
    } catch (SoraApiException e) {          // any other error status: its kind says which
      if (e.kind() == SoraApiException.Kind.RATE_LIMITED) {
        return "rate limited; asked to wait " + e.retryAfter().map(Duration::toSeconds).orElse(0L) + " s";
      }
      return "HTTP " + e.statusCode() + " " + e.kind() + " " + e.errorCode().orElse("")
          + ", request " + e.requestId().orElse("-");
    } catch (SoraTransportException e) {    // no usable answer
      return (e.isTimeout() ? "timed out: " : "no answer: ") + e.getMessage();
    }
  }
  // snippet:end read-errors

  @Test
  void eachFailureOfARead() {
    SoraConfig config = api.config().build();
    VideoId fine = api.job().processing(20).create();
    VideoId limited = api.job().rateLimited(Duration.ofSeconds(90)).create();  // past the 60 s a call waits
    VideoId broken = api.job().serverError(503).times(3).create();
    VideoId refused = api.job().forbidden().create();
    VideoId dropped = api.job().droppedConnection().times(3).create();
    try (var port = SoraClient.over(config, JdkHttpTransport.create(config))) {
      assertThat(describe(port, fine)).isEqualTo("is PROCESSING");
      assertThat(describe(port, VideoId.of("video_nobody_made"))).isEqualTo("unknown job video_nobody_made");
      assertThat(describe(port, limited)).isEqualTo("rate limited; asked to wait 90 s");
      assertThat(describe(port, broken)).matches("HTTP 503 SERVER_ERROR \\S*, request \\S+");
      assertThat(describe(port, refused)).startsWith("HTTP 403 ");
      assertThat(describe(port, dropped)).startsWith("no answer: GET ").contains(" failed after 3 attempts: ")
          .doesNotContain(api.fake().apiKey().reveal());
    }
    assertThat(api.time().sleeps()).hasSize(4); // two retries each for the 503s and the dropped connections
  }

  // snippet:start wait-errors
  String await(VideoPoller poller, VideoId id) {
    try {
      return "ready: " + poller.awaitCompleted(id).id();
    } catch (VideoWaitException e) {
      int progress = e.lastSeen().map(Video::progress).orElse(0);   // the last video read, if any
      return switch (e.kind()) {
        case FAILED -> "failed: " + e.error().map(VideoError::message).orElse("");
        case TIMED_OUT -> "still rendering at " + progress + "%";
        case NOT_FOUND -> "unknown job";
        default -> "gave up (" + e.kind() + "): " + e.getMessage();   // EXPIRED, or ERROR with the cause
      };
    }
  }
  // snippet:end wait-errors

  @Test
  void eachWayAWaitEndsWithoutItsVideo() {
    VideoPoller poller = VideoPoller.builder(api.port()).build();
    VideoId blocked = api.job().queued().failed("moderation_blocked", "prompt was blocked").create();
    VideoId slow = api.job().processing(35).create();
    VideoId refused = api.job().queued().unauthorized().create();

    assertThat(api.fake().runBlocking(() -> await(poller, blocked))).isEqualTo("failed: prompt was blocked");
    assertThat(api.fake().runBlocking(() -> await(poller, slow))).isEqualTo("still rendering at 35%");
    assertThat(api.fake().runBlocking(() -> await(poller, VideoId.of("video_gone")))).isEqualTo("unknown job");
    assertThat(api.fake().runBlocking(() -> await(poller, refused))).startsWith("gave up (ERROR): ").contains("HTTP 401");
  }
}
