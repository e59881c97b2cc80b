package dev.sorastatus.testkit;

import static dev.sorastatus.testkit.SoraAssertions.assertThat;
import static dev.sorastatus.testkit.SoraAssertions.assertThatThrownBy;
import static dev.sorastatus.testkit.SoraAssertions.catchThrowable;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeVideoApiTest {
  private final FakeVideoApi api = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).retryPolicy(RetryPolicy.none()).build();
  private final VideoStatusPort port = api.port();

  @Test
  void eachReadTakesTheNextStepAndTheLastOneSticks() {
    VideoId id = api.job().queued().processing(40).processing(90).completed().create();

    assertThat(port.retrieve(id)).isQueued().hasProgress(0).hasRawStatus("queued");
    assertThat(port.retrieve(id)).isProcessing().hasProgress(40).hasRawStatus("in_progress");
    assertThat(port.retrieve(id)).isProcessing().hasProgress(90);
    assertThat(port.retrieve(id)).isCompleted().hasProgress(100);
    assertThat(port.retrieve(id)).isCompleted();
    assertThat(api.retrievals(id)).isEqualTo(5);
  }

  @Test
  void asyncReadsTakeStepsTooInTheOrderTheyWereMade() throws Exception {
    VideoId id = api.job().queued().processing(50).create();

    CompletableFuture<Video> first = port.retrieveAsync(id);
    CompletableFuture<Video> second = port.retrieveAsync(id);

    assertThat(first.get()).isQueued(); // answered when made; taken in on the client's worker thread
    assertThat(second.get()).isProcessing().hasProgress(50);
  }

  @Test
  void completedFillsCompletionTimeExpiryAndInGatewayDialectsAUrlToTheFake() {
    VideoId id = api.job().queued().completed().create();
    port.retrieve(id);
    api.time().advance(Duration.ofSeconds(95));
    Instant completedAt = api.time().now();

    Video done = port.retrieve(id);
    api.time().advance(Duration.ofMinutes(5));

    assertThat(done).isCompleted().wasCompletedAt(completedAt).hasNoDownloadUrl() // OpenAI: use /content
        .isNotExpiredAt(completedAt.plus(Duration.ofMinutes(59))).isExpiredAt(completedAt.plus(Duration.ofHours(1)));
    assertThat(port.retrieve(id)).wasCompletedAt(completedAt); // the completion time does not move

    FakeVideoApi gateway = FakeVideoApi.builder().dialect(Dialect.GATEWAY).build();
    VideoId gid = gateway.job().completed().create();
    assertThat(gateway.port().retrieve(gid)).hasDownloadUrl(gateway.contentUrl(gid));
  }

  @Test
  void scriptedDownloadUrlAndFixedInstantsAreReportedAsGiven() {
    URI cdn = URI.create("https://cdn.example.com/v.mp4?sig=1");
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    VideoId a = api.job().completed(cdn).create();
    VideoId b = api.job().completed(at, at.plus(Duration.ofDays(1))).create();

    assertThat(port.retrieve(a)).hasDownloadUrl(cdn);
    assertThat(port.retrieve(b)).wasCompletedAt(at).isNotExpiredAt(at.plus(Duration.ofHours(23)));
  }

  @Test
  void failedJobKeepsItsCodeMessageAndLastProgress() {
    VideoId id = api.job().processing(60).failed("moderation_blocked", "Blocked by moderation.").create();
    port.retrieve(id);

    assertThat(port.retrieve(id)).isFailed().isTerminal().hasErrorCode("moderation_blocked")
        .hasErrorMessage("Blocked by moderation.").hasProgress(60);
  }

  @Test
  void rawStatusesAndAttributesAreReported() {
    VideoId source = VideoId.of("video_source_1");
    VideoId id = api.job()
        .status("moderating", 5).status("RUNNING", 20)
        .model("sora-2-pro").size("1792x1024").seconds(12).prompt("a cat on a piano").remixOf(source)
        .createdAt(Instant.parse("2026-02-02T02:02:02Z"))
        .pollAfter(Duration.ofMillis(2500))
        .create();

    Video first = port.retrieve(id);
    assertThat(first).isUnknown().isNotTerminal().hasRawStatus("moderating").hasProgress(5);
    assertThat(first.model()).contains("sora-2-pro");
    assertThat(first.size()).contains("1792x1024");
    assertThat(first.seconds()).hasValue(12);
    assertThat(first.prompt()).contains("a cat on a piano");
    assertThat(first.remixedFromVideoId()).contains(source);
    assertThat(first.createdAt()).contains(Instant.parse("2026-02-02T02:02:02Z"));
    assertThat(first.pollAfter()).contains(Duration.ofMillis(2500));
    assertThat(port.retrieve(id)).isProcessing().hasRawStatus("RUNNING").hasProgress(20);
  }

  @Test
  void scriptedFaultsThrowTheExceptionsOfTheRealAdapters() {
    VideoId id = api.job()
        .rateLimited(Duration.ofMillis(1500))
        .serverError(503)
        .malformedBody()
        .droppedConnection()
        .unauthorized()
        .forbidden()
        .processing(10)
        .notFound()
        .create();

    SoraApiException limited = (SoraApiException) catchThrowable(() -> port.retrieve(id));
    assertThat(limited.retryAfter()).contains(Duration.ofMillis(1500));
    assertThat(((SoraApiException) catchThrowable(() -> port.retrieve(id))).statusCode()).isEqualTo(503);
    assertThat(catchThrowable(() -> port.retrieve(id))).isInstanceOf(MalformedResponseException.class);
    assertThat(catchThrowable(() -> port.retrieve(id))).isInstanceOf(SoraTransportException.class)
        .hasMessageContaining("dropped");
    assertThat(catchThrowable(() -> port.retrieve(id))).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.AUTHENTICATION));
    assertThat(catchThrowable(() -> port.retrieve(id))).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.PERMISSION_DENIED));
    assertThat(port.retrieve(id)).isProcessing().hasProgress(10);
    VideoNotFoundException gone = (VideoNotFoundException) catchThrowable(() -> port.retrieve(id));
    assertThat(gone.videoId()).isEqualTo(id);
    assertThat(catchThrowable(() -> port.retrieve(id))).isInstanceOf(VideoNotFoundException.class); // sticks
  }

  @Test
  void asyncFaultsFailTheFutureWithTheSameTypes() {
    VideoId id = api.job().serverError(502).droppedConnection().create();

    assertThatThrownBy(() -> port.retrieveAsync(id).get()).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
    assertThatThrownBy(() -> port.retrieveAsync(id).get()).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(SoraTransportException.class);
  }

  @Test
  void unknownJobIsNotFoundInEveryDialect() {
    for (Dialect dialect : Dialect.values()) {
      FakeVideoApi fake = FakeVideoApi.builder().dialect(dialect).build();
      VideoId id = VideoId.of("video_never_made");

      VideoNotFoundException e = (VideoNotFoundException) catchThrowable(() -> fake.port().retrieve(id));

      assertThat(e.videoId()).as("%s", dialect).isEqualTo(id);
      assertThat(e.statusCode()).as("%s", dialect).isEqualTo(dialect == Dialect.OPENAI ? 404 : 400);
      assertThat(fake.retrievals(id)).isEqualTo(1);
    }
  }

  @Test
  void timesRepeatsAStep() {
    VideoId id = api.job().queued().times(3).completed().create();

    for (int i = 0; i < 3; i++) {
      assertThat(port.retrieve(id)).isQueued();
    }
    assertThat(port.retrieve(id)).isCompleted();
  }

  @Test
  void timedJobFollowsTheClockNotTheReads() {
    VideoId id = api.job()
        .advanceEvery(Duration.ofSeconds(30))
        .queued()
        .processing(40).lasting(Duration.ofMinutes(2))
        .processing(90)
        .completed()
        .create();
    VirtualTime time = api.time();
    Instant start = time.now();

    assertThat(port.retrieve(id)).isQueued();
    assertThat(port.retrieve(id)).isQueued(); // reading again does not move a timed job
    time.advance(Duration.ofSeconds(30));
    assertThat(port.retrieve(id)).isProcessing().hasProgress(40);
    time.advance(Duration.ofSeconds(119));
    assertThat(port.retrieve(id)).hasProgress(40);
    time.advance(Duration.ofSeconds(1));
    assertThat(port.retrieve(id)).hasProgress(90);
    time.advance(Duration.ofHours(5)); // read long after: completed when the timeline entered the step
    assertThat(port.retrieve(id)).isCompleted().wasCompletedAt(start.plus(Duration.ofSeconds(180)));
  }

  @Test
  void pollerOnVirtualTimeSeesARealisticTimelineInMilliseconds() {
    VideoId id = api.job()
        .advanceEvery(Duration.ofMinutes(2))
        .queued().processing(25).processing(50).processing(75).completed()
        .create();
    VirtualTime time = api.time();
    List<String> timeline = new ArrayList<>();
    // a minimal poller: read every 45 s on the scheduler until terminal
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> port.retrieveAsync(id).thenAccept(v -> {
      timeline.add(time.elapsed().toSeconds() + "s " + v.rawStatus() + " " + v.progress());
      if (!v.isTerminal()) {
        time.schedule(Duration.ofSeconds(45), poll[0]);
      }
    });
    long started = System.nanoTime();

    time.schedule(Duration.ZERO, poll[0]);
    time.advance(Duration.ofMinutes(10));

    assertThat(timeline).containsExactly("0s queued 0", "45s queued 0", "90s queued 0", "135s in_progress 25",
        "180s in_progress 25", "225s in_progress 25", "270s in_progress 50", "315s in_progress 50",
        "360s in_progress 75", "405s in_progress 75", "450s in_progress 75", "495s completed 100");
    assertThat(time.pendingTasks()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void timedJobWithoutDurationsIsRefusedAtCreate() {
    assertThatThrownBy(() -> api.job().queued().lasting(Duration.ofSeconds(5)).processing(5).completed().create())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("step 2 (processing(5)) has no duration");
  }

  @Test
  void latencyIsVirtualAdvancingTimeForBlockingReadsAndWaitingForItWhenAsync() throws Exception {
    FakeVideoApi slow = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).faults(Faults.builder().latency(Duration.ofSeconds(2)).build()).build();
    VideoId id = slow.job().queued().processing(30).create();
    VirtualTime time = slow.time();

    assertThat(slow.port().retrieve(id)).isQueued();
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(time.sleeps()).isEmpty(); // the fake's latency is not the caller's sleep

    CompletableFuture<Video> pending = slow.port().retrieveAsync(id);
    assertThat(pending).isNotDone();
    time.advance(Duration.ofMillis(1999));
    assertThat(pending).isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(pending.get()).isProcessing();
  }

  @Test
  void latencyBeyondTheRequestTimeoutIsATimeout() {
    FakeVideoApi slow = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).faults(Faults.builder().latency(Duration.ofMinutes(5)).build()).build();
    VideoId id = slow.job().queued().create();

    SoraTransportException e = (SoraTransportException) catchThrowable(() -> slow.port().retrieve(id));

    assertThat(e.isTimeout()).isTrue();
    assertThat(slow.time().elapsed()).isEqualTo(Duration.ofSeconds(30));
    CompletableFuture<Video> async = slow.port().retrieveAsync(id);
    slow.time().advance(Duration.ofSeconds(30));
    assertThatThrownBy(async::get).cause().isInstanceOf(SoraTransportException.class);
  }

  @Test
  void journalRecordsPathsTimesAndMaskedKeys() {
    VideoId id = api.job().queued().create();
    port.retrieve(id);
    api.time().advance(Duration.ofSeconds(5));
    catchThrowable(() -> port.retrieve(VideoId.of("video_other")));

    List<RecordedRequest> journal = api.journal();

    assertThat(journal).hasSize(2);
    RecordedRequest first = journal.get(0);
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.path()).isEqualTo("/v1/videos/" + id);
    assertThat(first.videoId()).contains(id);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.at()).isEqualTo(VirtualTime.DEFAULT_START);
    assertThat(first.header("Authorization")).contains("Bearer sk-***");
    assertThat(first.header("accept")).contains("application/json");
    assertThat(journal.toString()).doesNotContain(FakeVideoApi.DEFAULT_API_KEY);
    assertThat(journal.get(1).statusCode()).isEqualTo(404);
    assertThat(journal.get(1).at()).isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(5));
    assertThat(api.requestCount()).isEqualTo(2);
  }

  @Test
  void resetForgetsJobsCountsAndJournal() {
    VideoId id = api.job().queued().create();
    port.retrieve(id);

    api.reset();

    assertThat(api.requestCount()).isZero();
    assertThat(api.retrievals(id)).isZero();
    assertThat(api.journal()).isEmpty();
    assertThat(catchThrowable(() -> port.retrieve(id))).isInstanceOf(VideoNotFoundException.class);
  }

  @Test
  void scriptingAnIdAgainReplacesTheJob() {
    VideoId id = api.job().id("video_again").queued().create();
    api.job().id(id).completed().create();

    assertThat(port.retrieve(id)).isCompleted();
  }

  @Test
  void generatedIdsAreValidDistinctAndFollowTheSeed() {
    FakeVideoApi a = FakeVideoApi.builder().seed(7).build();
    FakeVideoApi b = FakeVideoApi.builder().seed(7).build();
    FakeVideoApi c = FakeVideoApi.builder().seed(8).build();

    VideoId a1 = a.job().queued().create();
    VideoId a2 = a.job().queued().create();

    assertThat(a1.value()).matches("video_[0-9a-f]{32}");
    assertThat(a1).isNotEqualTo(a2);
    assertThat(b.job().queued().create()).isEqualTo(a1);
    assertThat(c.job().queued().create()).isNotEqualTo(a1);
  }

  @Test
  void badScriptsAreRefusedWithClearMessages() {
    assertThatThrownBy(() -> api.job().create()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one step");
    assertThatThrownBy(() -> api.job().processing(101)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..100");
    assertThatThrownBy(() -> api.job().serverError(404)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("500..599");
    assertThatThrownBy(() -> api.job().times(2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("none yet");
    assertThatThrownBy(() -> api.job().queued().times(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> api.job().rateLimited(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> api.job().completed(URI.create("ftp://x/y"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> api.job().status(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> api.job().id("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> api.job().advanceEvery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> api.job().failed(null)).isInstanceOf(NullPointerException.class);
    FakeVideoApi.JobBuilder used = api.job().queued();
    used.create();
    assertThatThrownBy(used::create).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
  }

  @Test
  void toStringsNeverShowTheKey() {
    FakeVideoApi fake = FakeVideoApi.builder().apiKey("sk-secret-canary-123456").build();

    assertThat(fake.toString()).doesNotContain("canary");
    assertThat(fake.port().toString()).doesNotContain("canary").contains("InMemoryTransport");
    assertThat(fake.apiKey().toString()).doesNotContain("canary");
  }

  @Test
  void statusesReadTheSameThroughEveryDialect() {
    for (Dialect dialect : Dialect.values()) {
      FakeVideoApi fake = FakeVideoApi.builder().dialect(dialect).build();
      VideoId id = fake.job().queued().processing(40).completed().failed("x", "y").create();
      List<VideoStatus> seen = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        seen.add(fake.port().retrieve(id).status());
      }
      assertThat(seen).as("%s", dialect)
          .containsExactly(VideoStatus.QUEUED, VideoStatus.PROCESSING, VideoStatus.COMPLETED, VideoStatus.FAILED);
    }
  }
}
