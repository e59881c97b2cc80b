package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThatJournal;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;
import static dev.sorastatus.testkit.SoraAssertions.catchThrowable;

import dev.sorastatus.PollOptions;
import dev.sorastatus.SoraClient;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoPoller;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class JournalAssertTest {
  private final FakeVideoApi api = FakeVideoApi.create();
  private final VideoPoller poller = VideoPoller.builder(api.port())
      .defaults(PollOptions.builder().jitter(0).build()).build();
  private final Instant start = api.time().now();
  private final VideoId id = api.job().queued().processing(50).completed().create();

  private void waitForIt() {
    api.runUntilDone(poller.awaitAsync(id)); // reads at 0, 10 and 25 s
  }

  @Test
  void aFinishedWaitPassesEveryCheck() {
    waitForIt();
    assertThatJournal(api).hasRequestCount(3).hasReadsOf(id, 3).hasReadsOf(VideoId.of("video_other"), 0)
        .readsOfAreSpacedAtLeast(id, Duration.ofSeconds(10)).everyRequestAuthorized()
        .hasNoRequestsAfter(start.plusSeconds(25))
        .extracting(RecordedRequest::statusCode).containsOnly(200);
  }

  @Test
  void hasRequestCountPrintsTheJournal() {
    waitForIt();
    assertThatThrownBy(() -> assertThatJournal(api).hasRequestCount(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the journal to hold 2 requests but it holds 3")
        .hasMessageContaining(start.plusSeconds(10) + " GET /v1/videos/" + id + " -> 200")
        .hasMessageContaining(start.plusSeconds(25) + " GET /v1/videos/" + id + " -> 200");
  }

  @Test
  void anEmptyJournalSaysSo() {
    assertThatThrownBy(() -> assertThatJournal(api).hasRequestCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to hold 1 request but it holds 0")
        .hasMessageContaining("(no requests)");
  }

  @Test
  void hasReadsOfCountsStatusReadsOfThatJobOnly() {
    waitForIt();
    catchThrowable(() -> api.port().retrieve(VideoId.of("video_unknown"))); // another job's read: 404
    assertThatThrownBy(() -> assertThatJournal(api).hasReadsOf(id, 2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to hold 2 status reads of " + id + " but it holds 3");
  }

  @Test
  void readsOfAreSpacedAtLeastNamesTheReadsThatCameTooClose() {
    waitForIt();
    assertThatThrownBy(() -> assertThatJournal(api).readsOfAreSpacedAtLeast(id, Duration.ofSeconds(15)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at least PT15S apart but reads 1 and 2 (at " + start + " and "
            + start.plusSeconds(10) + ") are PT10S apart");
  }

  @Test
  void readsOfAreSpacedAtLeastNeedsTwoReads() {
    api.port().retrieve(id);
    assertThatThrownBy(() -> assertThatJournal(api).readsOfAreSpacedAtLeast(id, Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to hold at least two status reads of " + id + " spaced PT1S apart but it holds 1");
  }

  @Test
  void everyRequestAuthorizedNamesARequestWithoutTheKey() {
    api.port().retrieve(id);
    try (SoraClient keyless = SoraClient.over(api.config().apiKey("other-key-123456").build(), api.transport())) {
      catchThrowable(() -> keyless.retrieve(id)); // answered 401
    }
    assertThatThrownBy(() -> assertThatJournal(api).everyRequestAuthorized())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to hold only requests with the fake's key but these are not:")
        .hasMessageContaining("GET /v1/videos/" + id + " -> 401 (Authorization: Bearer oth***, not Bearer sk-***)");
  }

  @Test
  void hasNoRequestsAfterNamesTheFirstLateRequest() {
    waitForIt();
    assertThatThrownBy(() -> assertThatJournal(api).hasNoRequestsAfter(start.plusSeconds(5)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to hold no request after " + start.plusSeconds(5) + " but it holds 2, the first "
            + start.plusSeconds(10) + " GET /v1/videos/" + id + " -> 200");
  }

  @Test
  void listAssertionsKeepTheJournalsOwn() {
    waitForIt();
    assertThatThrownBy(() -> assertThatJournal(api).filteredOn(r -> r.at().isAfter(start)).hasRequestCount(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to hold 3 requests but it holds 2");
  }
}
