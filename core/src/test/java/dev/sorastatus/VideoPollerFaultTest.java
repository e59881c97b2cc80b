package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.failed;
import static dev.sorastatus.Videos.notFound;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.rateLimited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a wait does with answers that are wrong rather than late: foreign jobs, pages, not-found, 429s. */
class VideoPollerFaultTest {
  private static final VideoId OTHER = VideoId.of("video_other");
  private final PollerFixture f = new PollerFixture();

  private static MalformedResponseException htmlPage() {
    return new MalformedResponseException("HTTP 200 response is an HTML page, not a video", 200, "<html>", null);
  }

  @Test
  void anotherJobsTerminalVideoNeverEndsTheWait() {
    f.port.script(ID, processing(ID, 10), failed(OTHER, "moderation", "blocked"), completed(OTHER),
        processing(ID, 60), completed(ID));
    List<VideoId> heard = new ArrayList<>();
    PollListener ids = new PollListener() {
      @Override
      public void statusChanged(Video video) {
        heard.add(video.id());
      }

      @Override
      public void progressChanged(Video video) {
        heard.add(video.id());
      }
    };

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().listener(ids).build());
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join()).isEqualTo(completed(ID));
    assertThat(heard).isNotEmpty().containsOnly(ID);
    assertThat(f.port.requestCount(ID)).isEqualTo(5);
    assertThat(f.listener.events()).contains(
        "10.0s retry 1 in 15.0s after MalformedResponseException",
        "25.0s retry 2 in 22.5s after MalformedResponseException");
  }

  @Test
  void aForeignVideoIsOneBadReadThatNamesBothJobs() {
    f.port.script(ID, completed(OTHER));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().maxConsecutiveRetries(0).build());
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.getCause()).isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("video video_123").hasMessageContaining("video video_other");
      assertThat(e.lastSeen()).isEmpty();
    });
  }

  @Test
  void aPageInsteadOfAVideoIsRetriedUpToTheConsecutiveLimit() {
    f.port.script(ID, processing(ID, 10), htmlPage(), htmlPage(), htmlPage());

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().maxConsecutiveRetries(2).build());
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.getCause()).isInstanceOf(MalformedResponseException.class);
      assertThat(e.getMessage()).startsWith("wait for video video_123 gave up after 3 transient errors in a row");
      assertThat(e.lastSeen()).contains(processing(ID, 10));
    });
    assertThat(f.port.requestCount(ID)).isEqualTo(4);
  }

  @Test
  void aPageBetweenGoodReadsDoesNotEndTheWait() {
    f.port.script(ID, processing(ID, 10), htmlPage(), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join()).isEqualTo(completed(ID));
  }

  @Test
  void notFoundBeforeTheFirstReadIsRetriedThenTheJobIsFollowed() {
    f.port.script(ID, notFound(ID), notFound(ID), processing(ID, 30), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join()).isEqualTo(completed(ID));
    assertThat(f.listener.events()).startsWith(
        "0.0s retry 1 in 10.0s after VideoNotFoundException",
        "10.0s retry 2 in 15.0s after VideoNotFoundException",
        "25.0s status processing");
  }

  @Test
  void threeNotFoundReadsInARowEndAWaitThatNeverSawItsJob() {
    f.port.script(ID, notFound(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.getCause()).isInstanceOf(VideoNotFoundException.class);
      assertThat(e.getMessage()).startsWith("wait for video video_123 ended: not found on 3 reads in a row");
    });
    assertThat(f.port.requestCount(ID)).isEqualTo(3);
    assertThat(at.join()).isEqualTo(seconds(25));
  }

  @Test
  void theNumberOfNotFoundReadsIsASetting() {
    f.port.script(ID, notFound(ID), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().notFoundReadsBeforeSeen(1).build());
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isInstanceOf(VideoWaitException.class)
        .hasMessageStartingWith("wait for video video_123 ended: not found on 1 read and never read");
    assertThat(f.port.requestCount(ID)).isEqualTo(1);
  }

  @Test
  void notFoundAfterTheJobWasReadEndsTheWaitAtOnce() {
    f.port.script(ID, processing(ID, 10), notFound(ID), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofHours(1));

    assertThatThrownBy(done::join).cause().isInstanceOf(VideoWaitException.class)
        .hasCauseInstanceOf(VideoNotFoundException.class);
    assertThat(f.port.requestCount(ID)).isEqualTo(2);
  }

  @Test
  void aRateLimitAboveTheMaxHintPutsTheNextReadAfterTheServersDelay() {
    f.port.script(ID, processing(ID, 10), rateLimited(Optional.of(Duration.ofMinutes(5))), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().hintBounds(Duration.ofSeconds(1), Duration.ofMinutes(2)).build());
    f.time.advance(Duration.ofHours(1));

    assertThat(done.join()).isEqualTo(completed(ID));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 310));
  }

  @Test
  void aRateLimitPastTheDeadlineEndsTheWaitAtOnceWithTheDelay() {
    f.port.script(ID, processing(ID, 10), rateLimited(Optional.of(Duration.ofHours(1))), completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID, f.exact().timeout(Duration.ofMinutes(20)).build());
    CompletableFuture<Duration> at = f.completionTime(done);
    f.time.advance(Duration.ofHours(2));

    assertThat(at.join()).isEqualTo(seconds(10));
    assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(VideoWaitException.class, e -> {
      assertThat(e.getMessage()).contains("the server asked to wait 3600000 ms before the next read, past the"
          + " wait's deadline");
      assertThat(e.getCause()).isInstanceOfSatisfying(SoraApiException.class,
          r -> assertThat(r.retryAfter()).contains(Duration.ofHours(1)));
      assertThat(e.lastSeen()).contains(processing(ID, 10));
    });
    assertThat(f.port.requestCount(ID)).isEqualTo(2);
  }

  @Test
  void aRateLimitSlowsEveryWaitOfThePoller() {
    VideoId b = VideoId.of("video_b");
    f.port.script(ID, processing(ID, 10), rateLimited(Optional.of(Duration.ofSeconds(20))), completed(ID));
    f.port.script(b, processing(b, 10), completed(b));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(12)); // the 429 came at 10 s and asked for 20 s
    CompletableFuture<Video> other = f.poller.awaitAsync(b);
    f.time.advance(Duration.ofHours(1));

    assertThat(other.join()).isEqualTo(completed(b));
    assertThat(f.port.requestTimes(b).get(0)).isEqualTo(seconds(30));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 30));
  }

  @Test
  void aLongRateLimitHoldsTheOtherWaitsBackForOneMaxIntervalOnly() {
    VideoId b = VideoId.of("video_b");
    f.port.script(ID, processing(ID, 10), rateLimited(Optional.of(Duration.ofMinutes(10))), completed(ID));
    f.port.script(b, completed(b));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(12)); // the 429 came at 10 s and asked for 10 minutes
    CompletableFuture<Video> other = f.poller.awaitAsync(b);
    f.time.advance(Duration.ofHours(1));

    assertThat(other.join()).isEqualTo(completed(b));
    assertThat(f.port.requestTimes(b)).containsExactly(seconds(40)); // 10 s + the 30 s max interval
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 610));
  }

  @Test
  void aRateLimitWithoutADelayHoldsTheOthersBackForTheBackoff() {
    VideoId b = VideoId.of("video_b");
    f.port.script(ID, processing(ID, 10), rateLimited(Optional.empty()), completed(ID));
    f.port.script(b, completed(b));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofSeconds(11)); // the 429 came at 10 s; the backoff is 15 s
    CompletableFuture<Video> other = f.poller.awaitAsync(b);
    f.time.advance(Duration.ofHours(1));

    assertThat(other.join()).isEqualTo(completed(b));
    assertThat(f.port.requestTimes(b)).containsExactly(seconds(25));
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25));
  }
}
