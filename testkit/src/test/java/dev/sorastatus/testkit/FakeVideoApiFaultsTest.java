package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeVideoApiFaultsTest {
  private static final Faults MIXED = Faults.builder()
      .serverErrors(10)
      .rateLimits(10, Duration.ofSeconds(2))
      .malformedBodies(5)
      .droppedConnections(5)
      .latency(Duration.ofMillis(10), Duration.ofMillis(300))
      .build();

  /** Reads each of {@code jobs} jobs {@code reads} times and returns what each read gave, job by job. */
  private static List<String> outcomes(long seed, int jobs, int reads) {
    FakeVideoApi api = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).seed(seed).faults(MIXED).build();
    List<VideoId> ids = new ArrayList<>();
    for (int j = 0; j < jobs; j++) {
      ids.add(api.job().queued().processing(10).processing(20).processing(30).completed().create());
    }
    List<String> out = new ArrayList<>();
    for (VideoId id : ids) {
      for (int r = 0; r < reads; r++) {
        long before = api.time().elapsed().toMillis();
        out.add(outcome(api, id) + "@" + (api.time().elapsed().toMillis() - before) + "ms");
      }
    }
    return out;
  }

  private static String outcome(FakeVideoApi api, VideoId id) {
    try {
      Video v = api.port().retrieve(id);
      return v.rawStatus() + v.progress();
    } catch (SoraApiException e) {
      return e.kind().toString();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Test
  void sameSeedGivesTheSameFaultsLatenciesAndIdsInTheSamePlaces() {
    List<String> first = outcomes(42, 20, 15);
    List<String> second = outcomes(42, 20, 15);
    List<String> other = outcomes(43, 20, 15);

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first).anyMatch(o -> o.startsWith("SERVER_ERROR"))
        .anyMatch(o -> o.startsWith("RATE_LIMITED"))
        .anyMatch(o -> o.startsWith("MalformedResponseException"))
        .anyMatch(o -> o.startsWith("SoraTransportException"));
  }

  @Test
  void faultsAreTheSameWhateverTheThreadInterleaving() throws Exception {
    FakeVideoApi sequential = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).seed(9).faults(MIXED).build();
    FakeVideoApi concurrent = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).seed(9).faults(MIXED).build();
    List<VideoId> ids = new ArrayList<>();
    for (int j = 0; j < 16; j++) {
      ids.add(sequential.job().queued().processing(50).completed().create());
      concurrent.job().queued().processing(50).completed().create();
    }
    Map<String, List<String>> expected = new TreeMap<>();
    for (VideoId id : ids) {
      for (int r = 0; r < 40; r++) {
        expected.computeIfAbsent(id.value(), k -> new ArrayList<>()).add(faultOnly(sequential, id));
      }
    }
    Map<String, List<String>> actual = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (VideoId id : ids) {
        done.add(pool.submit(() -> {
          List<String> mine = new ArrayList<>();
          for (int r = 0; r < 40; r++) {
            mine.add(faultOnly(concurrent, id));
          }
          actual.put(id.value(), mine);
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(new TreeMap<>(actual)).isEqualTo(expected);
  }

  /** Returns the fault's type, or "ok", without the latency (which moves shared time under threads). */
  private static String faultOnly(FakeVideoApi api, VideoId id) {
    try {
      api.port().retrieve(id);
      return "ok";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Test
  void percentagesHoldOverManyReads() {
    FakeVideoApi api = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).seed(1)
        .faults(Faults.builder().serverErrors(20).rateLimits(10, Duration.ofSeconds(1)).build()).build();
    VideoId id = api.job().processing(1).create();
    int serverErrors = 0;
    int rateLimits = 0;
    for (int i = 0; i < 10_000; i++) {
      try {
        api.port().retrieve(id);
      } catch (SoraApiException e) {
        if (e.kind() == SoraApiException.Kind.SERVER_ERROR) {
          serverErrors++;
          assertThat(e.statusCode()).isIn(500, 502, 503);
        } else {
          rateLimits++;
          assertThat(e.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        }
      }
    }

    assertThat(serverErrors).isBetween(1_800, 2_200);
    assertThat(rateLimits).isBetween(850, 1_150);
  }

  @Test
  void injectedFaultsDoNotMoveTheScriptOn() {
    FakeVideoApi api = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).seed(3).faults(Faults.builder().serverErrors(50).build()).build();
    VideoId id = api.job().queued().processing(10).processing(20).processing(30).completed().create();
    List<Integer> progress = new ArrayList<>();
    for (int i = 0; i < 200 && progress.size() < 6; i++) {
      try {
        progress.add(api.port().retrieve(id).progress());
      } catch (SoraApiException injected) {
        // the job did not change; the next successful read sees the next step
      }
    }

    assertThat(progress).containsExactly(0, 10, 20, 30, 100, 100);
  }

  @Test
  void faultsCanBeSwitchedOnAndOffMidTest() {
    FakeVideoApi api = FakeVideoApi.builder().retryPolicy(RetryPolicy.none()).retryPolicy(RetryPolicy.none()).build();
    VideoId id = api.job().queued().create();

    api.faults(Faults.builder().droppedConnections(100).build());
    assertThatThrownBy(() -> api.port().retrieve(id)).isInstanceOf(SoraTransportException.class);
    api.faults(Faults.builder().malformedBodies(100).build());
    assertThatThrownBy(() -> api.port().retrieve(id)).isInstanceOf(MalformedResponseException.class);
    api.faults(Faults.none());
    assertThat(api.port().retrieve(id).rawStatus()).isEqualTo("queued");
  }

  @Test
  void badFaultSettingsAreRefused() {
    assertThatThrownBy(() -> Faults.builder().serverErrors(60).rateLimits(50, Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("110.0");
    assertThatThrownBy(() -> Faults.builder().serverErrors(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Faults.builder().serverErrors(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Faults.builder().serverErrors(5, 404)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Faults.builder().latency(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
