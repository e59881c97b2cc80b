package dev.sorastatus.transport.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body as a stream that hands over every byte that arrived before a failure, and only then the
 * failure, so that a download cut off part way resumes at exactly the bytes it got ({@code ofInputStream}
 * drops what is still queued once the connection fails). A body of unknown or large size is streamed with
 * {@link #LISTS_AHEAD} chunk lists asked for ahead of the reader, one more each time it takes one, so that
 * the client's selector keeps reading while the reader writes and at most that many lists are held; a read
 * hands over every byte already there, up to the length asked for, not one list's worth. A body whose
 * {@code Content-Length} is at most {@link #COLLECT_BYTES} is collected whole before {@code send} returns, so
 * that a status read wakes its caller once, not once for the head and again for the body. Closing it from
 * any thread cancels the subscription, which drops the connection, and wakes a reader blocked on it.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
  private static final List<ByteBuffer> END = Collections.unmodifiableList(new java.util.ArrayList<>());

  private final LinkedBlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
  /** The largest declared body collected before {@code send} returns. */
  static final long COLLECT_BYTES = 64 * 1024;
  /**
   * Chunk lists a streamed body asks for ahead of its reader. One made the selector and the reader take
   * turns, a wake-up per 16 KiB list: a 200 MiB download ran at 0.6 times the same work done on one thread.
   */
  static final int LISTS_AHEAD = 4;

  private final boolean collect;
  private final CompletableFuture<InputStream> ready;
  private volatile Flow.Subscription subscription;
  private volatile Throwable failure;
  private volatile boolean closed;
  private volatile boolean ended;
  // read by the one reading thread only
  private Iterator<ByteBuffer> lists = Collections.emptyIterator();
  private ByteBuffer buffer;

  /** Creates the body of a response whose head is {@code info}. */
  BodyStream(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
    this.collect = declared >= 0 && declared <= COLLECT_BYTES;
    this.ready = collect ? new CompletableFuture<>() : CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return ready;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
      ready.complete(this);
    } else {
      s.request(collect ? Long.MAX_VALUE : LISTS_AHEAD);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable error) {
    failure = error;
    queue.add(END);
    ready.complete(this); // the bytes that came are read first, then the failure
  }

  @Override
  public void onComplete() {
    queue.add(END);
    ready.complete(this);
  }

  @Override
  public int read() throws IOException {
    ByteBuffer b = next();
    return b == null ? -1 : b.get() & 0xff;
  }

  @Override
  public int read(byte[] into, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, into.length);
    if (len == 0) {
      return 0;
    }
    ByteBuffer b = next();
    if (b == null) {
      return -1;
    }
    int n = 0;
    while (b != null) {
      int k = Math.min(len - n, b.remaining());
      b.get(into, off + n, k);
      n += k;
      b = n == len ? null : nextIfThere();
    }
    return n;
  }

  /** Returns a buffer with bytes left that is already here, without waiting, or null. */
  private ByteBuffer nextIfThere() {
    while (buffer == null || !buffer.hasRemaining()) {
      if (lists.hasNext()) {
        buffer = lists.next();
        continue;
      }
      List<ByteBuffer> list = queue.peek(); // this is the only reader: what it peeked is what it polls
      if (closed || list == null || list == END) {
        return null; // the end and failures are for next(), which the next read calls
      }
      queue.poll();
      take(list);
    }
    return buffer;
  }

  private void take(List<ByteBuffer> list) {
    lists = list.iterator();
    if (!collect) {
      subscription.request(1); // one more list for the one taken: at most LISTS_AHEAD held
    }
  }

  /** Returns a buffer with bytes left, or null at the end of a body that completed. */
  private ByteBuffer next() throws IOException {
    while (buffer == null || !buffer.hasRemaining()) {
      if (closed) {
        throw new IOException("the body was closed");
      }
      if (lists.hasNext()) {
        buffer = lists.next();
        continue;
      }
      List<ByteBuffer> list;
      try {
        list = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the body");
      }
      if (list == END) {
        queue.add(END); // every later read sees the end too
        Throwable f = failure;
        if (closed) {
          throw new IOException("the body was closed");
        }
        if (f != null) {
          throw f instanceof IOException ? (IOException) f : new IOException(f.getMessage(), f);
        }
        ended = true;
        return null;
      }
      take(list);
    }
    return buffer;
  }

  /** Cancels the subscription unless the body ended, which drops the connection, and wakes a reader. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null && !ended) {
      s.cancel();
    }
    queue.add(END);
    ready.complete(this);
  }
}
