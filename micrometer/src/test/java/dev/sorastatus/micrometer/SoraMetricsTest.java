package dev.sorastatus.micrometer;

import dev.sorastatus.DownloadResult;
import dev.sorastatus.PollOptions;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraObserver;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoPoller;
import dev.sorastatus.WaitOutcome;
import dev.sorastatus.testkit.FakeVideoApi;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The meters, driven by real reads through the JDK transport against the fake's HTTP mode, on virtual time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoraMetricsTest {
  private final FakeVideoApi api = FakeVideoApi.create();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SoraObserver metrics = SoraMetrics.create(registry);
  private final SoraClient client = SoraClient.create(api.config().observer(metrics).build(), "jdk");

  @AfterEach
  void close() {
    client.close();
    api.close();
  }

  private Timer reads(String outcome, String status) {
    return registry.get("sora.status.reads")
        .tags("operation", "retrieve", "outcome", outcome, "status", status).timer();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void aSuccessfulReadIsTimedAsSuccessWith2xx() {
    VideoId id = api.job().queued().create();

    client.retrieve(id);

    assertThat(reads("success", "2xx").count()).isEqualTo(1);
    assertThat(gauge("sora.status.reads.active")).isZero();
    assertThat(registry.find("sora.retries").counters()).isEmpty();
  }

  @Test
  void aRateLimitRetriedThenAnsweredCountsARetryAndARateLimitWait() {
    VideoId id = api.job().rateLimited(Duration.ofSeconds(2)).queued().create();

    client.retrieve(id);

    assertThat(reads("success", "2xx").count()).isEqualTo(1);
    assertThat(reads("success", "2xx").totalTime(TimeUnit.SECONDS)).isEqualTo(2); // the wait, on virtual time
    assertThat(counter("sora.retries", "cause", "rate_limited")).isEqualTo(1);
    Timer waits = registry.get("sora.rate.limit.waits").timer();
    assertThat(waits.count()).isEqualTo(1);
    assertThat(waits.totalTime(TimeUnit.SECONDS)).isEqualTo(2);
  }

  @Test
  void aJobNotFoundIsTimedAsNotFoundWith4xx() {
    assertThat(catchThrowable(() -> client.retrieve(VideoId.of("video_nobody_made"))))
        .isInstanceOf(VideoNotFoundException.class);

    assertThat(reads("not_found", "4xx").count()).isEqualTo(1);
    assertThat(registry.find("sora.retries").counters()).isEmpty();
  }

  @Test
  void serverErrorsThatOutlastTheRetriesAreOneFailedReadAndTwoRetries() {
    VideoId id = api.job().serverError().times(3).queued().create();

    assertThat(catchThrowable(() -> client.retrieve(id))).isInstanceOf(SoraApiException.class);

    assertThat(reads("server_error", "5xx").count()).isEqualTo(1);
    assertThat(counter("sora.retries", "cause", "server_error")).isEqualTo(2);
    assertThat(gauge("sora.status.reads.active")).isZero();
  }

  @Test
  void aWaitToCompletionIsTimedFromStartToEndAndLeavesNoneActive() {
    VideoId id = api.job().advanceEvery(Duration.ofMinutes(1)).queued().processing(50).completed().create();
    VideoPoller poller = VideoPoller.create(client); // takes the observer from the client's configuration

    CompletableFuture<Video> wait = poller.awaitCompletedAsync(id);
    assertThat(gauge("sora.waits.active")).isEqualTo(1);
    api.runUntilDone(wait);

    Timer waits = registry.get("sora.waits").tags("outcome", "completed").timer();
    assertThat(waits.count()).isEqualTo(1);
    assertThat(waits.totalTime(TimeUnit.SECONDS)).isBetween(120.0, 300.0);
    assertThat(gauge("sora.waits.active")).isZero();
    assertThat(reads("success", "2xx").count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aWaitThatTimesOutIsTimedAsTimedOut() {
    VideoId id = api.job().queued().create();
    VideoPoller poller = VideoPoller.create(client);

    WaitOutcome outcome = api.runUntilDone(
        poller.awaitOutcomeAsync(id, PollOptions.builder().timeout(Duration.ofMinutes(1)).build()));

    assertThat(outcome.kind()).isEqualTo(WaitOutcome.Kind.TIMED_OUT);
    Timer waits = registry.get("sora.waits").tags("outcome", "timed_out").timer();
    assertThat(waits.count()).isEqualTo(1);
    assertThat(waits.totalTime(TimeUnit.SECONDS)).isEqualTo(60);
    assertThat(gauge("sora.waits.active")).isZero();
  }

  @Test
  void aPollerOverAnyPortTakesTheObserverInOneLineAndCountsItsRetries() {
    try (FakeVideoApi inMemory = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).build()) {
      VideoId id = inMemory.job().serverError().queued().completed().create();
      VideoPoller poller = VideoPoller.builder(inMemory.port()).observer(metrics).build();

      inMemory.runUntilDone(poller.awaitCompletedAsync(id));

      assertThat(counter("sora.retries", "cause", "server_error")).isEqualTo(1);
      assertThat(registry.get("sora.waits").tags("outcome", "completed").timer().count()).isEqualTo(1);
      assertThat(registry.find("sora.status.reads").timers()).isEmpty(); // the in-memory port has no observer
    }
  }

  @Test
  void aDownloadCountsItsBytesAndIsTimed(@TempDir Path dir) {
    VideoId id = api.job().completed().contentBytes(10_000).create();
    Video video = client.retrieve(id);

    DownloadResult result = VideoDownloader.create(client).download(video, dir.resolve("out.mp4"));

    assertThat(result.bytes()).isEqualTo(10_000);
    assertThat(registry.get("sora.download.bytes").counter().count()).isEqualTo(10_000);
    assertThat(registry.get("sora.download.bytes").counter().getId().getBaseUnit()).isEqualTo("bytes");
    assertThat(registry.get("sora.downloads").tags("outcome", "success").timer().count()).isEqualTo(1);
    assertThat(gauge("sora.downloads.active")).isZero();
  }

  @Test
  void aDownloadRefusedAtOnceIsTimedByItsReason(@TempDir Path dir) {
    VideoId id = api.job().queued().create();
    Video video = client.retrieve(id);

    catchThrowable(() -> VideoDownloader.builder(client).observer(metrics).build().download(video, dir.resolve("a.mp4")));

    assertThat(registry.get("sora.downloads").tags("outcome", "not_ready").timer().count()).isEqualTo(1);
    assertThat(gauge("sora.downloads.active")).isZero();
  }

  @Test
  void tagValuesComeFromClosedSetsHoweverManyJobsAreRead(@TempDir Path dir) {
    readManyJobs(20, "a", dir);
    Set<String> valuesAfterFew = tagValues();
    int metersAfterFew = registry.getMeters().size();

    readManyJobs(200, "b", dir);

    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).as(meter.getId().toString())
            .doesNotContain("video_", "http", "127.0.0.1", "sk-", api.apiKey().reveal())
            .matches("[a-z0-9_]+");
      }
    }
    assertThat(tagValues()).isEqualTo(valuesAfterFew).hasSizeLessThan(15);
    assertThat(registry.getMeters()).hasSize(metersAfterFew);
    assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
        .allMatch(name -> name.matches("sora(\\.[a-z]+)+"));
  }

  private void readManyJobs(int n, String prefix, Path dir) {
    for (int i = 0; i < n; i++) {
      VideoId id = i % 2 == 0 ? api.job().id("video_" + prefix + i).queued().create()
          : VideoId.of("video_unknown_" + prefix + i);
      catchThrowable(() -> client.retrieve(id));
    }
    VideoId done = api.job().id("video_" + prefix + "_done").completed().contentBytes(100).create();
    VideoPoller poller = VideoPoller.create(client);
    Video video = api.runUntilDone(poller.awaitCompletedAsync(done));
    VideoDownloader.create(client).download(video, dir.resolve(prefix + ".mp4"));
  }

  private Set<String> tagValues() {
    Set<String> values = new HashSet<>();
    registry.getMeters().forEach(m -> m.getId().getTags().forEach(t -> values.add(t.getKey() + "=" + t.getValue())));
    return values;
  }

  @Test
  void commonTagsAreOnEveryMeter() {
    SimpleMeterRegistry tagged = new SimpleMeterRegistry();
    SoraObserver observer = SoraMetrics.create(tagged, Tags.of("api", "gateway"));
    try (SoraClient other = SoraClient.create(api.config().observer(observer).build(), "jdk")) {
      other.retrieve(api.job().queued().create());
    }

    List<Meter> meters = tagged.getMeters();
    assertThat(meters).isNotEmpty().allMatch(m -> "gateway".equals(m.getId().getTag("api")));
  }
}
