package dev.sorastatus.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback server that sends headers at once and then a body one byte at a time, {@code gap} apart: a body
 * that never pauses long enough for a socket timeout, so that only a deadline over the whole exchange stops
 * it. Serves connections until closed, each for at most {@code bodyLength × gap}.
 */
final class DribblingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;

  DribblingServer(int bodyLength, Duration gap) throws IOException {
    socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          Thread writer = new Thread(() -> dribble(connection, bodyLength, gap), "dribbling-server-writer");
          writer.setDaemon(true);
          writer.start();
        } catch (IOException closed) {
          return;
        }
      }
    }, "dribbling-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
  }

  private static void dribble(Socket connection, int bodyLength, Duration gap) {
    try (Socket c = connection; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
      readRequestHead(in);
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bodyLength + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int i = 0; i < bodyLength; i++) {
        out.write(' ');
        out.flush();
        LockSupport.parkNanos(gap.toNanos()); // pacing the server's writes, not waiting out the client
      }
    } catch (IOException clientGaveUp) {
      // the client cut the exchange off, which is what the test wants
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
