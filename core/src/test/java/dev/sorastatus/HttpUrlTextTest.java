package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HttpUrlText#isPlain} lets a {@code Video} keep a download URL as text and build its {@code URI}
 * later, which is only sound if every text it calls plain is one {@code java.net.URI} parses into an
 * absolute http(s) URI with a host. Held to that by {@code URI} itself, on listed cases and on a hundred
 * thousand seeded mutations of real download URLs.
 */
class HttpUrlTextTest {
  private static final List<String> SEEDS = List.of(
      "https://cdn.gateway.example.com/v/2025/09/27/video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5.mp4",
      "https://videos.openai.com/vg-assets/task_01/out.mp4?se=2025-09-28T02%3A51%3A25Z&sp=r&sv=2024-08-04&sr=b"
          + "&sig=abc%2Bdef%3D",
      "http://127.0.0.1:8080/v1/videos/video_1/content?variant=video",
      "HTTPS://Files.Example.COM:443/a;b/c@d/e(f)!~*'$,+=&.mp4#t=10",
      "https://user:pass@host.example/x.mp4",
      "https://[::1]:9000/x.mp4",
      "https://s3.us-east-1.amazonaws.com/bucket/key%20with%20spaces.mp4?X-Amz-Signature=0f1e",
      "https://a-b.c-d.example/x/%E2%9C%93.mp4",
      "https://localhost/x.mp4",
      "https://xn--bcher-kva.example/x.mp4");
  private static final String ALPHABET =
      "aZ09-._~!$&'()*+,;=:@/?#[]% \t\"<>{}|\\^`é\u0000\u007f\u00a0";

  @ParameterizedTest
  @ValueSource(strings = {
      "https://cdn.example.com/v.mp4",
      "http://cdn.example.com",
      "HTTPS://CDN.EXAMPLE.COM/V.MP4",
      "https://cdn.example.com:8443/v.mp4",
      "https://cdn.example.com/v.mp4?se=2025-09-28T02%3A51%3A25Z&sig=abc%2Bdef",
      "https://cdn.example.com?x=1",
      "https://cdn.example.com#frag",
      "https://cdn.example.com/a;b/c@d/e(f)!~*'$,+=&.mp4?q=/?#frag/?",
      "https://a1.b-2.c3d/x",
      "https://localhost/x"})
  void plainUrls(String url) throws Exception {
    assertThat(HttpUrlText.isPlain(url)).isTrue();
    assertThat(parsesAsHttpWithHost(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "https://", "https:///x.mp4", "ftp://cdn.example.com/x", "https:/cdn.example.com/x", "//cdn.example.com/x",
      "https://cdn..example.com/x", "https://cdn.example.com./x", "https://-cdn.example.com/x",
      "https://cdn-.example.com/x", "https://cdn.example.1com/x", "https://1.2.3.4/x", "https://cdn.example.com:/x",
      "https://cdn.example.com:123456/x", "https://user@cdn.example.com/x", "https://[::1]/x",
      "https://cdn.example.com/a b.mp4", "https://cdn.example.com/%zz", "https://cdn.example.com/%4",
      "https://cdn.example.com/é.mp4", "https://cdn.example.com/x?a=[1]", "https://cdn.example.com/x#a#b",
      " https://cdn.example.com/x", "https://cdn.example.com/x\\y"})
  void notPlain(String url) {
    assertThat(HttpUrlText.isPlain(url)).isFalse();
  }

  @Test
  void everyPlainMutationIsAnHttpUriWithAHostAndTheBuilderAgreesWithUriOnTheRest() throws Exception {
    Random random = new Random(20261129);
    int plain = 0;
    int accepted = 0;
    int total = 100_000;
    for (int i = 0; i < total; i++) {
      String text = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
      boolean http = parsesAsHttpWithHost(text);
      if (HttpUrlText.isPlain(text)) {
        plain++;
        assertThat(http).as("called plain but URI refuses it: %s", text).isTrue();
      }
      Optional<URI> built = buildVideo(text);
      assertThat(built.isPresent()).as("the builder and URI disagree on %s", text).isEqualTo(http);
      if (built.isPresent()) {
        accepted++;
        assertThat(built.get()).isEqualTo(new URI(text));
        assertThat(built.get().toString()).isEqualTo(text);
      }
    }
    assertThat(plain).as("mutations called plain").isGreaterThan(total / 5);
    assertThat(accepted - plain).as("accepted only after a full parse").isGreaterThan(total / 50);
    assertThat(total - accepted).as("refused").isGreaterThan(total / 5);
  }

  /** One to three random edits: a character from the alphabet inserted, replaced or removed. */
  private static String mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = random.nextInt(4);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = random.nextInt(s.length());
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      switch (random.nextInt(3)) {
        case 0: s.insert(at, c); break;
        case 1: s.setCharAt(at, c); break;
        default: s.deleteCharAt(at); break;
      }
    }
    return s.toString();
  }

  private static Optional<URI> buildVideo(String text) {
    try {
      return Video.builder(VideoId.of("video_1"), VideoStatus.COMPLETED).downloadUrl(text).build().downloadUrl();
    } catch (IllegalArgumentException refused) {
      return Optional.empty();
    }
  }

  /** What the decoder required before: {@code new URI(text)}, an http(s) scheme in any case, and a host. */
  private static boolean parsesAsHttpWithHost(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
