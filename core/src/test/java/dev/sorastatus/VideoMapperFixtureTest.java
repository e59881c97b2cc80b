package dev.sorastatus;

import static dev.sorastatus.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each fixture is a body as a real server sends it, decoded end to end. */
class VideoMapperFixtureTest {
  private static final VideoId OPENAI_ID = VideoId.of("video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5");
  private static final Instant CREATED = Instant.parse("2025-09-27T02:51:25Z");
  private static final String PROMPT = "A calico cat playing a grand piano on a dimly lit stage";

  @Test
  void openAiVideoInProgressDecodesEveryFieldItSends() {
    Video v = VideoMapper.decode(bytes("openai-in-progress.json"), OPENAI_ID);

    assertThat(v).isEqualTo(Video.builder(OPENAI_ID, VideoStatus.PROCESSING)
        .rawStatus("in_progress")
        .progress(33)
        .createdAt(CREATED)
        .model("sora-2")
        .seconds(8)
        .size("1280x720")
        .prompt(PROMPT)
        .build());
    assertThat(v.isTerminal()).isFalse();
  }

  @Test
  void openAiCompletedVideoHasItsTimestampsAndRemixSource() {
    Video v = VideoMapper.decode(bytes("openai-completed.json"), OPENAI_ID);

    assertThat(v).isEqualTo(Video.builder(OPENAI_ID, VideoStatus.COMPLETED)
        .rawStatus("completed")
        .progress(100)
        .createdAt(CREATED)
        .completedAt(Instant.parse("2025-09-27T02:53:32Z"))
        .expiresAt(Instant.parse("2025-09-28T02:51:25Z"))
        .model("sora-2-pro")
        .remixedFromVideoId(VideoId.of("video_68d74e0f5c888190a2c4bb0e6fd8c83503b0aeb2a1c1a0d4"))
        .seconds(12)
        .size("1792x1024")
        .build());
    assertThat(v.downloadUrl()).isEmpty();
    assertThat(v.error()).isEmpty();
  }

  @Test
  void openAiFailedVideoCarriesItsErrorObject() {
    VideoId id = VideoId.of("video_68d75a1c0e4c8190a0f6f6d2b3c4d5e60a1b2c3d4e5f6a7b");

    Video v = VideoMapper.decode(bytes("openai-failed.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.FAILED)
        .rawStatus("failed")
        .progress(12)
        .createdAt(CREATED)
        .completedAt(Instant.parse("2025-09-27T02:52:10Z"))
        .error(VideoError.of("moderation_blocked", "Your request was blocked by our moderation system."))
        .model("sora-2")
        .seconds(4)
        .size("720x1280")
        .build());
  }

  @Test
  void newApiEnvelopeIsUnwrappedAndItsTaskIdWinsOverTheRowNumber() {
    VideoId id = VideoId.of("task_01K65QHWTY2F6Z4D9V8YJXC1AB");

    Video v = VideoMapper.decode(bytes("newapi-envelope-success.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.COMPLETED)
        .rawStatus("SUCCESS")
        .progress(100)
        .createdAt(CREATED)
        .completedAt(Instant.parse("2025-09-27T02:53:32Z"))
        .downloadUrl(URI.create("https://files.newapi.example/videos/task_01K65QHWTY2F6Z4D9V8YJXC1AB.mp4"))
        .build());
  }

  @Test
  void newApiFailureTakesItsMessageFromFailReason() {
    VideoId id = VideoId.of("task_01K65QJ3M7R8S9T0V1W2X3Y4Z5");

    Video v = VideoMapper.decode(bytes("newapi-envelope-failure.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.FAILED)
        .rawStatus("FAILURE")
        .progress(100)
        .createdAt(CREATED)
        .completedAt(Instant.parse("2025-09-27T02:52:10Z"))
        .error(VideoError.of(null, "upstream: Your request was blocked by our moderation system."))
        .build());
  }

  @Test
  void gatewayMetaDataUrlAndMillisecondTimestampsAreRead() {
    VideoId id = VideoId.of("sora-2:task_9f8e7d6c5b4a");

    Video v = VideoMapper.decode(bytes("gateway-meta-data-millis.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.COMPLETED)
        .rawStatus("succeeded")
        .createdAt(Instant.parse("2025-09-27T02:51:25.123Z"))
        .completedAt(Instant.parse("2025-09-27T02:53:32.456Z"))
        .expiresAt(Instant.parse("2025-09-28T02:53:32.456Z"))
        .model("sora-2")
        .downloadUrl(URI.create("https://cdn.anyfast.example/outputs/2025/09/27/9f8e7d6c5b4a.mp4"))
        .seconds(10)
        .size("1280x720")
        .build());
    assertThat(v.progress()).isEqualTo(100);
  }

  @Test
  void gatewayVideoUrlTaskIdAndStringTimestampAliasesAreRead() {
    VideoId id = VideoId.of("7f1c2a9e-3b4d-4e5f-8a6b-0c1d2e3f4a5b");

    Video v = VideoMapper.decode(bytes("gateway-video-url.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.COMPLETED)
        .rawStatus("finished")
        .createdAt(CREATED)
        .completedAt(Instant.parse("2025-09-27T02:53:32Z"))
        .model("sora-2")
        .downloadUrl(URI.create("https://juhe-video.example.com/sora/7f1c2a9e-3b4d-4e5f-8a6b-0c1d2e3f4a5b.mp4"))
        .seconds(15)
        .size("1280x720")
        .prompt(PROMPT)
        .build());
  }

  @Test
  void gatewayErrorStringAndIsoTimestampsAreRead() {
    VideoId id = VideoId.of("video_3e1f0c2b7a");

    Video v = VideoMapper.decode(bytes("gateway-error-string.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.FAILED)
        .rawStatus("error")
        .progress(45)
        .createdAt(CREATED)
        .completedAt(Instant.parse("2025-09-27T02:53:02.250Z"))
        .model("sora-2")
        .error(VideoError.of(null, "Upstream content policy violation: the prompt was rejected"))
        .build());
  }

  @Test
  void unknownFieldsAtEveryDepthAreSkipped() {
    VideoId id = VideoId.of("video_unknown_fields_01");

    Video v = VideoMapper.decode(bytes("gateway-unknown-fields.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.QUEUED)
        .rawStatus("queued")
        .progress(5)
        .createdAt(CREATED)
        .downloadUrl(URI.create("https://cdn.example.com/v/video_unknown_fields_01.mp4"))
        .build());
  }
}
