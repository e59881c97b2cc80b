package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoDownloaderTest {
  private static final VideoId ID = VideoId.of("video_dl_1");
  private static final URI CDN = URI.create("https://cdn.example.com/v/video_dl_1.mp4?sig=s3cr3t");
  private static final byte[] FILE = DownloadScript.bytes(10_000);

  @TempDir Path dir;

  private final ManualTime time = new ManualTime();
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final DownloadScript port = new DownloadScript(FILE);
  private final VideoDownloader downloader = VideoDownloader.builder(port)
      .clock(time)
      .scheduler(TestSleeps.over(time, slept::add))
      .retryPolicy(RetryPolicy.builder().jitter(0).build())
      .build();

  private static Video completed() {
    return Video.builder(ID, VideoStatus.COMPLETED).progress(100).build();
  }

  private static Video completedWithUrl() {
    return completed().toBuilder().downloadUrl(CDN).build();
  }

  @Test
  void bodyUrlIsDownloadedAndTheResultReportsPathSizeTypeAndSha256() throws Exception {
    port.whole();
    Path target = dir.resolve("cat.mp4");

    DownloadResult result = downloader.download(completedWithUrl(), target);

    assertThat(Files.readAllBytes(target)).isEqualTo(FILE);
    assertThat(result.path()).isEqualTo(target);
    assertThat(result.bytes()).isEqualTo(FILE.length);
    assertThat(result.contentType()).contains("video/mp4");
    assertThat(result.sha256()).isEqualTo(sha256(FILE));
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(port.requests()).singleElement().satisfies(r -> {
      assertThat(r.url()).contains(CDN);
      assertThat(r.offset()).isZero();
    });
    assertThat(files()).containsExactly(target);
  }

  @Test
  void contentEndpointIsUsedWithoutABodyUrlAndForEveryOtherVariant() {
    port.whole().whole();

    downloader.download(completed(), dir.resolve("a.mp4"));
    downloader.download(completedWithUrl(), dir.resolve("a.webp"),
        DownloadOptions.builder().variant(Variant.THUMBNAIL).build());

    assertThat(port.requests()).extracting(ContentRequest::url, ContentRequest::variant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Optional.empty(), Variant.VIDEO),
            org.assertj.core.groups.Tuple.tuple(Optional.empty(), Variant.THUMBNAIL));
  }

  @Test
  void videoThatIsNotCompletedIsRefusedWithItsStatusBeforeAnyRequest() {
    Video processing = Video.builder(ID, VideoStatus.PROCESSING).rawStatus("in_progress").progress(40).build();
    Video failed = Video.builder(ID, VideoStatus.FAILED).build();

    assertThatThrownBy(() -> downloader.download(processing, dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> {
          assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.NOT_READY);
          assertThat(e.videoId()).isEqualTo(ID);
        })
        .hasMessageStartingWith("video video_dl_1 is in_progress (PROCESSING, 40%), not completed");
    assertThat(downloader.downloadAsync(failed, dir.resolve("x.mp4")))
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat().havingCause().isInstanceOfSatisfying(VideoDownloadException.class, x -> assertThat(x.reason()).isEqualTo(VideoDownloadException.Reason.NOT_READY))
        .withMessageContaining("failed, so it has no content");
    assertThat(port.requests()).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void expiredVideoIsRefusedWithItsExpiryBeforeAnyRequest() {
    Instant expiry = ManualTime.EPOCH.plusSeconds(60);
    Video video = completed().toBuilder().expiresAt(expiry).build();
    time.advance(Duration.ofSeconds(60));

    assertThatThrownBy(() -> downloader.download(video, dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> assertThat(e.expiresAt()).contains(expiry))
        .hasMessageStartingWith("video video_dl_1 expired at 2026-01-01T00:01:00Z");
    assertThat(port.requests()).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void videoNotYetExpiredIsDownloaded() {
    port.whole();
    Video video = completed().toBuilder().expiresAt(ManualTime.EPOCH.plusSeconds(1)).build();

    assertThat(downloader.download(video, dir.resolve("x.mp4")).bytes()).isEqualTo(FILE.length);
  }

  @Test
  void existingTargetIsKeptAndNoRequestIsMadeUnlessOverwriteIsSet() throws IOException {
    Path target = Files.writeString(dir.resolve("cat.mp4"), "precious");

    assertThatThrownBy(() -> downloader.download(completed(), target))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.TARGET_EXISTS))
        .hasMessageContaining(target.toString())
        .hasMessageContaining("already exists");
    assertThat(port.requests()).isEmpty();
    assertThat(Files.readString(target)).isEqualTo("precious");

    port.whole();
    downloader.download(completed(), target, DownloadOptions.builder().overwrite(true).build());
    assertThat(Files.readAllBytes(target)).isEqualTo(FILE);
    assertThat(files()).containsExactly(target);
  }

  @Test
  void targetCreatedWhileDownloadingIsNotReplaced() throws IOException {
    Path target = dir.resolve("cat.mp4");
    port.then((r, sink) -> {
      try {
        Files.writeString(target, "someone else's");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return port.whole().stream(r, sink); // answer with the next step
    });

    assertThatThrownBy(() -> downloader.download(completed(), target))
        .isInstanceOfSatisfying(VideoDownloadException.class, x -> assertThat(x.reason()).isEqualTo(VideoDownloadException.Reason.TARGET_EXISTS));
    assertThat(Files.readString(target)).isEqualTo("someone else's");
    assertThat(files()).containsExactly(target);
  }

  @Test
  void directoryTargetIsRefused() throws IOException {
    Path target = Files.createDirectory(dir.resolve("out"));

    assertThatThrownBy(() -> downloader.download(completed(), target, DownloadOptions.builder().overwrite(true).build()))
        .isInstanceOfSatisfying(VideoDownloadException.class, x -> assertThat(x.reason()).isEqualTo(VideoDownloadException.Reason.TARGET_EXISTS))
        .hasMessageContaining("is a directory");
    assertThat(port.requests()).isEmpty();
  }

  @Test
  void missingParentDirectoriesAreCreated() throws IOException {
    port.whole();
    Path target = dir.resolve("out/deep/cat.mp4");

    downloader.download(completed(), target);

    assertThat(Files.readAllBytes(target)).isEqualTo(FILE);
  }

  @Test
  void htmlBodyIsRejectedAndLeavesNoFile() {
    port.contentType("text/html; charset=utf-8").whole();

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> {
          assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED);
        })
        .hasMessageContaining("is text/html; charset=utf-8, not a video, an image or binary data");
    assertThat(port.requests()).hasSize(1);
    assertThat(files()).isEmpty();
  }

  @Test
  void imageBinaryAndUndeclaredTypesAreAccepted() {
    for (String type : new String[] {"image/webp", "application/octet-stream", "binary/octet-stream", null}) {
      port.contentType(type).whole();
      Path target = dir.resolve("x-" + port.requests().size());
      assertThat(downloader.download(completed(), target).bytes()).as(type).isEqualTo(FILE.length);
    }
  }

  @Test
  void declaredSizeAboveTheLimitIsRejectedBeforeTheBody() {
    port.whole();
    List<Long> seen = new ArrayList<>();

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4"),
        DownloadOptions.builder().maxBytes(FILE.length - 1).onProgress((b, t) -> seen.add(b)).build()))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("larger than the " + (FILE.length - 1) + "-byte limit");
    assertThat(seen).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void undeclaredSizeIsCutOffAsSoonAsTheLimitIsPassed() {
    port.undeclared();

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4"),
        DownloadOptions.builder().maxBytes(2500).build()))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("larger than the 2500-byte limit");
    assertThat(files()).isEmpty();
  }

  @Test
  void emptyBodyIsRejected() {
    DownloadScript empty = new DownloadScript(new byte[0]).whole();

    assertThatThrownBy(() -> VideoDownloader.create(empty).download(completed(), dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED));
    assertThat(files()).isEmpty();
  }

  @Test
  void transferCutOffPartWayResumesWithRangeAndEntityTag() throws IOException {
    port.dropAfter(4000).range();

    DownloadResult result = downloader.download(completed(), dir.resolve("x.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(FILE);
    assertThat(result.sha256()).isEqualTo(sha256(FILE));
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(port.requests()).extracting(ContentRequest::offset, ContentRequest::ifRange)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, Optional.empty()),
            org.assertj.core.groups.Tuple.tuple(4000L, Optional.of(DownloadScript.ETAG)));
    assertThat(slept).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void failureAfterTheLastDeclaredByteNeedsNoFurtherRequest() throws IOException {
    port.dropAfter(FILE.length);

    DownloadResult result = downloader.download(completed(), dir.resolve("x.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(FILE);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(port.requests()).hasSize(1);
  }

  @Test
  void serverThatIgnoresTheRangeMakesTheDownloadStartOver() throws IOException {
    port.dropAfter(4000).whole();
    List<Long> progress = new CopyOnWriteArrayList<>();

    DownloadResult result = downloader.download(completed(), dir.resolve("x.mp4"),
        DownloadOptions.builder().onProgress((bytes, total) -> progress.add(bytes)).build());

    assertThat(Files.readAllBytes(result.path())).isEqualTo(FILE);
    assertThat(result.sha256()).isEqualTo(sha256(FILE));
    assertThat(progress).containsSubsequence(4000L, 0L, 10_000L);
  }

  @Test
  void everyDropThatMadeProgressIsResumedAgain() throws IOException {
    for (int i = 0; i < 9; i++) {
      port.dropAfter(1000);
    }
    port.range();

    DownloadResult result = downloader.download(completed(), dir.resolve("x.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(FILE);
    assertThat(result.attempts()).isEqualTo(10);
    assertThat(slept).hasSize(9).containsOnly(Duration.ofMillis(500));
  }

  @Test
  void transientStatusesAreRetriedAfterBackoffOrTheServersDelay() {
    port.fail(serverError(503))
        .fail(new SoraApiException("HTTP 429", SoraApiException.Kind.RATE_LIMITED, 429, Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(2)), ""))
        .whole();

    DownloadResult result = downloader.download(completed(), dir.resolve("x.mp4"));

    assertThat(result.attempts()).isEqualTo(3);
    assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  @Test
  void serverDelayLongerThanAMinuteEndsTheDownloadAtOnce() {
    SoraApiException slowDown = new SoraApiException("HTTP 429", SoraApiException.Kind.RATE_LIMITED, 429, Optional.empty(), Optional.empty(), Optional.of(Duration.ofMinutes(5)), "");
    port.fail(slowDown);

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4"))).isSameAs(slowDown);
    assertThat(slept).isEmpty();
  }

  @Test
  void errorsThatRetryingCannotCureAreThrownAtOnce() {
    SoraApiException refused = apiError(400);
    port.fail(refused);

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4"))).isSameAs(refused);
    assertThat(port.requests()).hasSize(1);
    assertThat(files()).isEmpty();
  }

  @Test
  void contentGoneWith404Or410AfterCompletionIsExpiredWithTheServersErrorAsCause() {
    VideoNotFoundException notFound = new VideoNotFoundException(ID, "HTTP 404: video video_dl_1 was not found",
        404, Optional.empty(), Optional.empty(), "");
    SoraApiException gone = apiError(410);
    port.fail(notFound).fail(gone);
    Video video = completedWithUrl().toBuilder().expiresAt(ManualTime.EPOCH.plusSeconds(900)).build();

    assertThatThrownBy(() -> downloader.download(video, dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> {
          assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.EXPIRED);
          assertThat(e.expiresAt()).contains(ManualTime.EPOCH.plusSeconds(900));
        })
        .hasMessageContaining("answered HTTP 404").hasCause(notFound);
    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> {
          assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.EXPIRED);
          assertThat(e.expiresAt()).isEmpty();
        })
        .hasMessageContaining("answered HTTP 410").hasCause(gone);
    assertThat(port.requests()).hasSize(2);
    assertThat(slept).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void announcedSizeAndSha256ThatMatchAreAccepted() {
    port.whole();
    Video video = completedWithUrl().toBuilder().sha256(sha256(FILE)).sizeBytes(FILE.length).build();

    DownloadResult result = downloader.download(video, dir.resolve("x.mp4"));

    assertThat(result.sha256()).isEqualTo(sha256(FILE));
    assertThat(files()).containsExactly(dir.resolve("x.mp4"));
  }

  @Test
  void sha256OtherThanAnnouncedFailsTheDownloadAndLeavesNoFile() {
    port.whole();
    String announced = "ab".repeat(32);
    Video video = completedWithUrl().toBuilder().sha256(announced).build();

    assertThatThrownBy(() -> downloader.download(video, dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("sha256 of the 10000 bytes received for video video_dl_1 is " + sha256(FILE)
            + " but the status announced " + announced);
    assertThat(port.requests()).hasSize(1); // not retried: the same bytes would come again
    assertThat(files()).isEmpty();
  }

  @Test
  void sizeOtherThanAnnouncedFailsTheDownloadAndLeavesNoFile() {
    port.undeclared().whole();
    Video longer = completedWithUrl().toBuilder().sizeBytes(FILE.length + 1).build();
    Video shorter = completedWithUrl().toBuilder().sizeBytes(FILE.length - 1).build();

    assertThatThrownBy(() -> downloader.download(shorter, dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("longer than the 9999 bytes the status announced");
    assertThatThrownBy(() -> downloader.download(longer, dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("declares 10000 bytes but the status announced 10001");
    assertThat(files()).isEmpty();
  }

  @Test
  void announcedHashIsTheVideosAndNotCheckedForAThumbnail() {
    port.whole();
    Video video = completed().toBuilder().sha256("ab".repeat(32)).sizeBytes(1).build();

    DownloadResult result = downloader.download(video, dir.resolve("x.webp"),
        DownloadOptions.builder().variant(Variant.THUMBNAIL).build());

    assertThat(result.bytes()).isEqualTo(FILE.length);
  }

  @Test
  void refusedSignedUrlIsReplacedOnceByTheFreshOneOfAStatusReRead() throws Exception {
    URI fresh = URI.create("https://cdn.example.com/v/video_dl_1.mp4?sig=fresh");
    List<VideoId> reads = new CopyOnWriteArrayList<>();
    port.fail(apiError(403)).whole();
    VideoDownloader refreshing = withStatus(id -> {
      reads.add(id);
      return completedWithUrl().toBuilder().downloadUrl(fresh).build();
    });

    DownloadResult result = refreshing.download(completedWithUrl(), dir.resolve("x.mp4"));

    assertThat(Files.readAllBytes(result.path())).isEqualTo(FILE);
    assertThat(reads).containsExactly(ID);
    assertThat(port.requests()).extracting(r -> r.url().orElseThrow()).containsExactly(CDN, fresh);
    assertThat(slept).isEmpty(); // the fresh URL is tried at once, and spends no retry
  }

  @Test
  void refusedSignedUrlIsRefreshedOnlyOnceAndAsyncToo() {
    URI fresh = URI.create("https://cdn.example.com/v/video_dl_1.mp4?sig=fresh");
    SoraApiException second = apiError(401);
    port.fail(apiError(403)).fail(second);
    VideoDownloader refreshing = withStatus(id -> completedWithUrl().toBuilder().downloadUrl(fresh).build());

    assertThat(refreshing.downloadAsync(completedWithUrl(), dir.resolve("x.mp4")))
        .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause().isSameAs(second);
    assertThat(port.requests()).hasSize(2);
    assertThat(files()).isEmpty();
  }

  @Test
  void reReadWithoutAFreshUsableUrlEndsTheDownloadWithTheRefusal() {
    Video same = completedWithUrl();
    Video none = completed();
    Video processing = Video.builder(ID, VideoStatus.PROCESSING).build();
    Video other = Video.builder(VideoId.of("video_other"), VideoStatus.COMPLETED)
        .downloadUrl(URI.create("https://cdn.example.com/other.mp4")).build();
    for (Video reread : List.of(same, none, processing, other)) {
      SoraApiException refused = apiError(403);
      port.fail(refused);
      int before = port.requests().size();

      assertThatThrownBy(() -> withStatus(id -> reread).download(completedWithUrl(), dir.resolve("x.mp4")))
          .isSameAs(refused);
      assertThat(refused.getSuppressed()).singleElement().satisfies(
          s -> assertThat(s).hasMessageStartingWith("video video_dl_1 was not downloaded again: the status re-read"));
      assertThat(port.requests()).hasSize(before + 1);
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void refusedContentEndpointOrABareContentPortReadsNoStatus() {
    List<VideoId> reads = new CopyOnWriteArrayList<>();
    SoraApiException endpoint = apiError(403);
    SoraApiException bare = apiError(403);
    port.fail(endpoint).fail(bare);

    assertThatThrownBy(() -> withStatus(id -> {
      reads.add(id);
      return completedWithUrl();
    }).download(completed(), dir.resolve("x.mp4"))).isSameAs(endpoint); // the API's own key was refused
    assertThatThrownBy(() -> downloader.download(completedWithUrl(), dir.resolve("x.mp4"))).isSameAs(bare);
    assertThat(reads).isEmpty();
  }

  @Test
  void downloadRetriesAreCountedApartFromTheStatusReadsRetries() throws Exception {
    URI fresh = URI.create("https://cdn.example.com/v/video_dl_1.mp4?sig=fresh");
    port.fail(serverError(503)).fail(serverError(503)).fail(apiError(403)).fail(serverError(503))
        .fail(serverError(503)).whole();
    // the status port spent its whole budget of 3 attempts on the re-read; downloads still have theirs
    VideoStatusPort statusOutOfRetries = new VideoStatusPort() {
      @Override
      public Video retrieve(VideoId id) {
        throw new AssertionError("the downloader reads asynchronously");
      }

      @Override
      public CompletableFuture<Video> retrieveAsync(VideoId id) {
        return CompletableFuture.completedFuture(completedWithUrl().toBuilder().downloadUrl(fresh).build());
      }
    };
    VideoDownloader refreshing = VideoDownloader.builder(port).clock(time).scheduler(TestSleeps.over(time, slept::add))
        .retryPolicy(RetryPolicy.builder().jitter(0).maxRetries(2).build()).statusPort(statusOutOfRetries).build();

    DownloadResult result = refreshing.download(completedWithUrl(), dir.resolve("x.mp4"));

    assertThat(result.bytes()).isEqualTo(FILE.length);
    assertThat(port.requests()).hasSize(6);
    assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(500),
        Duration.ofSeconds(1));
  }

  private VideoDownloader withStatus(java.util.function.Function<VideoId, Video> reread) {
    VideoStatusPort status = new VideoStatusPort() {
      @Override
      public Video retrieve(VideoId id) {
        return reread.apply(id);
      }

      @Override
      public CompletableFuture<Video> retrieveAsync(VideoId id) {
        return CompletableFuture.supplyAsync(() -> reread.apply(id));
      }
    };
    return VideoDownloader.builder(port).clock(time).scheduler(TestSleeps.over(time, slept::add))
        .retryPolicy(RetryPolicy.builder().jitter(0).build()).statusPort(status).build();
  }

  private static SoraApiException apiError(int status) {
    SoraApiException.Kind kind = status == 401 ? SoraApiException.Kind.AUTHENTICATION
        : status == 403 ? SoraApiException.Kind.PERMISSION_DENIED : SoraApiException.Kind.REJECTED;
    return new SoraApiException("HTTP " + status, kind, status, Optional.empty(), Optional.empty(),
        Optional.empty(), "");
  }

  @Test
  void threeFailuresWithoutProgressEndTheDownloadWithTheLastOne() {
    SoraTransportException last = new SoraTransportException("GET failed: refused", DownloadScript.reset());
    port.fail(serverError(502)).fail(serverError(500)).fail(last);

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4"))).isSameAs(last);
    assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(files()).isEmpty();
  }

  @Test
  void bodyEndingBeforeItsDeclaredLengthIsRetriedThenRejected() {
    port.shortBody(3000).shortBody(3000).shortBody(3000);

    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, e -> {
          assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED);
        })
        .hasMessageContaining("ended after 3000 of 10000 bytes");
    assertThat(files()).isEmpty();
  }

  @Test
  void expiryPassingWhileWaitingToRetryEndsTheDownload() {
    Video video = completed().toBuilder().expiresAt(ManualTime.EPOCH.plusMillis(400)).build();
    port.fail(serverError(503));

    assertThatThrownBy(() -> VideoDownloader.builder(port).clock(time)
        .scheduler(TestSleeps.over(time, time::advance)).retryPolicy(RetryPolicy.builder().jitter(0).build()).build()
        .download(video, dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(VideoDownloadException.class, x -> assertThat(x.reason()).isEqualTo(VideoDownloadException.Reason.EXPIRED));
    assertThat(port.requests()).hasSize(1);
    assertThat(files()).isEmpty();
  }

  @Test
  void progressIsReportedWithTheTotalAndAThrowingListenerIsIgnored() {
    port.whole();
    List<long[]> seen = new CopyOnWriteArrayList<>();

    DownloadResult result = downloader.download(completed(), dir.resolve("x.mp4"),
        DownloadOptions.builder().onProgress((bytes, total) -> {
          seen.add(new long[] {bytes, total.orElse(-1)});
          throw new IllegalStateException("listener bug");
        }).build());

    assertThat(result.bytes()).isEqualTo(FILE.length);
    assertThat(seen).hasSize(11);
    assertThat(seen.get(0)).containsExactly(0, FILE.length);
    assertThat(seen.get(10)).containsExactly(FILE.length, FILE.length);
  }

  @Test
  void asyncDownloadWaitsForItsRetryInVirtualTime() throws Exception {
    port.fail(serverError(503)).whole();

    CompletableFuture<DownloadResult> result = downloader.downloadAsync(completed(), dir.resolve("x.mp4"));

    assertThat(result).isNotDone();
    time.advance(Duration.ofMillis(499));
    assertThat(result).isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(result.get(5, TimeUnit.SECONDS).bytes()).isEqualTo(FILE.length);
    assertThat(slept).isEmpty();
  }

  @Test
  void cancellingAnAsyncDownloadAbandonsTheTransferAndRemovesTheTemporaryFile() {
    port.hangAfter(2000);

    CompletableFuture<DownloadResult> result = downloader.downloadAsync(completed(), dir.resolve("x.mp4"));
    assertThat(files()).hasSize(1); // the temporary file, holding 2000 bytes
    result.cancel(true);

    assertThat(port.hanging()).singleElement().satisfies(f -> assertThat(f).isCancelled());
    assertThat(files()).isEmpty();
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void whoeverSeesAnAsyncDownloadFailFindsNoPartialFile() {
    VideoDownloader oneRetry = VideoDownloader.builder(port).clock(time).scheduler(TestSleeps.over(time, slept::add))
        .retryPolicy(RetryPolicy.builder().maxRetries(1).jitter(0).build())
        .build();
    port.dropAfter(2000).dropAfter(1000);

    CompletableFuture<DownloadResult> result = oneRetry.downloadAsync(completed(), dir.resolve("x.mp4"));
    assertThat(result).isNotDone(); // the retry waits in virtual time, so the failure comes after the next line
    List<List<Path>> seenAtFailure = new CopyOnWriteArrayList<>();
    result.whenComplete((r, failure) -> seenAtFailure.add(files())); // a caller's stage runs first when completed
    time.advance(Duration.ofSeconds(10));

    assertThat(result).isCompletedExceptionally();
    assertThat(seenAtFailure).containsExactly(List.of());
  }

  @Test
  void whoeverSeesAnAsyncDownloadCancelledFindsNoPartialFile() {
    port.hangAfter(2000);
    CompletableFuture<DownloadResult> result = downloader.downloadAsync(completed(), dir.resolve("x.mp4"));
    assertThat(files()).hasSize(1);
    List<List<Path>> seenAtCancel = new CopyOnWriteArrayList<>();
    result.whenComplete((r, failure) -> seenAtCancel.add(files())); // a caller's stage runs first when completed

    assertThat(result.cancel(true)).isTrue();

    assertThat(result).isCancelled();
    assertThat(seenAtCancel).containsExactly(List.of());
    assertThat(port.hanging()).singleElement().satisfies(f -> assertThat(f).isCancelled());
  }

  @Test
  void failingAnAsyncDownloadFromOutsideRemovesThePartialFileFirst() {
    port.hangAfter(2000);
    CompletableFuture<DownloadResult> result = downloader.downloadAsync(completed(), dir.resolve("x.mp4"));
    List<List<Path>> seenAtFailure = new CopyOnWriteArrayList<>();
    result.whenComplete((r, failure) -> seenAtFailure.add(files()));

    assertThat(result.completeExceptionally(new IllegalStateException("the caller gave up"))).isTrue();

    assertThat(seenAtFailure).containsExactly(List.of());
    assertThat(port.hanging()).singleElement().satisfies(f -> assertThat(f).isCancelled());
  }

  @Test
  void cancellingAFinishedAsyncDownloadChangesNothing() throws Exception {
    port.whole();
    CompletableFuture<DownloadResult> result = downloader.downloadAsync(completed(), dir.resolve("x.mp4"));
    assertThat(result).isCompleted();

    assertThat(result.cancel(true)).isFalse();
    assertThat(result.completeExceptionally(new IllegalStateException("late"))).isFalse();

    assertThat(result.get().bytes()).isEqualTo(FILE.length);
    assertThat(Files.readAllBytes(dir.resolve("x.mp4"))).isEqualTo(FILE);
  }

  @Test
  void cancellingAnAsyncDownloadWithdrawsItsScheduledRetry() {
    port.fail(serverError(503));

    CompletableFuture<DownloadResult> result = downloader.downloadAsync(completed(), dir.resolve("x.mp4"));
    assertThat(time.pendingTasks()).isEqualTo(1);
    result.cancel(true);

    assertThat(time.pendingTasks()).isZero();
    time.advance(Duration.ofSeconds(10));
    assertThat(port.requests()).hasSize(1);
    assertThat(files()).isEmpty();
  }

  @Test
  void interruptingABlockingDownloadRemovesTheTemporaryFileAndKeepsTheFlag() throws Exception {
    port.hangAfter(2000);
    AtomicThrowable thrown = new AtomicThrowable();
    Thread downloading = new Thread(() -> {
      try {
        downloader.download(completed(), dir.resolve("x.mp4"));
      } catch (RuntimeException e) {
        thrown.set(e, Thread.currentThread().isInterrupted());
      }
    });
    downloading.start();
    for (int i = 0; i < 500 && port.hanging().isEmpty(); i++) {
      Thread.onSpinWait();
      downloading.join(10);
    }
    downloading.interrupt();
    downloading.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(downloading.isAlive()).isFalse();
    assertThat(thrown.failure).isInstanceOf(SoraTransportException.class)
        .hasMessageContaining("was interrupted").hasCauseInstanceOf(java.io.InterruptedIOException.class);
    assertThat(thrown.interrupted).isTrue();
    assertThat(port.hanging()).singleElement().satisfies(f -> assertThat(f).isCancelled());
    assertThat(files()).isEmpty();
  }

  @Test
  void bodyThatFallsSilentIsCutOffAfterTheStallTimeoutAndResumed() throws Exception {
    port.hangAfter(3000).range();

    CompletableFuture<DownloadResult> result = downloader.downloadAsync(completed(), dir.resolve("x.mp4"));
    time.advance(VideoDownloader.DEFAULT_STALL_TIMEOUT); // bytes came since the start: not a stall yet
    assertThat(result).isNotDone();
    time.advance(VideoDownloader.DEFAULT_STALL_TIMEOUT); // silent for a whole period: cut off
    time.advance(Duration.ofMillis(500));

    assertThat(result.get(5, TimeUnit.SECONDS).sha256()).isEqualTo(sha256(FILE));
    assertThat(port.hanging()).singleElement().satisfies(f -> assertThat(f).isCancelled());
    assertThat(port.requests()).extracting(ContentRequest::offset).containsExactly(0L, 3000L);
  }

  @Test
  void configurationSuppliesTimeAndTheRetryPolicy() {
    List<Duration> configSlept = new CopyOnWriteArrayList<>();
    SoraConfig config = SoraConfig.builder().baseUrl("https://api.example.com/v1").apiKey("sk-test-0123456789")
        .clock(time).scheduler(TestSleeps.over(time, configSlept::add))
        .retryPolicy(RetryPolicy.builder().maxRetries(1).jitter(0).initialBackoff(Duration.ofMillis(250)).build())
        .build();
    port.fail(serverError(503)).fail(serverError(503));

    assertThatThrownBy(() -> VideoDownloader.builder(port).config(config).build()
        .download(completed(), dir.resolve("x.mp4")))
        .isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
    assertThat(configSlept).containsExactly(Duration.ofMillis(250));
    assertThat(port.requests()).hasSize(2);
  }

  @Test
  void noRetriesMeansOneRequest() {
    port.dropAfter(4000);

    assertThatThrownBy(() -> VideoDownloader.builder(port).clock(time).retryPolicy(RetryPolicy.none()).build()
        .download(completed(), dir.resolve("x.mp4")))
        .isInstanceOf(SoraTransportException.class);
    assertThat(port.requests()).hasSize(1);
    assertThat(files()).isEmpty();
  }

  @Test
  void argumentsAreCheckedByName() {
    assertThatThrownBy(() -> VideoDownloader.create((VideoContentPort) null)).hasMessage("port == null");
    assertThatThrownBy(() -> downloader.download(null, dir)).hasMessage("video == null");
    assertThatThrownBy(() -> downloader.download(completed(), null)).hasMessage("target == null");
    assertThatThrownBy(() -> downloader.download(completed(), dir.resolve("x"), null)).hasMessage("options == null");
    assertThatThrownBy(() -> VideoDownloader.builder(port).stallTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DownloadOptions.builder().maxBytes(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signedUrlQueryNeverShowsInARequestsText() {
    assertThat(ContentRequest.of(ID, Variant.VIDEO, CDN).toString())
        .contains("https://cdn.example.com/v/video_dl_1.mp4?…").doesNotContain("s3cr3t");
  }

  private static SoraApiException serverError(int status) {
    return new SoraApiException("HTTP " + status, SoraApiException.Kind.SERVER_ERROR, status, Optional.empty(), Optional.empty(), Optional.empty(), "");
  }

  private List<Path> files() {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(java.util.stream.Collectors.toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** What a download thread threw, and whether its interrupt flag was still set. */
  private static final class AtomicThrowable {
    volatile Throwable failure;
    volatile boolean interrupted;

    void set(Throwable t, boolean flag) {
      failure = t;
      interrupted = flag;
    }
  }
}
