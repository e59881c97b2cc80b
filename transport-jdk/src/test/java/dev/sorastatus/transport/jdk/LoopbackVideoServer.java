package dev.sorastatus.transport.jdk;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keep-alive HTTP/1.1 server on 127.0.0.1 that answers every {@code GET /v1/videos/<id>} at once with that
 * job's JSON, and counts what the testkit's fake does not: connections accepted, open now and at peak, those
 * that never carried a request, and the threads it started itself (one to accept, one per connection), so
 * that a test can tell its threads from the client's.
 */
final class LoopbackVideoServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger used = new AtomicInteger();
  private final AtomicInteger peakOpen = new AtomicInteger();
  private final AtomicInteger threadsStarted = new AtomicInteger();
  private volatile CountDownLatch held = new CountDownLatch(0);

  LoopbackVideoServer() throws IOException {
    socket = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
    start(this::acceptLoop, "loopback-video-accept");
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
  }

  int accepted() {
    return accepted.get();
  }

  int requests() {
    return requests.get();
  }

  int open() {
    return open.size();
  }

  int peakOpen() {
    return peakOpen.get();
  }

  /** Returns how many connections accepted so far have not carried a single request, open or closed. */
  int unused() {
    return accepted.get() - used.get();
  }

  int threadsStarted() {
    return threadsStarted.get();
  }

  /** Makes requests from now on wait for {@link #releaseResponses()}, or at most 30 s, for their answer. */
  void holdResponses() {
    held = new CountDownLatch(1);
  }

  void releaseResponses() {
    held.countDown();
  }

  /** Waits, bounded by {@code timeout}, until at least {@code n} requests arrived; returns whether they did. */
  synchronized boolean awaitRequests(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    for (long left = timeout.toNanos(); requests.get() < n && left > 0; left = end - System.nanoTime()) {
      TimeUnit.NANOSECONDS.timedWait(this, left); // woken by every request that arrives
    }
    return requests.get() >= n;
  }

  /** Waits, bounded by {@code timeout}, until at most {@code n} connections are open; returns whether they are. */
  synchronized boolean awaitOpenAtMost(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    for (long left = timeout.toNanos(); open.size() > n && left > 0; left = end - System.nanoTime()) {
      TimeUnit.NANOSECONDS.timedWait(this, left); // woken by every connection that closes
    }
    return open.size() <= n;
  }

  private void start(Runnable task, String name) {
    threadsStarted.incrementAndGet();
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket c;
      try {
        c = socket.accept();
      } catch (IOException closed) {
        return;
      }
      accepted.incrementAndGet();
      open.add(c);
      peakOpen.accumulateAndGet(open.size(), Math::max);
      start(() -> serve(c), "loopback-video-" + accepted.get());
    }
  }

  private void serve(Socket c) {
    try (c; InputStream in = new BufferedInputStream(c.getInputStream()); OutputStream out = c.getOutputStream()) {
      c.setTcpNoDelay(true);
      c.setSoTimeout(60_000); // a client that neither sends nor closes must not pin this thread for ever
      for (int served = 0; ; served++) {
        String path = readRequestPath(in);
        if (path == null) {
          return;
        }
        if (served == 0) {
          used.incrementAndGet();
        }
        requests.incrementAndGet();
        synchronized (this) {
          notifyAll();
        }
        if (!held.await(30, TimeUnit.SECONDS)) {
          return; // never released: drop the connection
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        byte[] body = ("{\"id\":\"" + id + "\",\"object\":\"video\",\"status\":\"queued\",\"progress\":0,"
            + "\"created_at\":1764331200,\"model\":\"sora-2\",\"seconds\":\"8\",\"size\":\"1280x720\"}")
            .getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        out.write(response); // one segment: a head and body written apart wait out the client's delayed ACK
        out.flush();
      }
    } catch (IOException gone) {
      // the client closed or reset the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(c);
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Reads one request head and returns its path, or null once the client closed the connection. */
  private static String readRequestPath(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    String requestLine = null;
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        if (line.length() == 0) {
          return requestLine == null ? null : requestLine.split(" ")[1];
        }
        if (requestLine == null) {
          requestLine = line.toString();
        }
        line.setLength(0);
      } else if (b != '\r') {
        line.append((char) b);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket c : open) {
      c.close();
    }
  }
}
