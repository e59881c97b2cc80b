package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sorastatus.PollOptions;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.webhooks.WebhookCounts;
import dev.sorastatus.webhooks.WebhookReceiver;
import dev.sorastatus.webhooks.WebhookVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Push wakes, pull decides, end to end: the fake sends signed events when a job finishes, the receiver wakes
 * the wait, and the wait ends with the read that follows; every fault of a real sender leaves polling to finish.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeVideoApiWebhookTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  /** The job finishes at 40 s; polling every 30 s would see it at 60 s. */
  static final Duration FINISH = Duration.ofSeconds(40);

  private final FakeVideoApi api = FakeVideoApi.create();
  private final VideoPoller poller = VideoPoller.create(api.port());
  private final PollOptions every30s = PollOptions.builder().initialDelay(Duration.ZERO).jitter(0)
      .initialInterval(Duration.ofSeconds(30)).multiplier(1).build();
  private final WebhookReceiver receiver = WebhookReceiver.builder(poller)
      .verifier(WebhookVerifier.builder().secret(SECRET).clock(api.time()).build()).build();

  private VideoId id;

  private Duration waitWith(UnaryOperator<FakeWebhooks.Builder> faults) {
    api.webhooks(faults.apply(FakeWebhooks.builder(SECRET).to(receiver::handle)).build());
    id = api.job().advanceEvery(FINISH).queued().completed().create();
    CompletableFuture<Video> wait = poller.awaitAsync(id, every30s);
    assertThat(api.runUntilDone(wait).status()).isEqualTo(VideoStatus.COMPLETED);
    return api.time().elapsed();
  }

  @Test
  void aWaitPollingEvery30sEndsWithinOneReadOfTheEvent() {
    Duration ended = waitWith(b -> b);

    assertThat(ended).isBetween(FINISH, FINISH.plusSeconds(1)); // the woken read's budget slot: 20 ms
    assertThat(api.retrievals(id)).isEqualTo(3); // 0 s, 30 s, 40 s
    assertThat(receiver.counts()).isEqualTo(new WebhookCounts(1, 1, 0, 0, 0));
  }

  @Test
  void withTheEventNeverSentTheWaitStillEndsByPolling() {
    assertThat(waitWith(FakeWebhooks.Builder::neverSent)).isEqualTo(Duration.ofSeconds(60));
    assertThat(receiver.counts().received()).isZero();
  }

  @Test
  void aBadlySignedEventWakesNothing() {
    Duration ended = waitWith(b -> b.badlySigned());

    assertThat(ended).isEqualTo(Duration.ofSeconds(60));
    assertThat(receiver.counts()).isEqualTo(new WebhookCounts(1, 0, 0, 0, 1));
  }

  @Test
  void aDuplicatedEventIsReportedAndWakesOnce() {
    assertThat(waitWith(FakeWebhooks.Builder::duplicated)).isBetween(FINISH, FINISH.plusSeconds(1));
    assertThat(receiver.counts()).isEqualTo(new WebhookCounts(2, 1, 0, 1, 0));
  }

  @Test
  void aDelayedEventWakesWhenItArrives() {
    Duration ended = waitWith(b -> b.delayedBy(Duration.ofSeconds(5)));

    assertThat(ended).isBetween(FINISH.plusSeconds(5), FINISH.plusSeconds(6));
  }

  @Test
  void aStaleEventAfterTheFinalOneCostsNoExtraRead() {
    Duration ended = waitWith(FakeWebhooks.Builder::reordered);

    assertThat(ended).isBetween(FINISH, FINISH.plusSeconds(1));
    assertThat(receiver.counts().received()).isEqualTo(2);
    assertThat(api.retrievals(id)).isEqualTo(3);
  }

  @Test
  void overHttpTheFakePostsTheSignedEventToALoopbackListener() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/hooks", receiver.httpHandler());
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
      FakeWebhooks hooks = FakeWebhooks.builder(SECRET).to(url).build();
      api.webhooks(hooks);
      VideoId id = api.job().advanceEvery(FINISH).queued().completed().create();

      Video done = api.runUntilDone(poller.awaitAsync(id, every30s));

      assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
      assertThat(api.time().elapsed()).isBetween(FINISH, FINISH.plusSeconds(1));
      assertThat(hooks.answers()).isEqualTo(List.of(200));
      assertThat(receiver.counts().woken()).isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFailedJobSendsVideoFailedAndTheReadSaysWhy() {
    api.webhooks(FakeWebhooks.builder(SECRET).to(receiver::handle).build());
    VideoId id = api.job().advanceEvery(FINISH).queued().failed("moderation_blocked", "no").create();

    Video failed = api.runUntilDone(poller.awaitAsync(id, every30s));

    assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(api.time().elapsed()).isBetween(FINISH, FINISH.plusSeconds(1));
  }

  @Test
  void deliveriesNeedADestinationAndHideTheSecret() {
    assertThatThrownBy(() -> FakeWebhooks.builder(SECRET).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FakeWebhooks.builder(SECRET).to(URI.create("ftp://x/"))).isInstanceOf(
        IllegalArgumentException.class);
    assertThat(FakeWebhooks.builder(SECRET).to(receiver::handle).duplicated().build().toString())
        .doesNotContain("MfKQ9r8G").contains("duplicated");
  }
}
