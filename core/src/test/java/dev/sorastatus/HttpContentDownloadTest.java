package dev.sorastatus;

import dev.sorastatus.ContentHead;
import dev.sorastatus.ContentRequest;
import dev.sorastatus.ContentSink;
import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Variant;
import dev.sorastatus.VideoDownloadException;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.spi.TransportRequest;
import java.io.ByteArrayOutputStream;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpContentDownloadTest {
  private static final String KEY = "sk-canary-content-0123456789";
  private static final VideoId ID = VideoId.of("video_c1");
  private static final byte[] MP4 = "....ftypmp42 pretend video bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final SoraConfig config = SoraConfig.builder()
      .baseUrl("https://gateway.example.com/openai/v1")
      .apiKey(KEY)
      .header("x-api-key", "routing-secret")
      .build();
  private final DownloadTransportScript transport = new DownloadTransportScript();
  private final HttpVideoContentPort port = HttpVideoContentPort.create(config, transport);
  private final Collected sink = new Collected();

  @Test
  void contentEndpointCarriesTheVariantAndTheApiCredentials() {
    transport.answer(200, Map.of("Content-Type", List.of("image/webp"), "Content-Length", List.of("" + MP4.length)), MP4);

    port.stream(ContentRequest.of(ID, Variant.SPRITESHEET), sink).join();

    TransportRequest sent = transport.requests().get(0);
    assertThat(sent.uri()).hasToString("https://gateway.example.com/openai/v1/videos/video_c1/content?variant=spritesheet");
    assertThat(sent.headers()).containsEntry("Authorization", "Bearer " + KEY).containsEntry("x-api-key", "routing-secret");
    assertThat(sink.head.contentType()).contains("image/webp");
    assertThat(sink.head.totalLength()).hasValue(MP4.length);
    assertThat(sink.bytes.toByteArray()).isEqualTo(MP4);
  }

  @Test
  void credentialsGoOnlyToTheApisOwnOrigin() {
    assertThat(port.isApiOrigin(URI.create("https://gateway.example.com/files/x.mp4"))).isTrue();
    assertThat(port.isApiOrigin(URI.create("https://GATEWAY.example.com:443/x"))).isTrue();
    assertThat(port.isApiOrigin(URI.create("http://gateway.example.com/x"))).isFalse();
    assertThat(port.isApiOrigin(URI.create("https://gateway.example.com:8443/x"))).isFalse();
    assertThat(port.isApiOrigin(URI.create("https://cdn.gateway.example.com/x"))).isFalse();
    assertThat(port.isApiOrigin(URI.create("https://gateway.example.com.evil.test/x"))).isFalse();

    transport.answer(200, Map.of("Content-Type", List.of("video/mp4")), MP4);
    port.stream(ContentRequest.of(ID, Variant.VIDEO, URI.create("https://cdn.example.net/v.mp4?sig=abc")), sink).join();

    assertThat(transport.requests().get(0).headers())
        .containsOnlyKeys("Accept", "User-Agent")
        .doesNotContainValue("routing-secret");
  }

  @Test
  void jsonNamingAUrlIsFollowedOnceWithoutCredentialsToAnotherHost() {
    transport.answer(200, Map.of("Content-Type", List.of("application/json")),
            "{\"object\":\"video.content\",\"data\":{\"url\":\"https://cdn.example.net/v.mp4?sig=abc\"}}")
        .answer(200, Map.of("Content-Type", List.of("video/mp4")), MP4);

    port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join();

    assertThat(transport.requests()).hasSize(2);
    assertThat(transport.requests().get(1).uri()).hasToString("https://cdn.example.net/v.mp4?sig=abc");
    assertThat(transport.requests().get(1).headers()).doesNotContainKey("Authorization");
    assertThat(sink.bytes.toByteArray()).isEqualTo(MP4);
  }

  @Test
  void errorPagesServedAsTheFileAreRefusedWithAMaskedBoundedExcerptOfWhatTheServerSaid() {
    String key = KEY;
    List<String> types = List.of("text/html; charset=utf-8", "text/plain", "application/problem+json",
        "application/xml", "application/atom+xml", "text/csv");
    for (String type : types) {
      String body = "Access denied for key " + key + ": " + "x".repeat(5000);
      transport.answer(200, Map.of("Content-Type", List.of(type)), body);

      assertThatThrownBy(() -> port.stream(ContentRequest.of(ID, Variant.VIDEO,
              URI.create("https://cdn.example.net/v.mp4?sig=abc")), sink).join())
          .cause().isInstanceOfSatisfying(VideoDownloadException.class, e -> {
            assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED);
            assertThat(e.getMessage()).contains("Access denied for key").doesNotContain(key).hasSizeLessThan(600);
          });
      assertThat(sink.head).as(type).isNull();
    }
  }

  @Test
  void jsonAnsweringTheFollowedUrlIsNotFollowedAgain() {
    transport.answer(200, Map.of("Content-Type", List.of("application/json")), "{\"url\":\"/files/a\"}")
        .answer(200, Map.of("Content-Type", List.of("application/json")), "{\"url\":\"/files/b\"}");

    assertThatThrownBy(() -> port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join())
        .cause().isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("is application/json (HTTP 200), not a video")
        .hasMessageContaining("the server said: {\"url\":\"/files/b\"}");

    assertThat(transport.requests()).extracting(r -> r.uri().toString())
        .containsExactly("https://gateway.example.com/openai/v1/videos/video_c1/content?variant=video",
            "https://gateway.example.com/files/a");
    assertThat(transport.requests().get(1).headers()).containsKey("Authorization"); // same origin
    assertThat(sink.head).isNull(); // refused before the sink saw a head: nothing was written
  }

  @Test
  void jsonWithoutAUrlIsRejectedWithItsMaskedText() {
    transport.answer(200, Map.of("Content-Type", List.of("application/json; charset=utf-8")),
        "{\"error\":{\"message\":\"content not ready for " + KEY + "\"}}");

    assertThatThrownBy(() -> port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join())
        .cause().isInstanceOfSatisfying(VideoDownloadException.class,
            e -> assertThat(e.reason()).isEqualTo(VideoDownloadException.Reason.REJECTED))
        .hasMessageContaining("is JSON without a url").hasMessageContaining("content not ready")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void redirectsAreFollowedAndCrossOriginOnesLoseTheCredentials() {
    transport.answer(302, Map.of("Location", List.of("/openai/v1/files/v1")), new byte[0])
        .answer(307, Map.of("Location", List.of("https://storage.example.org/b/v.mp4?X-Amz-Signature=abc")), "moved")
        .answer(200, Map.of("Content-Type", List.of("video/mp4")), MP4);

    port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join();

    assertThat(transport.requests()).extracting(r -> r.headers().containsKey("Authorization"))
        .containsExactly(true, true, false);
    assertThat(transport.requests().get(2).uri().getHost()).isEqualTo("storage.example.org");
  }

  @Test
  void endlessRedirectsEndAsAnError() {
    for (int i = 0; i <= HttpVideoContentPort.MAX_REDIRECTS; i++) {
      transport.answer(302, Map.of("Location", List.of("/again")), new byte[0]);
    }

    assertThatThrownBy(() -> port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join())
        .cause().isInstanceOf(dev.sorastatus.SoraApiException.class).hasMessageStartingWith("HTTP 302");
    assertThat(transport.requests()).hasSize(HttpVideoContentPort.MAX_REDIRECTS + 1);
  }

  @Test
  void resumeAsksForTheRestAndReadsContentRange() {
    transport.answer(206, Map.of("Content-Range", List.of("bytes 100-131/132"), "Content-Length", List.of("32"),
        "ETag", List.of("\"e1\"")), MP4);

    port.stream(ContentRequest.of(ID, Variant.VIDEO).from(100, Optional.of("\"e1\"")), sink).join();

    assertThat(transport.requests().get(0).headers())
        .containsEntry("Range", "bytes=100-").containsEntry("If-Range", "\"e1\"");
    assertThat(sink.head).isEqualTo(new ContentHead(100, OptionalLong.of(32), OptionalLong.of(132),
        Optional.empty(), Optional.of("\"e1\"")));
  }

  @Test
  void partialAnswerThatDoesNotContinueWhereAskedIsMalformed() {
    transport.answer(206, Map.of("Content-Range", List.of("bytes 0-31/132")), MP4);

    assertThatThrownBy(() -> port.stream(ContentRequest.of(ID, Variant.VIDEO).from(100, Optional.empty()), sink).join())
        .cause().isInstanceOf(MalformedResponseException.class).hasMessageContaining("does not continue at byte 100");
    assertThat(sink.head).isNull();
  }

  @Test
  void weakEntityTagsAreNotUsedToResume() {
    transport.answer(200, Map.of("ETag", List.of("W/\"weak\"")), MP4);

    port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join();

    assertThat(sink.head.entityTag()).isEmpty();
  }

  @Test
  void errorStatusesBecomeTheUsualTypedErrors() {
    transport.answer(404, Map.of("Content-Type", List.of("application/json")), "{\"error\":{\"message\":\"no such video\"}}")
        .answer(429, Map.of("retry-after-ms", List.of("1500")), "{}");

    assertThatThrownBy(() -> port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join())
        .cause().isInstanceOf(VideoNotFoundException.class).hasMessageContaining("no such video");
    assertThatThrownBy(() -> port.stream(ContentRequest.of(ID, Variant.VIDEO), sink).join())
        .cause().isInstanceOfSatisfying(SoraApiException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(1500)));
    assertThat(sink.head).isNull();
  }

  @Test
  void transportFailureNamesTheHostButNeverTheSignedQuery() {
    transport.fail(new SocketException("reset while reading https://cdn.example.net/v.mp4?sig=topsecret"));

    assertThatThrownBy(() -> port.stream(
        ContentRequest.of(ID, Variant.VIDEO, URI.create("https://cdn.example.net/v.mp4?sig=topsecret")), sink).join())
        .cause().isInstanceOf(SoraTransportException.class)
        .hasMessageStartingWith("GET https://cdn.example.net/v.mp4?… failed: SocketException")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void whatTheSinkThrowsIsWhatTheFutureFailsWith() {
    transport.answer(200, Map.of(), MP4);
    IllegalStateException refusal = new IllegalStateException("no thanks");
    ContentSink refusing = new ContentSink() {
      @Override
      public void head(ContentHead head) {
        throw refusal;
      }

      @Override
      public void write(ByteBuffer bytes) {}
    };

    CompletableFuture<Void> f = port.stream(ContentRequest.of(ID, Variant.VIDEO), refusing);

    assertThatThrownBy(f::join).cause().isSameAs(refusal);
  }

  @Test
  void toStringNeverShowsTheKey() {
    assertThat(port.toString()).contains("gateway.example.com").doesNotContain(KEY);
  }

  /** Keeps what it is sent. */
  private static final class Collected implements ContentSink {
    ContentHead head;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> chunks = new ArrayList<>();

    @Override
    public void head(ContentHead h) {
      head = h;
    }

    @Override
    public void write(ByteBuffer b) {
      chunks.add(b.remaining());
      while (b.hasRemaining()) {
        bytes.write(b.get());
      }
    }
  }
}
