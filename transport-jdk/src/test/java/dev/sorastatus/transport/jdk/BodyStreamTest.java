package dev.sorastatus.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The body stream as the client's selector drives it: demand ahead of the reader, bounded, bytes before failures. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BodyStreamTest {
  private static final int CHUNK = 16 * 1024; // what the JDK client hands over per buffer

  private final AtomicLong requested = new AtomicLong();
  private final Flow.Subscription subscription = new Flow.Subscription() {
    @Override
    public void request(long n) {
      requested.addAndGet(n);
    }

    @Override
    public void cancel() {
    }
  };

  @Test
  void aStreamedBodyAsksForAFewListsAheadAndOneMorePerListTaken() throws IOException {
    BodyStream body = new BodyStream(info(Map.of()));
    body.onSubscribe(subscription);
    assertThat(requested).as("asked for before any read").hasValue(BodyStream.LISTS_AHEAD);

    for (int i = 0; i < BodyStream.LISTS_AHEAD; i++) {
      body.onNext(List.of(chunk(i)));
    }
    assertThat(requested).as("nothing more until the reader takes one").hasValue(BodyStream.LISTS_AHEAD);

    byte[] into = new byte[64 * 1024];
    int n = body.read(into, 0, into.length);

    assertThat(n).as("every byte already there, across lists").isEqualTo(BodyStream.LISTS_AHEAD * CHUNK);
    assertThat(into[0]).isEqualTo((byte) 0);
    assertThat(into[n - 1]).isEqualTo((byte) (BodyStream.LISTS_AHEAD - 1));
    assertThat(requested).as("one more for each list taken").hasValue(2L * BodyStream.LISTS_AHEAD);
  }

  @Test
  void aReadStopsAtTheLengthAskedForAndTheRestStaysForTheNext() throws IOException {
    BodyStream body = new BodyStream(info(Map.of()));
    body.onSubscribe(subscription);
    body.onNext(List.of(chunk(1), chunk(2)));
    body.onComplete();

    byte[] into = new byte[CHUNK + 10];
    assertThat(body.read(into, 0, into.length)).isEqualTo(CHUNK + 10);
    assertThat(into[CHUNK + 9]).isEqualTo((byte) 2);
    assertThat(body.read(into, 0, into.length)).isEqualTo(CHUNK - 10);
    assertThat(body.read(into, 0, into.length)).isEqualTo(-1);
  }

  @Test
  void theBytesThatCameAreReadBeforeTheFailure() throws IOException {
    BodyStream body = new BodyStream(info(Map.of()));
    body.onSubscribe(subscription);
    body.onNext(List.of(chunk(7)));
    body.onNext(List.of(chunk(8)));
    body.onError(new IOException("connection reset"));

    byte[] into = new byte[4 * CHUNK];
    assertThat(body.read(into, 0, into.length)).as("both chunks, then the read stops at the failure")
        .isEqualTo(2 * CHUNK);
    assertThatThrownBy(() -> body.read(into, 0, into.length)).isInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }

  @Test
  void aSmallDeclaredBodyIsCollectedWhole() {
    BodyStream body = new BodyStream(info(Map.of("content-length", List.of("512"))));
    body.onSubscribe(subscription);

    assertThat(requested).hasValue(Long.MAX_VALUE);
  }

  private static ByteBuffer chunk(int fill) {
    byte[] b = new byte[CHUNK];
    java.util.Arrays.fill(b, (byte) fill);
    return ByteBuffer.wrap(b);
  }

  private static HttpResponse.ResponseInfo info(Map<String, List<String>> headers) {
    HttpHeaders h = HttpHeaders.of(headers, (name, value) -> true);
    return new HttpResponse.ResponseInfo() {
      @Override
      public int statusCode() {
        return 200;
      }

      @Override
      public HttpHeaders headers() {
        return h;
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }
}
