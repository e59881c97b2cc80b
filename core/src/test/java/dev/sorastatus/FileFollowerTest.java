package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower hashes and flushes a file while another thread writes it; whatever the interleaving, the
 * hash {@link FileFollower#finish} returns is that of the bytes the writer left in the file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileFollowerTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final AtomicInteger rounds = new AtomicInteger();

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private FileFollower follower(FileChannel channel, long flushEvery) {
    return new FileFollower(channel, task -> {
      rounds.incrementAndGet();
      threads.execute(task);
    }, flushEvery);
  }

  @Test
  void aRoundHashesAndFlushesBehindTheWriterAndFinishDoesTheRest() throws Exception {
    byte[] body = random(1, 9 * MIB + 12_345);
    Deque<Runnable> queued = new ArrayDeque<>();
    try (CountingChannel channel = open("a.part")) {
      FileFollower follower = new FileFollower(channel, queued::add, 2 * MIB);
      long written = write(channel, follower, body, 0, new Random(2));
      assertThat(queued).as("one round asked for, however many writes").hasSize(1);

      queued.poll().run(); // the round, here on this thread: it hashes up to the writer
      assertThat(channel.forces.get()).as("a force every 2 MiB hashed").isEqualTo(4);
      write(channel, follower, random(9, 3 * MIB), written, new Random(3));
      assertThat(queued).as("a new round once 1 MiB more is written").hasSize(1);

      byte[] all = Arrays.copyOf(body, body.length + 3 * MIB);
      System.arraycopy(random(9, 3 * MIB), 0, all, body.length, 3 * MIB);
      assertThat(follower.finish(all.length)).isEqualTo(sha256(all)); // the second round never ran
      assertThat(channel.forces.get()).isEqualTo(5);
      queued.poll().run(); // a round that starts after finish does nothing
      assertThat(channel.forces.get()).isEqualTo(5);
    }
  }

  @Test
  void hashesWhatTheWriterWroteWhileRoundsRunOnOtherThreads() throws Exception {
    for (int trial = 0; trial < 10; trial++) {
      byte[] body = random(20 + trial, 9 * MIB + trial * 12_345);
      try (CountingChannel channel = open("a-" + trial + ".part")) {
        FileFollower follower = follower(channel, 2 * MIB);
        long written = write(channel, follower, body, 0, new Random(trial));

        assertThat(follower.finish(written)).as("trial %d", trial).isEqualTo(sha256(body));
      }
    }
    assertThat(rounds.get()).as("background rounds").isPositive();
  }

  @Test
  void aSmallFileIsHashedByFinishAlone() throws Exception {
    byte[] body = random(3, 1000);
    try (CountingChannel channel = open("small.part")) {
      FileFollower follower = follower(channel, FileFollower.FLUSH_EVERY);
      long written = write(channel, follower, body, 0, new Random(4));

      assertThat(follower.finish(written)).isEqualTo(sha256(body));
      assertThat(rounds.get()).isZero();
      assertThat(channel.forces.get()).isEqualTo(1);
    }
  }

  @Test
  void aFileThatNeedNotBeDurableIsHashedButNeverForced() throws Exception {
    byte[] body = random(5, 5 * MIB + 321);
    try (CountingChannel channel = open("scratch.part")) {
      FileFollower follower = new FileFollower(channel, false);
      long written = write(channel, follower, body, 0, new Random(5));

      assertThat(follower.finish(written)).isEqualTo(sha256(body));
      assertThat(channel.forces.get()).isZero();
    }
  }

  @Test
  void aRestartForgetsWhatWasHashedBefore() throws Exception {
    for (int trial = 0; trial < 20; trial++) {
      byte[] first = random(10 + trial, 3 * MIB + trial * 7919);
      byte[] second = random(100 + trial, 2 * MIB + trial * 104_729);
      try (CountingChannel channel = open("restart-" + trial + ".part")) {
        FileFollower follower = follower(channel, MIB);
        Random chunks = new Random(trial);
        write(channel, follower, first, 0, chunks);
        channel.truncate(0); // as DownloadJob restarts: truncate, then tell the follower
        follower.restart();
        long written = write(channel, follower, second, 0, chunks);

        assertThat(follower.finish(written)).as("trial %d", trial).isEqualTo(sha256(second));
      }
    }
  }

  @Test
  void aStoppedFollowerStartsNoRoundAndFinishFailsOnAClosedFile() throws Exception {
    CountingChannel channel = open("stopped.part");
    FileFollower follower = follower(channel, MIB);
    follower.stop();
    write(channel, follower, random(5, 4 * MIB), 0, new Random(6));
    channel.close();

    assertThat(rounds.get()).isZero();
    assertThatThrownBy(() -> follower.finish(4 * MIB)).isInstanceOf(IOException.class);
  }

  @Test
  void finishSaysSoWhenTheFileIsShorterThanWritten() throws Exception {
    try (CountingChannel channel = open("short.part")) {
      FileFollower follower = follower(channel, MIB);
      write(channel, follower, random(7, 100), 0, new Random(8));

      assertThatThrownBy(() -> follower.finish(200))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("shorter than the 200 bytes written");
    }
  }

  /** Writes {@code body} in chunks of 1 byte to 128 KiB, telling the follower after each, as DownloadJob does. */
  private static long write(FileChannel channel, FileFollower follower, byte[] body, long at, Random chunks)
      throws IOException {
    long position = at;
    int offset = 0;
    while (offset < body.length) {
      int n = Math.min(body.length - offset, 1 + chunks.nextInt(128 * 1024));
      ByteBuffer chunk = ByteBuffer.wrap(body, offset, n);
      while (chunk.hasRemaining()) {
        position += channel.write(chunk, position);
      }
      offset += n;
      follower.advanced(position);
    }
    return position;
  }

  private CountingChannel open(String name) throws IOException {
    return new CountingChannel(FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ));
  }

  private static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A file channel that counts its forces; everything else goes to the real one. */
  private static final class CountingChannel extends FileChannel {
    final AtomicInteger forces = new AtomicInteger();
    private final FileChannel real;

    CountingChannel(FileChannel real) {
      this.real = real;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      forces.incrementAndGet();
      real.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return real.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }
}
