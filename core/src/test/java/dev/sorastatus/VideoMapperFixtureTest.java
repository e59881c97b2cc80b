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
        .startedAt(Instant.parse("2025-09-27T02:51:30Z"))
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
        .startedAt(Instant.parse("2025-09-27T02:51:30Z"))
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

  // ---- sources added with issue 16: each body as its source sends it, fields we ignore included ----------

  @Test
  void xaiDoneIsCompletedWithTheUrlOfItsVideoObject() {
    VideoId id = VideoId.of("d97415a1-5796-b7ec-379f-4e6819e08fdf");

    Video v = VideoMapper.decode(bytes("xai-done.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.COMPLETED)
        .rawStatus("done")
        .model("grok-imagine-video")
        .downloadUrl(URI.create(
            "https://vidgen.x.ai/xai-vidgen-bucket/xai-video-d97415a1-5796-b7ec-379f-4e6819e08fdf.mp4"))
        .build());
  }

  @Test
  void newApiUncertainIsUnknownNeverTerminalAndKeepsItsWord() {
    VideoId id = VideoId.of("task_01K66A1B2C3D4E5F6G7H8J9K0M");

    Video v = VideoMapper.decode(bytes("newapi-uncertain.json"), id);

    assertThat(v.status()).isEqualTo(VideoStatus.UNKNOWN);
    assertThat(v.rawStatus()).isEqualTo("UNCERTAIN");
    assertThat(v.isTerminal()).isFalse();
    assertThat(v.progress()).isEqualTo(30);
    assertThat(v.startedAt()).isEmpty();
    assertThat(v.completedAt()).isEmpty();
  }

  @Test
  void azurePreprocessingIsProcessingAndItsNullFieldsAreAbsent() {
    VideoId id = VideoId.of("task_01jwcet0eqfk3bz1dx5w1wxpqa");

    Video v = VideoMapper.decode(bytes("azure-preprocessing.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.PROCESSING)
        .rawStatus("preprocessing")
        .createdAt(Instant.ofEpochSecond(1748469875))
        .model("sora")
        .prompt("A cat playing piano in a jazz bar.")
        .build());
  }

  @Test
  void azureSucceededFinishedAtIsTheCompletionTime() {
    VideoId id = VideoId.of("task_01jwcet0eqfk3bz1dx5w1wxpqa");

    Video v = VideoMapper.decode(bytes("azure-succeeded.json"), id);

    assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(v.completedAt()).contains(Instant.ofEpochSecond(1748469951));
    assertThat(v.expiresAt()).contains(Instant.ofEpochSecond(1748556351));
    assertThat(v.downloadUrl()).isEmpty(); // Azure serves the bytes from the generation's content endpoint
  }

  @Test
  void azureFailureReasonIsTheError() {
    VideoId id = VideoId.of("task_01jwcf2k9m4e7r8t0y1u2i3o4p");

    Video v = VideoMapper.decode(bytes("azure-failed.json"), id);

    assertThat(v.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(v.error()).contains(VideoError.of(null, "input_moderation"));
    assertThat(v.completedAt()).contains(Instant.ofEpochSecond(1748470110));
  }

  @Test
  void falInQueueIsQueuedAndItsQueueUrlsAreNoDownload() {
    VideoId id = VideoId.of("764cabcf-b745-4b3e-ae38-1200304cf45b");

    Video v = VideoMapper.decode(bytes("fal-in-queue.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.QUEUED).rawStatus("IN_QUEUE").build());
  }

  @Test
  void replicateStartingIsQueuedWithAMicrosecondIsoCreationTime() {
    VideoId id = VideoId.of("gm3qorzdhgbfurvjtvhg6dckhu");

    Video v = VideoMapper.decode(bytes("replicate-starting.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.QUEUED)
        .rawStatus("starting")
        .createdAt(Instant.parse("2025-09-27T02:51:25.765994Z"))
        .model("openai/sora-2")
        .build());
  }

  @Test
  void replicateSucceededTakesItsOutputStringAndEveryTimestamp() {
    VideoId id = VideoId.of("gm3qorzdhgbfurvjtvhg6dckhu");

    Video v = VideoMapper.decode(bytes("replicate-succeeded.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.COMPLETED)
        .rawStatus("succeeded")
        .createdAt(Instant.parse("2025-09-27T02:51:25.765994Z"))
        .startedAt(Instant.parse("2025-09-27T02:51:27.100Z"))
        .completedAt(Instant.parse("2025-09-27T02:53:32.451207Z"))
        .model("openai/sora-2")
        .downloadUrl(URI.create("https://replicate.delivery/xezq/3Bf1mCkwA8R2IuZ3mK/tmpabc123.mp4"))
        .build());
  }

  @Test
  void replicateCanceledIsFailedAndTheFirstOfAnOutputArrayIsRead() {
    VideoId id = VideoId.of("q9r8s7t6u5v4w3x2y1z0abcdef");

    Video v = VideoMapper.decode(bytes("replicate-canceled.json"), id);

    assertThat(v.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(v.rawStatus()).isEqualTo("canceled");
    assertThat(v.startedAt()).contains(Instant.parse("2025-09-27T02:51:27Z"));
    assertThat(v.downloadUrl()).contains(URI.create("https://replicate.delivery/xezq/never-used.mp4"));
  }

  @Test
  void togetherOffsetAndZonelessTimestampsAndOutputsVideoUrlAreRead() {
    VideoId id = VideoId.of("019a0f1e-7b2c-7d3e-9f4a-5b6c7d8e9f0a");

    Video v = VideoMapper.decode(bytes("together-completed.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.COMPLETED)
        .createdAt(Instant.parse("2025-09-27T02:51:25Z"))
        .completedAt(Instant.parse("2025-09-27T02:53:32Z"))
        .model("openai/sora-2")
        .downloadUrl(URI.create("https://api.together.ai/shrt/RmWQ8oYtcK7pDlBq"))
        .seconds(8)
        .size("1280x720")
        .build());
  }

  @Test
  void unsignedUrlsGiveTheFirstAndTheAnnouncedDigestIsKept() {
    VideoId id = VideoId.of("vid_7Yh3kLmN9pQ2");

    Video v = VideoMapper.decode(bytes("gateway-unsigned-urls.json"), id);

    assertThat(v.downloadUrl()).contains(URI.create("https://storage.gateway.example/videos/vid_7Yh3kLmN9pQ2/0.mp4"));
    assertThat(v.completedAt()).contains(Instant.ofEpochSecond(1758941612));
    assertThat(v.sha256()).contains("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
    assertThat(v.sizeBytes()).hasValue(3145728);
  }

  @Test
  void resultsGiveTheUrlOfTheirFirstObjectAndAnEmptyFailureReasonIsNoError() {
    VideoId id = VideoId.of("mj_5a6b7c8d");

    Video v = VideoMapper.decode(bytes("gateway-results.json"), id);

    assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(v.downloadUrl()).contains(URI.create("https://cdn.gateway.example/results/mj_5a6b7c8d-0.mp4"));
    assertThat(v.error()).isEmpty();
  }

  @Test
  void dataArrayGivesTheVideoUrlOfItsFirstItem() {
    VideoId id = VideoId.of("cgt-20251127-9f8e7d");

    Video v = VideoMapper.decode(bytes("gateway-data-array.json"), id);

    assertThat(v.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(v.createdAt()).contains(Instant.ofEpochSecond(1758941485));
    assertThat(v.downloadUrl()).contains(URI.create("https://cdn.gateway.example/cgt-20251127-9f8e7d.mp4"));
  }

  @Test
  void aFirstReadWithAnIdButNoStatusYetIsUnknownNotMalformed() {
    VideoId id = VideoId.of("video_first_read_01");

    Video v = VideoMapper.decode(bytes("gateway-no-status-yet.json"), id);

    assertThat(v).isEqualTo(Video.builder(id, VideoStatus.UNKNOWN)
        .rawStatus("")
        .createdAt(Instant.ofEpochSecond(1758941485))
        .model("sora-2")
        .build());
  }
}
