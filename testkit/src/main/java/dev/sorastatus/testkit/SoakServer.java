package dev.sorastatus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server on one selector thread that plays {@link SoakApi}: keep-alive, any number of
 * connections at the cost of a buffer each, and faults down to the bytes (resets, early closes, a body
 * dripped a byte at a time). It starts exactly {@link #THREADS} thread, so a test can tell its own threads
 * from the client's. It counts connections accepted, open now, the peak open at once and requests per
 * connection.
 */
final class SoakServer implements AutoCloseable {
  /** The threads this server starts: its selector loop. */
  static final int THREADS = 1;

  private static final long DRIP_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
  private static final long DRIP_FOR_NANOS = TimeUnit.SECONDS.toNanos(4);
  private static final int MAX_HEAD = 16 * 1024;

  private final SoakApi api;
  private final ServerSocketChannel listener;
  private final Selector selector;
  private final Thread loop;
  private final long startNanos = System.nanoTime();
  private final Set<Connection> connections = new HashSet<>(); // the loop's own
  private final PriorityQueue<Connection> drips = new PriorityQueue<>((a, b) -> Long.compare(a.nextDrip, b.nextDrip));
  private volatile boolean running = true;

  // Guarded by this; the loop updates, tests read and wait on it.
  private int accepted;
  private int open;
  private int peakOpen;
  private long requests;
  private final List<Integer> requestsPerClosedConnection = new ArrayList<>();
  private Throwable crashed;

  private SoakServer(SoakApi api) throws IOException {
    this.api = api;
    this.selector = Selector.open();
    this.listener = ServerSocketChannel.open();
    // a long backlog: a client that opens thousands of connections at once meets its own limits, not ours
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT);
    this.loop = new Thread(this::run, "fault-soak-server");
    loop.setDaemon(true);
  }

  /** Returns a started server playing {@code api} on 127.0.0.1. */
  static SoakServer start(SoakApi api) {
    try {
      SoakServer server = new SoakServer(api);
      server.loop.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("the soak server could not start on loopback", e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + listener.socket().getLocalPort() + "/v1");
  }

  /** Returns how long ago this server started, in nanoseconds. */
  long nanosSinceStart() {
    return System.nanoTime() - startNanos;
  }

  synchronized int accepted() {
    return accepted;
  }

  synchronized int openNow() {
    return open;
  }

  synchronized int peakOpen() {
    return peakOpen;
  }

  synchronized long requests() {
    return requests;
  }

  /** Returns the request counts of the connections closed so far; all of them once the server is closed. */
  synchronized List<Integer> requestsPerConnection() {
    return List.copyOf(requestsPerClosedConnection);
  }

  /** Returns what broke the selector loop, if anything did. */
  synchronized Throwable crashed() {
    return crashed;
  }

  /** Waits, at most {@code timeout}, until at most {@code n} connections are open; returns how many are. */
  synchronized int awaitOpenAtMost(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (open > n) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return open;
  }

  private void run() {
    try {
      while (running) {
        long now = System.nanoTime();
        long waitMillis = 0;
        Connection next = drips.peek();
        if (next != null) {
          waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.nextDrip - now));
        }
        selector.select(waitMillis);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
            continue;
          }
          Connection c = (Connection) key.attachment();
          try {
            if (key.isReadable()) {
              c.onReadable();
            }
            if (key.isValid() && key.isWritable()) {
              c.onWritable();
            }
          } catch (IOException | CancelledKeyException clientWentAway) {
            c.close(false);
          }
        }
        dripDue();
      }
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        crashed = e;
      }
    } finally {
      for (Connection c : new ArrayList<>(connections)) {
        c.close(false);
      }
    }
  }

  private void accept() throws IOException {
    SocketChannel ch;
    while ((ch = listener.accept()) != null) {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      int number;
      synchronized (this) {
        number = ++accepted;
        open++;
        peakOpen = Math.max(peakOpen, open);
      }
      Connection c = new Connection(ch, number);
      c.key = ch.register(selector, SelectionKey.OP_READ, c);
      connections.add(c);
    }
  }

  private void dripDue() {
    long now = System.nanoTime();
    while (!drips.isEmpty() && drips.peek().nextDrip <= now) {
      Connection c = drips.poll();
      try {
        c.dripOne(now);
      } catch (IOException clientWentAway) {
        c.close(false);
      }
    }
  }

  /** One client connection and where its exchange stands. */
  private final class Connection {
    final SocketChannel channel;
    final int number;
    SelectionKey key;
    final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    SoakApi.Ending ending = SoakApi.Ending.KEEP_ALIVE;
    byte[] drip;
    int dripped;
    long nextDrip;
    long dripUntil;
    int served;
    boolean closed;

    Connection(SocketChannel channel, int number) {
      this.channel = channel;
      this.number = number;
    }

    boolean busy() {
      return !out.isEmpty() || drip != null || ending != SoakApi.Ending.KEEP_ALIVE;
    }

    void onReadable() throws IOException {
      if (!in.hasRemaining()) {
        throw new IOException("request head over " + MAX_HEAD + " bytes");
      }
      int n = channel.read(in);
      if (n < 0) {
        close(false);
        return;
      }
      serveBuffered();
    }

    /** Answers each complete request head in the buffer, one at a time. */
    void serveBuffered() throws IOException {
      while (!closed && !busy()) {
        int end = headEnd();
        if (end < 0) {
          return;
        }
        String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
        in.flip();
        in.position(end + 4);
        in.compact();
        int eol = head.indexOf("\r\n");
        String line = eol < 0 ? head : head.substring(0, eol);
        String[] parts = line.split(" ");
        String path = parts.length > 1 ? parts[1] : "";
        served++;
        synchronized (SoakServer.this) {
          requests++;
        }
        SoakApi.Response r = api.respond(path, number, nanosSinceStart());
        ending = r.ending();
        if (r.ending() == SoakApi.Ending.RESET) {
          close(true);
          return;
        }
        drip = r.drip();
        out.add(ByteBuffer.wrap(r.bytes()));
        onWritable();
      }
    }

    private int headEnd() {
      byte[] a = in.array();
      for (int i = 0; i + 3 < in.position(); i++) {
        if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }

    void onWritable() throws IOException {
      while (!out.isEmpty()) {
        ByteBuffer b = out.peek();
        channel.write(b);
        if (b.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
          return;
        }
        out.poll();
      }
      key.interestOps(SelectionKey.OP_READ);
      switch (ending) {
        case KEEP_ALIVE -> serveBuffered();
        case CLOSE -> close(false);
        case DRIP -> {
          if (dripUntil == 0) {
            long now = System.nanoTime();
            dripUntil = now + DRIP_FOR_NANOS;
            nextDrip = now + DRIP_GAP_NANOS;
            drips.add(this);
          }
        }
        default -> throw new AssertionError(ending);
      }
    }

    void dripOne(long now) throws IOException {
      if (closed) {
        return;
      }
      if (dripped >= drip.length || now >= dripUntil) {
        close(false);
        return;
      }
      if (channel.write(ByteBuffer.wrap(drip, dripped, 1)) == 1) {
        dripped++;
      }
      nextDrip = now + DRIP_GAP_NANOS;
      drips.add(this);
    }

    void close(boolean reset) {
      if (closed) {
        return;
      }
      closed = true;
      connections.remove(this);
      drips.remove(this);
      try {
        if (reset) {
          channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        channel.close();
      } catch (IOException ignored) {
        // closing a connection the client already dropped
      }
      synchronized (SoakServer.this) {
        open--;
        requestsPerClosedConnection.add(served);
        SoakServer.this.notifyAll();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      loop.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      listener.close();
      selector.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
