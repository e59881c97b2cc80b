package dev.sorastatus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows a download's temporary file while the transport writes it: hashes with SHA-256 what has been
 * written and flushes it to disk, on a background thread, so that the transport's event thread only reads
 * the socket and writes the file. It reads the bytes back from the file (the page cache), so it holds no
 * copy of the body; {@link #finish} hashes the tail it has not reached yet and forces the rest to disk on
 * the caller's thread. Only the writer moves the file forward; it tells this follower with
 * {@link #advanced}.
 */
final class FileFollower {
  /** New bytes that start a background round; smaller bodies are hashed by {@link #finish} alone. */
  static final long STEP = 1 << 20;
  /** The follower forces the file to disk each time this much more has been hashed. */
  static final long FLUSH_EVERY = 16L << 20;
  private static final int READ_BYTES = 256 * 1024;
  private static final Executor BACKGROUND = backgroundThreads();

  private final FileChannel channel;
  private final Executor executor;
  private final long flushEvery;
  private final AtomicBoolean running = new AtomicBoolean();
  /** Bytes in the file so far; only the writer sets it. */
  private volatile long target;
  /** {@link #hashed} for the writer's look, which must not wait for a round's lock. */
  private volatile long hashedSoFar;
  private volatile boolean stopped;
  /** Whether the file is forced to disk; a test's scratch file need not be. */
  private final boolean durable;

  // guarded by this
  private final MessageDigest digest = sha256();
  private long hashed;
  private int generation;
  private long flushed;

  FileFollower(FileChannel channel, boolean durable) {
    this(channel, BACKGROUND, durable ? FLUSH_EVERY : Long.MAX_VALUE, durable);
  }

  FileFollower(FileChannel channel, Executor executor, long flushEvery) {
    this(channel, executor, flushEvery, true);
  }

  private FileFollower(FileChannel channel, Executor executor, long flushEvery, boolean durable) {
    this.channel = channel;
    this.executor = executor;
    this.flushEvery = flushEvery;
    this.durable = durable;
  }

  /** The writer has put bytes up to {@code written} into the file; starts a round when enough are new. */
  void advanced(long written) {
    target = written;
    startIfBehind();
  }

  /** The writer truncated the file to nothing: what was hashed is forgotten. */
  synchronized void restart() {
    target = 0;
    generation++;
    hashed = 0;
    hashedSoFar = 0;
    flushed = 0;
    digest.reset();
  }

  /**
   * Hashes whatever the background rounds did not reach, forces the file to disk and stops following.
   *
   * @param length the file's final length
   * @return the file's SHA-256 as lower-case hex
   * @throws IOException if the file cannot be read back or forced
   */
  String finish(long length) throws IOException {
    stopped = true;
    String hex;
    synchronized (this) {
      if (hashed != length) {
        catchUp(ByteBuffer.allocate((int) Math.min(READ_BYTES, length - hashed)), length);
      }
      hex = HexFormat.of().formatHex(digest.digest());
    }
    if (durable) {
      channel.force(false);
    }
    return hex;
  }

  /** Stops following; a round in progress ends at its next read. */
  void stop() {
    stopped = true;
  }

  private void startIfBehind() {
    if (!stopped && target - hashedSoFar >= STEP && running.compareAndSet(false, true)) {
      executor.execute(this::follow);
    }
  }

  /** A background round: hashes up to the writer and flushes as it goes, until it has caught up. */
  private void follow() {
    ByteBuffer buffer = ByteBuffer.allocate(READ_BYTES);
    try {
      while (!stopped) {
        long to = target;
        boolean reached;
        synchronized (this) {
          reached = hashed >= to;
        }
        if (reached || !step(buffer, to)) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // closed under us by an abort, or failing: finish() reads the same bytes again and reports the failure
    } finally {
      running.set(false);
    }
    startIfBehind(); // the writer may have moved on after the last look
  }

  /**
   * Reads and hashes one buffer's worth towards {@code to} outside the lock, and flushes when due; returns
   * false when the file turned out shorter, so that the round ends instead of spinning until the writer's
   * restart (the writer's next write starts a new one).
   */
  private boolean step(ByteBuffer buffer, long to) throws IOException {
    long from;
    int seen;
    synchronized (this) {
      from = hashed;
      seen = generation;
    }
    buffer.clear().limit((int) Math.min(buffer.capacity(), to - from));
    if (!readFully(buffer, from)) {
      return false; // the file shrank: the writer is restarting it
    }
    buffer.flip();
    synchronized (this) {
      if (generation != seen || hashed != from || stopped) {
        return true; // restarted, or finish() got there first: the next look sees which
      }
      digest.update(buffer);
      hashed = from + buffer.limit();
      hashedSoFar = hashed;
      if (hashed - flushed < flushEvery) {
        return true;
      }
      flushed = hashed;
    }
    channel.force(false); // what reaches the disk now need not be written at the end
    return true;
  }

  /** Hashes from where the digest stands up to {@code length}; the caller holds the lock. */
  private void catchUp(ByteBuffer buffer, long length) throws IOException {
    while (hashed < length) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), length - hashed));
      if (!readFully(buffer, hashed)) {
        throw new IOException("the temporary file is shorter than the " + length + " bytes written to it");
      }
      buffer.flip();
      digest.update(buffer);
      hashed += buffer.limit();
    }
    hashedSoFar = hashed;
  }

  private boolean readFully(ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        return false;
      }
      at += n;
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must have", e);
    }
  }

  /** Daemon threads, as many as CPUs (at least two), that end after ten idle seconds. */
  private static Executor backgroundThreads() {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "sora-status-download-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
