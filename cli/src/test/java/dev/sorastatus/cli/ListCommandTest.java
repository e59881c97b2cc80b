package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import dev.sorastatus.testkit.Dialect;
import dev.sorastatus.testkit.FakeVideoApi;
import dev.sorastatus.testkit.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListCommandTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private FakeVideoApi api;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    api = FakeVideoApi.builder().dialect(Dialect.GATEWAY).build();
    cli = new CliHarness();
    cli.env.put("SORA_BASE_URL", api.baseUrl().toString());
    cli.env.put("SORA_API_KEY", FakeVideoApi.DEFAULT_API_KEY);
    cli.clock = Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  /** Scripts {@code n} jobs video_0 (oldest) .. video_{n-1}, one a minute, each queued. */
  private void queuedJobs(int n) {
    for (int i = 0; i < n; i++) {
      api.job().id("video_" + i).createdAt(NOW.minus(Duration.ofMinutes(n - i))).queued().create();
    }
  }

  @Test
  void tableShowsWhereEachJobStandsNewestFirst() {
    api.job().id("video_old").createdAt(NOW.minus(Duration.ofHours(2)))
        .completed(NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1))).create();
    api.job().id("video_done").createdAt(NOW.minus(Duration.ofMinutes(30)))
        .completed(NOW.minus(Duration.ofMinutes(20)), NOW.plus(Duration.ofMinutes(40))).create();
    api.job().id("video_busy").createdAt(NOW.minusSeconds(90)).processing(45).create();

    int code = cli.run("list");

    assertThat(code).isZero();
    assertThat(cli.out()).isEqualTo(String.join(System.lineSeparator(),
        "ID          STATUS      PROGRESS  AGE       EXPIRES",
        "video_busy  processing  45%       1m30s     -",
        "video_done  completed   100%      30m00s    in 40m00s",
        "video_old   completed   100%      2h00m00s  expired",
        ""));
  }

  @Test
  void limitPrintsAtMostNJobsAndReadsOnlyThePagesItNeeds() {
    queuedJobs(250);

    int code = cli.run("list", "--limit", "3");

    assertThat(code).isZero();
    assertThat(cli.out().lines().skip(1)).extracting(l -> l.split(" ")[0])
        .containsExactly("video_249", "video_248", "video_247");
    assertThat(api.journal()).extracting(RecordedRequest::query).containsExactly("limit=3");
  }

  @Test
  void statusFilterIsCaseInsensitiveAndFollowsPagesUntilTheLimit() {
    for (int i = 0; i < 150; i++) {
      FakeVideoApi.JobBuilder job = api.job().id("video_" + i).createdAt(NOW.minusSeconds(1000 - i));
      (i == 120 || i == 10 ? job.failed("moderation_blocked", "no") : job.queued()).create();
    }

    int code = cli.run("list", "--status", "Failed", "--limit", "2");

    assertThat(code).isZero();
    assertThat(cli.out().lines().skip(1)).extracting(l -> l.split(" ")[0]).containsExactly("video_120", "video_10");
    assertThat(api.journal()).extracting(RecordedRequest::query)
        .containsExactly("limit=100", "limit=100&after=video_50");
  }

  @Test
  void jsonIsAnArrayOfJobs() throws Exception {
    queuedJobs(2);

    int code = cli.run("list", "--json");

    assertThat(code).isZero();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> json = (List<Map<String, Object>>) JsonReader.of(new Buffer().writeUtf8(cli.out()))
        .readJsonValue();
    assertThat(json).extracting(m -> m.get("id")).containsExactly("video_1", "video_0");
    assertThat(json.get(0)).containsEntry("status", "queued").containsEntry("progress", 0.0);
  }

  @Test
  void emptyListingSaysSo() {
    assertThat(cli.run("list")).isZero();
    assertThat(cli.out()).isEqualTo("no jobs" + System.lineSeparator());
    assertThat(cli.run("list", "--status", "queued", "--json")).isZero();
    assertThat(cli.out()).endsWith("[]" + System.lineSeparator());
  }

  @Test
  void badStatusOrLimitIsAUsageErrorBeforeAnyRequest() {
    assertThat(cli.run("list", "--status", "done-ish")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("--status").contains("done-ish");
    assertThat(cli.run("list", "--limit", "0")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("--limit");
    assertThat(cli.run("list", "--limit", "many")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(api.journal()).isEmpty();
  }

  @Test
  void refusedKeyExitsOneWithOneLineAndNoKey() {
    api.failList(401, 3);

    int code = cli.run("list");

    assertThat(code).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).startsWith("error: HTTP 401").doesNotContain(FakeVideoApi.DEFAULT_API_KEY);
  }
}
