package dev.sorastatus;

import static dev.sorastatus.PollerFixture.seconds;
import static dev.sorastatus.Videos.ID;
import static dev.sorastatus.Videos.completed;
import static dev.sorastatus.Videos.processing;
import static dev.sorastatus.Videos.rateLimited;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.spi.TransportRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoPollerHintTest {
  private final PollerFixture f = new PollerFixture();

  @Test
  void pollAfterHintReplacesTheScheduledSleep() {
    Video hinted = processing(ID, 10).toBuilder().pollAfter(Duration.ofMillis(2500)).build();
    f.port.script(ID, hinted, hinted, completed(ID));

    CompletableFuture<Video> done = f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(1));

    assertThat(done).isCompleted();
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 2.5, 5));
  }

  @ParameterizedTest(name = "hint {0} ms is obeyed as {1} s")
  @CsvSource({
      "1, 1",
      "999, 1",
      "45000, 45",
      "120000, 120",
      "1000000000, 120",
  })
  void pollAfterHintIsClampedToTheConfiguredBounds(long hintMillis, double obeyedSeconds) {
    f.port.script(ID, withHint(processing(ID, 10), Duration.ofMillis(hintMillis)), completed(ID));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(5));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, obeyedSeconds));
  }

  @Test
  void hintBoundsAreConfigurable() {
    f.port.script(ID, withHint(processing(ID, 10), Duration.ofMillis(100)), completed(ID));

    f.poller.awaitAsync(ID, f.exact().hintBounds(Duration.ofMillis(50), Duration.ofSeconds(5)).build());
    f.time.advance(Duration.ofMinutes(1));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 0.1));
  }

  private static Video withHint(Video v, Duration hint) {
    return v.toBuilder().pollAfter(hint).build();
  }

  @ParameterizedTest(name = "openai-poll-after-ms: {0} gives a second request at {1} s")
  @CsvSource({
      "0, 10",
      "-1, 10",
      "garbage, 10",
      "'', 10",
      "2500, 2.5",
      "1000000000, 120",
  })
  void hintHeaderThroughTheHttpProtocolIsClampedOrIgnored(String header, double secondRequestSeconds) {
    ScriptedTransport transport = new ScriptedTransport(
        response("{\"id\":\"video_123\",\"object\":\"video\",\"status\":\"in_progress\",\"progress\":10}", header),
        response("{\"id\":\"video_123\",\"object\":\"video\",\"status\":\"completed\",\"progress\":100}", null));
    SoraConfig config = SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey("sk-test").build();
    VideoPoller poller = f.poller(HttpVideoStatusPort.create(config, transport), Double.POSITIVE_INFINITY);
    List<Duration> times = new ArrayList<>();
    transport.onRequest = () -> times.add(f.time.elapsed());

    CompletableFuture<Video> done = poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(5));

    assertThat(done.join().status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(times).isEqualTo(seconds(0, secondRequestSeconds));
  }

  private static TransportResponse response(String json, String pollAfter) {
    Map<String, List<String>> headers = pollAfter == null
        ? Map.of("Content-Type", List.of("application/json"))
        : Map.of("Content-Type", List.of("application/json"), "openai-poll-after-ms", List.of(pollAfter));
    return new TransportResponse(200, headers, json.getBytes(StandardCharsets.UTF_8), false);
  }

  @ParameterizedTest(name = "429 asking for {0} ms is obeyed as {1} s")
  @CsvSource({
      "45000, 45",
      "200, 1",
      "600000, 600",
  })
  void rateLimitDelayIsObeyedFromTheMinHintUp(long retryAfterMillis, double obeyedSeconds) {
    f.port.script(ID, processing(ID, 10), rateLimited(Optional.of(Duration.ofMillis(retryAfterMillis))),
        completed(ID));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(15));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 10 + obeyedSeconds));
    assertThat(f.listener.events()).contains("10.0s retry 1 in " + obeyedSeconds + "s after SoraApiException RATE_LIMITED");
  }

  @Test
  void rateLimitWithoutADelayWaitsOnTheSchedule() {
    f.port.script(ID, processing(ID, 10), rateLimited(Optional.empty()), completed(ID));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(5));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25));
  }

  @Test
  void steadyProgressSchedulesTheNextRequestAtThePredictedFinish() {
    // 40 % -> 60 % -> 90 % over 25 s is 2 %/s: the last 10 % take 5 s, so ask at 30 s, not 47.5 s.
    f.port.script(ID, processing(ID, 40), processing(ID, 60), processing(ID, 90), completed(ID));

    f.poller.awaitAsync(ID, f.exact().adaptToProgress(true).build());
    f.time.advance(Duration.ofMinutes(5));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 30));
  }

  @Test
  void predictedFinishIsNeverBeyondTheCap() {
    // 1 % -> 2 % -> 3 % over 25 s predicts 1212.5 s more: capped at the 30 s max interval (the plain
    // schedule would sleep 22.5 s).
    f.port.script(ID, processing(ID, 1), processing(ID, 2), processing(ID, 3), completed(ID));

    f.poller.awaitAsync(ID, f.exact().adaptToProgress(true).build());
    f.time.advance(Duration.ofMinutes(5));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 55));
  }

  @Test
  void predictionIsNoSoonerThanTheMinHint() {
    f.port.script(ID, processing(ID, 10), processing(ID, 50), processing(ID, 99), completed(ID));

    f.poller.awaitAsync(ID, f.exact().adaptToProgress(true).build());
    f.time.advance(Duration.ofMinutes(5));

    // 89 % in 25 s leaves 1 % for 0.28 s: raised to the 1 s min hint.
    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 26));
  }

  @Test
  void progressIsNotUsedUnlessAsked() {
    f.port.script(ID, processing(ID, 40), processing(ID, 60), processing(ID, 90), completed(ID));

    f.poller.awaitAsync(ID);
    f.time.advance(Duration.ofMinutes(5));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5));
  }

  @Test
  void stalledProgressFallsBackToTheSchedule() {
    f.port.script(ID, processing(ID, 40), processing(ID, 60), processing(ID, 60), processing(ID, 90),
        completed(ID));

    f.poller.awaitAsync(ID, f.exact().adaptToProgress(true).build());
    f.time.advance(Duration.ofMinutes(5));

    assertThat(f.port.requestTimes(ID)).isEqualTo(seconds(0, 10, 25, 47.5, 77.5));
  }

  /** Answers each request with the next scripted response, the last one repeated. */
  private static final class ScriptedTransport implements BufferedTransport {
    private final List<TransportResponse> responses;
    private int next;
    Runnable onRequest = () -> {};

    ScriptedTransport(TransportResponse... responses) {
      this.responses = List.of(responses);
    }

    @Override
    public TransportResponse execute(TransportRequest request) {
      onRequest.run();
      return responses.get(Math.min(next++, responses.size() - 1));
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      return CompletableFuture.completedFuture(execute(request));
    }

  }
}
