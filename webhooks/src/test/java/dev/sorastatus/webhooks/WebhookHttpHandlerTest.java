package dev.sorastatus.webhooks;

import static dev.sorastatus.webhooks.WebhookVerifierTest.EVENT;
import static dev.sorastatus.webhooks.WebhookVerifierTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sorastatus.Video;
import dev.sorastatus.VideoStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK server's handler on 127.0.0.1: real HTTP in, the receiver's answer out, bounded in time. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WebhookHttpHandlerTest {
  private final WebhookReceiverTest fixture = new WebhookReceiverTest();
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI url;

  WebhookHttpHandlerTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/hooks", fixture.receiver.httpHandler());
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignedPostWakesTheWaitAndIsAnsweredBeforeTheRead() throws Exception {
    fixture.port.answers.add(WebhookReceiverTest.video(VideoStatus.QUEUED));
    fixture.port.answers.add(WebhookReceiverTest.video(VideoStatus.COMPLETED));
    CompletableFuture<Video> wait = fixture.poller.awaitAsync(WebhookReceiverTest.ID, fixture.every30s);
    fixture.time.runDue();
    WebhookRequest signed = fixture.signed("msg_http", EVENT);
    HttpRequest.Builder post = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(bytes(EVENT)));
    signed.headers().forEach((k, v) -> post.header(k, v.get(0)));

    HttpResponse<String> response = send(post);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("woke the wait for video_123");
    assertThat(fixture.port.reads).isEqualTo(1); // the read waits for the poller's scheduler
    fixture.time.advance(Duration.ofSeconds(1)); // past the budget's 20 ms after the first read
    assertThat(wait).isCompleted();
    assertThat(wait.get(5, TimeUnit.SECONDS).status()).isEqualTo(VideoStatus.COMPLETED);
  }

  @Test
  void aGetIs405WithAllowPost() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(url).GET());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void anOversizeBodyIs413AndAnUnsignedOneIs400() throws Exception {
    HttpResponse<String> big = send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])));
    HttpResponse<String> unsigned = send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(EVENT)));

    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(unsigned.body()).startsWith("MISSING_HEADER");
    assertThat(fixture.receiver.counts().rejected()).isEqualTo(2);
  }
}
