package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.testkit.WireMockBackend;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetCommandTest {
  private static final String KEY = "sk-canary-cli-0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static WireMockBackend server;
  private CliHarness cli;

  @BeforeAll
  static void start() {
    server = WireMockBackend.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void setUp() {
    server.reset();
    cli = new CliHarness();
    cli.env.put("SORA_BASE_URL", server.baseUrl().toString());
    cli.env.put("SORA_API_KEY", KEY);
    cli.clock = Clock.fixed(NOW, ZoneOffset.UTC);
  }

  private void assertNoKeyAnywhere() {
    assertThat(cli.out()).doesNotContain(KEY);
    assertThat(cli.err()).doesNotContain(KEY);
  }

  @Test
  void completedJobPrintsItsFactsAndExitsZero() {
    VideoId id = VideoId.of("video_cli_1");
    server.serve(Video.builder(id, VideoStatus.COMPLETED).createdAt(NOW.minusSeconds(120))
        .expiresAt(NOW.plusSeconds(3600)).model("sora-2")
        .downloadUrl(URI.create("https://cdn.example.com/video_cli_1.mp4")).build());

    int code = cli.run("get", "video_cli_1");

    assertThat(code).isZero();
    assertThat(cli.out())
        .contains("id:           video_cli_1")
        .contains("status:       completed")
        .contains("progress:     100%")
        .contains("expires:      2026-11-28T13:00:00Z (in 1h00m00s)")
        .contains("download url: https://cdn.example.com/video_cli_1.mp4");
    assertNoKeyAnywhere();
  }

  @Test
  void jsonOutputParsesBack() throws Exception {
    VideoId id = VideoId.of("video_cli_2");
    server.serve(Video.builder(id, VideoStatus.FAILED).error(VideoError.of("moderation_blocked", "no cats")).build());

    int code = cli.run("get", "video_cli_2", "--json");

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) JsonReader.of(new Buffer().writeUtf8(cli.out())).readJsonValue();
    assertThat(json).containsEntry("id", "video_cli_2").containsEntry("status", "failed")
        .containsEntry("terminal", true);
    assertThat(json.get("error")).isEqualTo(Map.of("code", "moderation_blocked", "message", "no cats"));
  }

  @Test
  void notFoundExitsFourWithOneLine() {
    server.notFound(VideoId.of("video_gone"));

    int code = cli.run("get", "video_gone");

    assertThat(code).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.err()).startsWith("error: HTTP 404").doesNotContain("\tat ");
    assertThat(cli.err().strip().lines()).hasSize(1);
  }

  @Test
  void expiredVideoExitsFive() {
    VideoId id = VideoId.of("video_old");
    server.serve(Video.builder(id, VideoStatus.COMPLETED).expiresAt(NOW.minusSeconds(1)).build());

    assertThat(cli.run("get", "video_old")).isEqualTo(ExitCodes.EXPIRED);
    assertThat(cli.out()).contains("(expired)");
  }

  @Test
  void missingKeyNamesTheVariables() {
    cli.env.remove("SORA_API_KEY");

    int code = cli.run("get", "video_cli_3");

    assertThat(code).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).isEqualToIgnoringNewLines("error: No API key: set SORA_API_KEY (or OPENAI_API_KEY)");
  }

  @Test
  void verboseShowsTheStackTraceButNeverTheKey() {
    server.serverError(VideoId.of("video_500"), 500);

    int code = cli.run("get", "video_500", "--verbose");

    assertThat(code).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("SoraApiException").contains("HTTP 500: server error").contains("after 3 attempts").contains("\tat ");
    assertThat(cli.sleeps).hasSize(2); // retried by the policy, without sleeping for real
    assertNoKeyAnywhere();
  }

  @Test
  void keyGivenAsAFlagIsNeverPrinted() {
    cli.env.remove("SORA_API_KEY");
    server.unauthorized(VideoId.of("video_401"));

    int code = cli.run("get", "video_401", "--api-key", KEY, "-v");

    assertThat(code).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("HTTP 401");
    assertNoKeyAnywhere();
  }

  @Test
  void badArgumentsExitOneNotTwo() {
    assertThat(cli.run("get")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.run("get", "a/b")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("'/'");
    assertThat(cli.run("wait", "video_1", "--timeout", "soon")).isEqualTo(ExitCodes.OTHER_ERROR);
    assertThat(cli.err()).contains("not a duration");
  }
}
