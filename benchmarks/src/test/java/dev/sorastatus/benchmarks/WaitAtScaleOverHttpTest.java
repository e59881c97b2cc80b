package dev.sorastatus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class WaitAtScaleOverHttpTest {

  @Test
  void serverAnswersQueuedThenInProgressThenCompletedAndCountsWhatItServed() throws Exception {
    try (CountingStatusServer.Child server = CountingStatusServer.launch()) {
      try (Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port());
          Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        assertThat(get(first, "/v1/videos/video_1")).contains("200 OK").contains("\"status\":\"queued\"");
        assertThat(get(first, "/v1/videos/video_1")).contains("\"status\":\"in_progress\"");
        assertThat(get(first, "/v1/videos/video_1")).contains("\"status\":\"completed\"")
            .contains("\"id\":\"video_1\"");
        assertThat(get(second, "/v1/other")).contains("404 Not Found");

        assertThat(server.counts()).isEqualTo(new CountingStatusServer.Counts(2, 2, 2, 4, 1));
      }
      assertThat(server.awaitNoneOpen(5_000)).as("both closed").isZero();
      server.reset();
      assertThat(server.counts()).isEqualTo(new CountingStatusServer.Counts(0, 0, 0, 0, 0));
    }
  }

  @Test
  void everyWaitOverEitherTransportCompletesInThreeReads() throws Exception {
    try (CountingStatusServer.Child server = CountingStatusServer.launch()) {
      for (String transport : new String[] {"apache", "jdk"}) {
        WaitAtScaleOverHttp.Result r =
            WaitAtScaleOverHttp.run(transport, 300, Double.POSITIVE_INFINITY, server, "video_" + transport + "_");

        assertThat(r.firstFailure()).as(transport).isEmpty();
        assertThat(r.completed()).as(transport).isEqualTo(300);
        assertThat(r.counts().requests()).as(transport + ": queued, in progress, completed").isEqualTo(900);
        assertThat(r.counts().badRequests()).as(transport).isZero();
        assertThat(r.retries()).as(transport + ": no read failed").isZero();
        assertThat(r.counts().accepted()).as(transport).isBetween(1L, 900L);
        assertThat(r.counts().peakOpen()).as(transport).isPositive();
        if (transport.equals("apache")) {
          assertThat(r.counts().peakOpen()).as("Apache's pool holds 64").isLessThanOrEqualTo(64);
        }
      }
    }
  }

  /** Sends one GET on {@code socket} and returns the whole response, its body read by its length. */
  private static String get(Socket socket, String path) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("the response ended in its head: " + head).isNotNegative();
      head.append((char) b);
    }
    int length = Integer.parseInt(head.toString().split("Content-Length: ")[1].split("\r\n")[0].trim());
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
