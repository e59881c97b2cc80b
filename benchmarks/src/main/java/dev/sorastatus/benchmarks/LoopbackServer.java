package dev.sorastatus.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 keep-alive server on 127.0.0.1 that answers every request with one fixed response, written in a
 * single call from bytes built once: it allocates nothing per request, so that the clients are what is
 * measured. One pooled thread per connection; request bodies are not expected (every client sends GET).
 */
final class LoopbackServer implements AutoCloseable {
  private final ServerSocket listener;
  private final byte[] response;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();

  private LoopbackServer(byte[] body) throws IOException {
    this.response = response(body);
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "loopback-server-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::accept);
  }

  /** Starts a server answering {@code 200} with {@code body} as {@code application/json}. */
  static LoopbackServer start(byte[] body) {
    try {
      return new LoopbackServer(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Returns how many connections clients opened, to tell keep-alive from churn. */
  int connectionsAccepted() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        open.add(socket);
        connections.incrementAndGet();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Answers each request on the connection once its header block (ending in CRLF CRLF) has arrived. */
  private void serve(Socket socket) {
    byte[] buffer = new byte[16 * 1024];
    int matched = 0; // how much of "\r\n\r\n" the bytes read so far end with
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == (matched % 2 == 0 ? '\r' : '\n')) {
            matched++;
          } else {
            matched = b == '\r' ? 1 : 0;
          }
          if (matched == 4) {
            matched = 0;
            out.write(response);
          }
        }
      }
    } catch (SocketException e) {
      // the client closed or reset the connection
    } catch (IOException e) {
      // nothing to report to: the client sees the failure
    } finally {
      open.remove(socket);
    }
  }

  private static byte[] response(byte[] body) {
    byte[] head = ("HTTP/1.1 200 OK\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "x-request-id: req_0123456789abcdef\r\n"
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  @Override
  public void close() {
    closeAll(listener, open, threads);
  }

  /** Stops listening, closes the connections still open and stops the server's threads. */
  static void closeAll(ServerSocket listener, Set<Socket> open, ExecutorService threads) {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }
}
