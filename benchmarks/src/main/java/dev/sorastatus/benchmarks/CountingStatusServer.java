package dev.sorastatus.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 keep-alive server on 127.0.0.1 that answers {@code GET /v1/videos/{id}} as a job that is queued on
 * its first read, in progress on its second and completed from its third, and counts the connections it
 * accepted, the most it held open at once and the requests it answered.
 *
 * <p>It runs in a process of its own ({@link #launch()}), on one selector thread, so that what a client under
 * test spends is the client's alone: its JVM starts none of the server's threads and holds only its own end of
 * each connection (ten thousand connections with both ends in one process would pass the file limit of 20,000).
 * It takes one command a line on standard input and answers one line on standard output: {@code stats} answers
 * {@code <accepted> <open> <peak open> <requests> <bad requests>}, {@code reset} zeroes the counts (the peak
 * becomes the connections open now) and answers {@code ok}; the end of standard input stops it.
 */
public final class CountingStatusServer {
  private static final String PREFIX = "/v1/videos/";
  private static final long CREATED_AT = 1_758_941_485L;
  private static final long EXPIRES_AT = 4_102_444_800L; // 2100: a completed job never looks expired

  private final Selector selector;
  private final ServerSocketChannel listener;
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
  private final Map<String, Integer> reads = new HashMap<>(); // touched by the selector thread only
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bad = new AtomicLong();

  private CountingStatusServer() throws IOException {
    selector = Selector.open();
    listener = ServerSocketChannel.open();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT);
  }

  /** What one connection has read of the request it is on. */
  private static final class Connection {
    final StringBuilder requestLine = new StringBuilder(128);
    boolean inRequestLine = true;
    int matched; // how much of CRLF CRLF the bytes read so far end with
    ByteBuffer unsent; // the part of the responses the socket would not take yet
  }

  private void serve() {
    while (true) {
      try {
        selector.select();
      } catch (IOException e) {
        throw new UncheckedIOException("selector failed", e);
      }
      for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
        SelectionKey key = it.next();
        it.remove();
        if (key.channel() == listener) {
          acceptAll();
          continue;
        }
        try {
          if (key.isReadable()) {
            read(key);
          }
          if (key.isValid() && key.isWritable()) {
            flush(key);
          }
        } catch (IOException e) {
          close(key); // the client reset the connection
        }
      }
    }
  }

  private void acceptAll() {
    while (true) {
      SocketChannel channel;
      try {
        channel = listener.accept();
        if (channel == null) {
          return;
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.register(selector, SelectionKey.OP_READ, new Connection());
      } catch (IOException e) {
        System.err.println("counting server: accept failed: " + e);
        return;
      }
      accepted.incrementAndGet();
      peak.accumulateAndGet(open.incrementAndGet(), Math::max);
    }
  }

  private void read(SelectionKey key) throws IOException {
    SocketChannel channel = (SocketChannel) key.channel();
    Connection c = (Connection) key.attachment();
    in.clear();
    int n = channel.read(in);
    if (n < 0) {
      close(key);
      return;
    }
    byte[] bytes = in.array();
    for (int i = 0; i < n; i++) {
      byte b = bytes[i];
      if (c.inRequestLine) {
        if (b == '\r' || b == '\n') {
          c.inRequestLine = false;
        } else if (c.requestLine.length() < 1024) {
          c.requestLine.append((char) (b & 0xff));
        }
      }
      if (b == (c.matched % 2 == 0 ? '\r' : '\n')) {
        c.matched++;
      } else {
        c.matched = b == '\r' ? 1 : 0;
      }
      if (c.matched == 4) {
        send(key, c, answer(c.requestLine.toString()));
        c.requestLine.setLength(0);
        c.inRequestLine = true;
        c.matched = 0;
      }
    }
  }

  /** Returns the whole response to one request line, such as {@code GET /v1/videos/video_1 HTTP/1.1}. */
  private byte[] answer(String requestLine) {
    requests.incrementAndGet();
    String[] parts = requestLine.split(" ");
    String target = parts.length == 3 && parts[0].equals("GET") ? parts[1] : "";
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    if (!path.startsWith(PREFIX) || path.length() == PREFIX.length() || path.indexOf('/', PREFIX.length()) >= 0) {
      bad.incrementAndGet();
      return response("404 Not Found", "{\"error\":{\"message\":\"no route " + path.replace('"', '\'')
          + "\",\"type\":\"invalid_request_error\",\"code\":null}}");
    }
    String id = path.substring(PREFIX.length());
    int read = reads.merge(id, 1, Integer::sum);
    String state = read == 1 ? "\"status\":\"queued\",\"progress\":0"
        : read == 2 ? "\"status\":\"in_progress\",\"progress\":50"
        : "\"status\":\"completed\",\"progress\":100,\"completed_at\":" + (CREATED_AT + 120)
            + ",\"expires_at\":" + EXPIRES_AT;
    return response("200 OK", "{\"id\":\"" + id + "\",\"object\":\"video\",\"created_at\":" + CREATED_AT + ","
        + state + ",\"model\":\"sora-2\",\"seconds\":\"8\",\"size\":\"1280x720\",\"error\":null}");
  }

  private static byte[] response(String status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length
        + "\r\nx-request-id: req_0123456789abcdef\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + b.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(b, 0, all, head.length, b.length);
    return all;
  }

  private static void send(SelectionKey key, Connection c, byte[] response) throws IOException {
    if (c.unsent != null) { // behind what is still queued: keep the order
      ByteBuffer both = ByteBuffer.allocate(c.unsent.remaining() + response.length);
      c.unsent = both.put(c.unsent).put(response).flip();
      return;
    }
    ByteBuffer out = ByteBuffer.wrap(response);
    ((SocketChannel) key.channel()).write(out);
    if (out.hasRemaining()) {
      c.unsent = out;
      key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }
  }

  private static void flush(SelectionKey key) throws IOException {
    Connection c = (Connection) key.attachment();
    if (c.unsent != null) {
      ((SocketChannel) key.channel()).write(c.unsent);
      if (c.unsent.hasRemaining()) {
        return;
      }
      c.unsent = null;
    }
    key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
  }

  private void close(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException e) {
      // closing anyway
    }
    open.decrementAndGet();
  }

  /**
   * Serves on a daemon thread and takes commands from standard input until it ends.
   *
   * @param args none
   * @throws IOException if it cannot listen or read its commands
   */
  public static void main(String[] args) throws IOException {
    CountingStatusServer server = new CountingStatusServer();
    Thread selectorThread = new Thread(server::serve, "counting-server");
    selectorThread.setDaemon(true);
    selectorThread.start();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
    out.println("port " + ((InetSocketAddress) server.listener.getLocalAddress()).getPort());
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      switch (line.trim()) {
        case "stats":
          out.println(server.accepted.get() + " " + server.open.get() + " " + server.peak.get() + " "
              + server.requests.get() + " " + server.bad.get());
          break;
        case "reset":
          server.accepted.set(0);
          server.requests.set(0);
          server.bad.set(0);
          server.peak.set(server.open.get());
          out.println("ok");
          break;
        default:
          out.println("unknown command " + line);
      }
    }
    System.exit(0); // the parent closed our input, or died: either way it is done with us
  }

  /** Starts a server in a new JVM and returns a handle on it; {@link Child#close()} stops it. */
  static Child launch() {
    try {
      Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          CountingStatusServer.class.getName())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      return new Child(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the counting server", e);
    }
  }

  /**
   * What the server counted since the last reset.
   *
   * @param accepted connections accepted
   * @param open connections open now
   * @param peakOpen the most open at once
   * @param requests requests answered
   * @param badRequests requests that named no video
   */
  record Counts(long accepted, int open, int peakOpen, long requests, long badRequests) {}

  /** The parent's handle on a server running in its own process. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final BufferedReader answers;
    private final Writer commands;
    private final int port;

    private Child(Process process) throws IOException {
      this.process = process;
      this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
      this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
      String first = answers.readLine();
      if (first == null || !first.startsWith("port ")) {
        process.destroyForcibly();
        throw new IOException("the counting server did not start: " + first);
      }
      this.port = Integer.parseInt(first.substring(5).trim());
    }

    int port() {
      return port;
    }

    Counts counts() {
      String[] f = ask("stats").split(" ");
      return new Counts(Long.parseLong(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
          Long.parseLong(f[4]));
    }

    void reset() {
      ask("reset");
    }

    /**
     * Waits up to {@code millis} for the server to hold no connection open, collecting garbage meanwhile (the
     * JDK's client closes its idle connections only once it is unreachable); returns those still open.
     */
    int awaitNoneOpen(long millis) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      int open = counts().open();
      while (open > 0 && System.nanoTime() - until < 0) {
        System.gc();
        Thread.sleep(100);
        open = counts().open();
      }
      return open;
    }

    private String ask(String command) {
      try {
        commands.write(command + "\n");
        commands.flush();
        String answer = answers.readLine();
        if (answer == null) {
          throw new IOException("the counting server exited");
        }
        return answer;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reach the counting server", e);
      }
    }

    @Override
    public void close() {
      try {
        commands.close(); // its standard input ends: it exits
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
