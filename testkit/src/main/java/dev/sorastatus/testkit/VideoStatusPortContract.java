package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sorastatus.InvalidVideoIdException;
import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoError;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoListQuery;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.VideoPage;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.VideoStatusPort;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link VideoStatusPort} shares, whatever moves its bytes: the same values, the same
 * typed errors, sync and async alike. Both transports run it behind WireMock and behind the fake's HTTP
 * mode, and the fake's in-memory port runs it too, which is what makes the fake trustworthy. Extend it to
 * hold your own adapter to the same contract:
 *
 * <pre>{@code
 * class MyAdapterContractTest extends VideoStatusPortContract {
 *   protected ContractBackend createBackend() { return WireMockBackend.start(); }
 *   protected VideoStatusPort createPort(ContractBackend backend) {
 *     return SoraClient.over(config, MyTransport.create(configFor(((WireMockBackend) backend).baseUrl())));
 *   }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class VideoStatusPortContract {
  /** For a subclass, which supplies what is under test. */
  protected VideoStatusPortContract() {}

  /** A whole-second instant, as the API reports them. */
  protected static final Instant CREATED = Instant.parse("2026-11-01T12:00:00Z");

  private ContractBackend backend;
  private VideoStatusPort port;

  /**
   * Returns a started backend; called once per test class and closed after it.
   *
   * @return the backend
   */
  protected abstract ContractBackend createBackend();

  /**
   * Returns the port under test, reading from {@code backend}; called before each test. A port that is
   * {@link AutoCloseable} is closed after the test.
   *
   * @param backend the backend from {@link #createBackend()}
   * @return the port
   */
  protected abstract VideoStatusPort createPort(ContractBackend backend);

  /**
   * Returns the backend of the running test class.
   *
   * @return the backend
   */
  protected final ContractBackend backend() {
    return backend;
  }

  /**
   * Returns the port of the running test.
   *
   * @return the port
   */
  protected final VideoStatusPort port() {
    return port;
  }

  @BeforeAll
  final void startBackend() {
    backend = createBackend();
  }

  @AfterAll
  final void stopBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  @BeforeEach
  final void openPort() {
    backend.reset();
    port = createPort(backend);
  }

  @AfterEach
  final void closePort() throws Exception {
    if (port instanceof AutoCloseable) {
      ((AutoCloseable) port).close();
    }
  }

  /** Reads {@code id} both ways, checks they agree, and returns the sync result. */
  private Video readBothWays(VideoId id) throws Exception {
    Video sync = port.retrieve(id);
    Video async = port.retrieveAsync(id).get(20, TimeUnit.SECONDS);
    assertThat(async).as("async read of %s", id).isEqualTo(sync);
    return sync;
  }

  /** Asserts that a read of {@code id} fails with {@code type}, sync and async alike, and returns the sync error. */
  private <T extends Throwable> T failsBothWays(VideoId id, Class<T> type) throws Exception {
    Throwable sync = catchThrowable(() -> port.retrieve(id));
    assertThat(sync).as("sync read of %s", id).isInstanceOf(type);
    CompletableFuture<Video> future = port.retrieveAsync(id);
    assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
        .as("async read of %s", id)
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(type);
    return type.cast(sync);
  }

  @Test
  void queuedJobIsReadAsQueuedWithNoProgress() throws Exception {
    VideoId id = VideoId.of("video_queued_1");
    backend.serve(Video.builder(id, VideoStatus.QUEUED).createdAt(CREATED).build());

    Video video = readBothWays(id);

    assertThat(video.id()).isEqualTo(id);
    assertThat(video.status()).isEqualTo(VideoStatus.QUEUED);
    assertThat(video.progress()).isZero();
    assertThat(video.isTerminal()).isFalse();
    assertThat(video.createdAt()).contains(CREATED);
    assertThat(video.downloadUrl()).isEmpty();
    assertThat(video.error()).isEmpty();
  }

  @Test
  void processingJobCarriesItsProgress() throws Exception {
    VideoId id = VideoId.of("video_processing_1");
    backend.serve(Video.builder(id, VideoStatus.PROCESSING).progress(42).createdAt(CREATED).build());

    Video video = readBothWays(id);

    assertThat(video.status()).isEqualTo(VideoStatus.PROCESSING);
    assertThat(video.progress()).isEqualTo(42);
    assertThat(video.isTerminal()).isFalse();
  }

  @Test
  void completedJobCarriesDownloadUrlExpiryAndFullProgress() throws Exception {
    VideoId id = VideoId.of("video_done_1");
    URI url = URI.create("https://cdn.example.com/videos/video_done_1.mp4?sig=abc");
    backend.serve(Video.builder(id, VideoStatus.COMPLETED)
        .createdAt(CREATED)
        .completedAt(CREATED.plusSeconds(95))
        .expiresAt(CREATED.plusSeconds(3600))
        .downloadUrl(url)
        .build());

    Video video = readBothWays(id);

    assertThat(video.status()).isEqualTo(VideoStatus.COMPLETED);
    assertThat(video.isTerminal()).isTrue();
    assertThat(video.progress()).isEqualTo(100);
    assertThat(video.downloadUrl()).contains(url);
    assertThat(video.completedAt()).contains(CREATED.plusSeconds(95));
    assertThat(video.expiresAt()).contains(CREATED.plusSeconds(3600));
    assertThat(video.isExpired(CREATED.plusSeconds(3599))).isFalse();
    assertThat(video.isExpired(CREATED.plusSeconds(3600))).isTrue();
  }

  @Test
  void failedJobCarriesErrorCodeAndMessage() throws Exception {
    VideoId id = VideoId.of("video_failed_1");
    backend.serve(Video.builder(id, VideoStatus.FAILED)
        .createdAt(CREATED)
        .error(VideoError.of("moderation_blocked", "The prompt was blocked by moderation."))
        .build());

    Video video = readBothWays(id);

    assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(video.isTerminal()).isTrue();
    assertThat(video.error()).hasValueSatisfying(e -> {
      assertThat(e.code()).contains("moderation_blocked");
      assertThat(e.message()).isEqualTo("The prompt was blocked by moderation.");
    });
  }

  @Test
  void unknownStatusIsKeptAsRawStringAndIsNotTerminal() throws Exception {
    VideoId id = VideoId.of("video_odd_1");
    backend.serve(Video.builder(id, VideoStatus.UNKNOWN).rawStatus("awaiting_review").progress(10).build());

    Video video = readBothWays(id);

    assertThat(video.status()).isEqualTo(VideoStatus.UNKNOWN);
    assertThat(video.rawStatus()).isEqualTo("awaiting_review");
    assertThat(video.isTerminal()).isFalse();
    assertThat(video.progress()).isEqualTo(10);
  }

  static Stream<Arguments> wordsFromTheField() {
    return Stream.of(
        Arguments.of("done", VideoStatus.COMPLETED),
        Arguments.of("DONE", VideoStatus.COMPLETED),
        Arguments.of("preprocessing", VideoStatus.PROCESSING),
        Arguments.of("in_queue", VideoStatus.QUEUED),
        Arguments.of("IN_QUEUE", VideoStatus.QUEUED),
        Arguments.of("starting", VideoStatus.QUEUED),
        Arguments.of("canceled", VideoStatus.FAILED),
        Arguments.of("cancelled", VideoStatus.FAILED),
        Arguments.of("unknown", VideoStatus.UNKNOWN),
        Arguments.of("uncertain", VideoStatus.UNKNOWN),
        Arguments.of("UNCERTAIN", VideoStatus.UNKNOWN));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("wordsFromTheField")
  void statusWordsFromTheFieldAreReadAndTheRawWordKept(String raw, VideoStatus expected) throws Exception {
    VideoId id = VideoId.of("video_word_" + raw);
    backend.serve(Video.builder(id, VideoStatus.fromRaw(raw)).rawStatus(raw).progress(20).build());

    Video video = readBothWays(id);

    assertThat(video.status()).isEqualTo(expected);
    assertThat(video.rawStatus()).isEqualTo(raw);
    assertThat(video.isTerminal()).isEqualTo(expected.isTerminal());
  }

  @Test
  void descriptiveFieldsRoundTrip() throws Exception {
    VideoId id = VideoId.of("video_remix_2");
    backend.serve(Video.builder(id, VideoStatus.PROCESSING)
        .progress(5)
        .createdAt(CREATED)
        .model("sora-2-pro")
        .size("1792x1024")
        .seconds(12)
        .remixedFromVideoId(VideoId.of("video_source_1"))
        .prompt("A calico cat playing a piano on stage")
        .build());

    Video video = readBothWays(id);

    assertThat(video.model()).contains("sora-2-pro");
    assertThat(video.size()).contains("1792x1024");
    assertThat(video.seconds()).hasValue(12);
    assertThat(video.remixedFromVideoId()).contains(VideoId.of("video_source_1"));
    assertThat(video.prompt()).contains("A calico cat playing a piano on stage");
  }

  @Test
  void announcedHashAndLengthOfTheVideoAreReported() throws Exception {
    VideoId id = VideoId.of("video_digest_1");
    String sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    backend.serve(Video.builder(id, VideoStatus.COMPLETED).sha256(sha256).sizeBytes(4).build());

    Video video = readBothWays(id);

    assertThat(video.sha256()).contains(sha256);
    assertThat(video.sizeBytes()).hasValue(4);
  }

  @Test
  void serverPollHintIsReported() throws Exception {
    VideoId id = VideoId.of("video_hint_1");
    backend.serve(Video.builder(id, VideoStatus.PROCESSING).progress(50).pollAfter(Duration.ofMillis(2500)).build());

    assertThat(readBothWays(id).pollAfter()).contains(Duration.ofMillis(2500));
  }

  @Test
  void unknownJobIsNotFoundAndNamesTheId() throws Exception {
    VideoId id = VideoId.of("video_gone_1");
    backend.notFound(id);

    VideoNotFoundException e = failsBothWays(id, VideoNotFoundException.class);

    assertThat(e.videoId()).isEqualTo(id);
    assertThat(e.getMessage()).contains("video_gone_1");
  }

  @Test
  void refusedKeyIsAnAuthenticationError() throws Exception {
    VideoId id = VideoId.of("video_auth_1");
    backend.unauthorized(id);

    assertThat(failsBothWays(id, SoraApiException.class).statusCode()).isEqualTo(401);
  }

  @Test
  void forbiddenJobIsAPermissionError() throws Exception {
    VideoId id = VideoId.of("video_perm_1");
    backend.forbidden(id);

    assertThat(failsBothWays(id, SoraApiException.class).statusCode()).isEqualTo(403);
  }

  @Test
  void rateLimitCarriesTheServersDelay() throws Exception {
    VideoId id = VideoId.of("video_busy_1");
    backend.rateLimited(id, Duration.ofSeconds(7));

    SoraApiException e = failsBothWays(id, SoraApiException.class);

    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrorKeepsItsStatus(int status) throws Exception {
    VideoId id = VideoId.of("video_5xx_" + status);
    backend.serverError(id, status);

    assertThat(failsBothWays(id, SoraApiException.class).statusCode()).isEqualTo(status);
  }

  @Test
  void bodyThatIsNotAVideoIsAMalformedResponse() throws Exception {
    VideoId id = VideoId.of("video_garbled_1");
    backend.malformed(id);

    failsBothWays(id, MalformedResponseException.class);
  }

  @Test
  void bodyOfAnotherJobIsAMalformedResponseThatNamesBothJobs() throws Exception {
    VideoId id = VideoId.of("video_asked_1");
    backend.serveAnotherJob(id, Video.builder(VideoId.of("video_other_1"), VideoStatus.COMPLETED).build());

    assertThat(failsBothWays(id, MalformedResponseException.class).getMessage())
        .contains("'video_other_1'").contains("video_asked_1 was asked for");
  }

  @Test
  void everyErrorIsASoraApiExceptionOrMalformedAndNeverRaw() throws Exception {
    VideoId id = VideoId.of("video_any_error_1");
    backend.serverError(id, 500);

    assertThat(failsBothWays(id, SoraApiException.class)).isInstanceOfSatisfying(SoraApiException.class, x -> assertThat(x.kind()).isEqualTo(SoraApiException.Kind.SERVER_ERROR));
  }

  static Stream<Arguments> unsafeIds() {
    return Stream.of(
        Arguments.of("a/b", "'/'"),
        Arguments.of("..", ".."),
        Arguments.of("video?x=1", "'?'"),
        Arguments.of("video#frag", "'#'"),
        Arguments.of("video%2F..", "'%'"),
        Arguments.of("video\r\nX-Injected: 1", "U+000D"),
        Arguments.of("video\u0000", "U+0000"),
        Arguments.of("vidéo", "U+00E9"),
        Arguments.of("video 1", "U+0020"),
        Arguments.of("", "empty"),
        Arguments.of("v".repeat(10_000), "10000"));
  }

  @ParameterizedTest
  @MethodSource("unsafeIds")
  void unsafeIdIsRejectedBeforeAnyRequest(String raw, String quoted) {
    assertThatThrownBy(() -> port.retrieve(VideoId.of(raw)))
        .isInstanceOf(InvalidVideoIdException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(quoted);
    assertThat(backend.requestCount()).isZero();
  }

  @Test
  void nullIdIsRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> port.retrieve(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> port.retrieveAsync(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("id");
    assertThat(backend.requestCount()).isZero();
  }

  @Test
  void oneReadIsOneRequest() {
    VideoId id = VideoId.of("video_count_1");
    backend.serve(Video.builder(id, VideoStatus.QUEUED).build());

    port.retrieve(id);
    port.retrieve(id);

    assertThat(backend.requestCount()).isEqualTo(2);
  }

  @Test
  void concurrentReadsEachSeeTheirOwnJob() throws Exception {
    List<VideoId> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      VideoId id = VideoId.of("video_parallel_" + i);
      ids.add(id);
      backend.serve(Video.builder(id, VideoStatus.PROCESSING).progress(i * 10).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          for (int n = 0; n < 25; n++) {
            int i = (offset + n) % ids.size();
            Video video = n % 2 == 0 ? port.retrieve(ids.get(i)) : port.retrieveAsync(ids.get(i)).join();
            assertThat(video.id()).isEqualTo(ids.get(i));
            assertThat(video.progress()).isEqualTo(i * 10);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(backend.requestCount()).isEqualTo(200);
  }

  // ---- listing ---------------------------------------------------------------------------------------------

  /** Returns {@code n} processing jobs {@code video_list_<n-1>} (newest) down to {@code video_list_0}. */
  private static List<Video> newestFirst(int n) {
    List<Video> videos = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      videos.add(Video.builder(VideoId.of("video_list_" + i), VideoStatus.PROCESSING).progress(i).createdAt(CREATED)
          .build());
    }
    return videos;
  }

  private static List<String> ids(VideoPage page) {
    List<String> ids = new ArrayList<>();
    page.videos().forEach(v -> ids.add(v.id().value()));
    return ids;
  }

  /** Asserts that a listing fails with {@code type}, sync and async alike, and returns the sync error. */
  private <T extends Throwable> T listFailsBothWays(Class<T> type) {
    Throwable sync = catchThrowable(() -> port.list(VideoListQuery.defaults()));
    assertThat(sync).as("sync listing").isInstanceOf(type);
    CompletableFuture<VideoPage> future = port.listAsync(VideoListQuery.defaults());
    assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
        .as("async listing").isInstanceOf(ExecutionException.class).cause().isInstanceOf(type);
    return type.cast(sync);
  }

  @Test
  void listingFollowsThePagesLazilyOneRequestPerPage() {
    backend.serveList(newestFirst(5), 2);

    Iterator<VideoPage> pages = port.listPages(VideoListQuery.defaults().withLimit(2));

    assertThat(pages.hasNext()).isTrue();
    assertThat(backend.requestCount()).as("nothing is read before next()").isZero();
    assertThat(ids(pages.next())).containsExactly("video_list_4", "video_list_3");
    assertThat(backend.requestCount()).as("page 2 is not read until asked for").isEqualTo(1);
    assertThat(pages.hasNext()).isTrue();
    assertThat(ids(pages.next())).containsExactly("video_list_2", "video_list_1");
    assertThat(backend.requestCount()).isEqualTo(2);
    VideoPage last = pages.next();
    assertThat(ids(last)).containsExactly("video_list_0");
    assertThat(last.hasMore()).isFalse();
    assertThat(pages.hasNext()).isFalse();
    assertThat(backend.requestCount()).isEqualTo(3);
  }

  @Test
  void listedJobsCarryTheirState() {
    backend.serveList(newestFirst(3), 20);

    VideoPage page = port.list(VideoListQuery.defaults());

    assertThat(page.videos()).extracting(Video::progress).containsExactly(2, 1, 0);
    assertThat(page.videos()).allSatisfy(v -> {
      assertThat(v.status()).isEqualTo(VideoStatus.PROCESSING);
      assertThat(v.createdAt()).contains(CREATED);
    });
    assertThat(page.hasMore()).isFalse();
    assertThat(page.lastId()).contains(VideoId.of("video_list_0"));
  }

  @Test
  void fullLastPageWithoutMoreEndsTheListing() {
    backend.serveList(newestFirst(4), 2);

    Iterator<VideoPage> pages = port.listPages(VideoListQuery.defaults().withLimit(2));
    pages.next();
    VideoPage second = pages.next();

    assertThat(ids(second)).containsExactly("video_list_1", "video_list_0");
    assertThat(second.hasMore()).isFalse();
    assertThat(pages.hasNext()).isFalse();
    assertThat(backend.requestCount()).isEqualTo(2);
  }

  @Test
  void emptyListingIsOneEmptyPage() throws Exception {
    backend.serveList(List.of(), 20);

    Iterator<VideoPage> pages = port.listPages(VideoListQuery.defaults());
    VideoPage page = pages.next();

    assertThat(page.videos()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertThat(page.lastId()).isEmpty();
    assertThat(pages.hasNext()).isFalse();
    assertThat(port.listAsync(VideoListQuery.defaults()).get(20, TimeUnit.SECONDS)).isEqualTo(page);
    assertThat(backend.requestCount()).isEqualTo(2);
  }

  @Test
  void asyncListingReadsTheSamePage() throws Exception {
    backend.serveList(newestFirst(3), 2);
    VideoListQuery second = VideoListQuery.defaults().withLimit(2).withAfter(VideoId.of("video_list_1"));

    VideoPage sync = port.list(second);
    VideoPage async = port.listAsync(second).get(20, TimeUnit.SECONDS);

    assertThat(async).isEqualTo(sync);
    assertThat(ids(sync)).containsExactly("video_list_0");
  }

  @Test
  void refusedKeyOnTheListingIsAnAuthenticationError() {
    backend.failList(401, 2);

    assertThat(listFailsBothWays(SoraApiException.class).kind()).isEqualTo(SoraApiException.Kind.AUTHENTICATION);
  }

  @Test
  void rateLimitOnTheListingCarriesTheServersDelay() {
    backend.failList(429, 2);

    SoraApiException e = listFailsBothWays(SoraApiException.class);

    assertThat(e.kind()).isEqualTo(SoraApiException.Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
  }

  @Test
  void listingThatIsNotAListIsAMalformedResponse() {
    backend.malformedList(2);

    listFailsBothWays(MalformedResponseException.class);
  }

  @Test
  void nullQueryIsRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> port.list(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("query");
    assertThatThrownBy(() -> port.listAsync(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> port.listPages(null)).isInstanceOf(NullPointerException.class);
    assertThat(backend.requestCount()).isZero();
  }

  /**
   * Runs {@code check} on the video read both ways; for subclasses' own rows.
   *
   * @param id the job
   * @param check assertions on the video
   * @throws Exception if the read fails
   */
  protected final void readBothWays(VideoId id, Consumer<Video> check) throws Exception {
    check.accept(readBothWays(id));
  }
}
