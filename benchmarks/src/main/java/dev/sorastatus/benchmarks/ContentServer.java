package dev.sorastatus.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 keep-alive server on 127.0.0.1 that answers every GET with a {@code video/mp4} body of the size
 * its path names ({@code .../video_mib_200/content} is 200 MiB), written from one 1 MiB buffer built once, so
 * that the server allocates nothing per byte and the clients are what is measured.
 */
final class ContentServer implements AutoCloseable {
  static final int MIB = 1024 * 1024;
  private static final byte[] SIZE_MARK = "mib_".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final byte[] chunk = new byte[MIB];
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private ContentServer() throws IOException {
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) (i * 31 + (i >>> 8));
    }
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    AtomicInteger n = new AtomicInteger();
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "content-server-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::accept);
  }

  static ContentServer start() {
    try {
      return new ContentServer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Returns the path of a body of {@code mib} MiB. */
  static String path(int mib) {
    return "/v1/videos/" + videoId(mib) + "/content";
  }

  /** Returns the id of a video whose content is {@code mib} MiB. */
  static String videoId(int mib) {
    return "video_mib_" + mib;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        open.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Reads each request's head, takes the size from its {@code mib_<n>} and sends that many bytes. */
  private void serve(Socket socket) {
    byte[] head = new byte[8192];
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      while (true) {
        int length = readHead(in, head);
        if (length < 0) {
          return;
        }
        long size = (long) sizeInMib(head, length) * MIB;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: " + size
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (long left = size; left > 0; left -= chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    } finally {
      open.remove(socket);
    }
  }

  /** Reads up to and including CRLF CRLF into {@code head}; returns its length, or -1 at end of stream. */
  private static int readHead(InputStream in, byte[] head) throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      if (n < head.length) {
        head[n] = (byte) b;
      }
      n++;
      if (n >= 4 && n <= head.length && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r'
          && head[n - 1] == '\n') {
        return n;
      }
    }
  }

  private static int sizeInMib(byte[] head, int length) {
    outer:
    for (int i = 0; i + SIZE_MARK.length < length; i++) {
      for (int j = 0; j < SIZE_MARK.length; j++) {
        if (head[i + j] != SIZE_MARK[j]) {
          continue outer;
        }
      }
      int value = 0;
      for (int k = i + SIZE_MARK.length; k < length && head[k] >= '0' && head[k] <= '9'; k++) {
        value = value * 10 + (head[k] - '0');
      }
      return value;
    }
    return 1;
  }

  @Override
  public void close() {
    LoopbackServer.closeAll(listener, open, threads);
  }
}
