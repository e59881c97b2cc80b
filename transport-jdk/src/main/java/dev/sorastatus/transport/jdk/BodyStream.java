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
 * drops what is still queued once the connection fails). It asks for the next chunk list only once the
 * reader took the last, so at most two are held; closing it from any thread cancels the subscription, which
 * drops the connection, and wakes a reader blocked on it.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
  private static final List<ByteBuffer> END = Collections.unmodifiableList(new java.util.ArrayList<>());

  private final LinkedBlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<InputStream> ready = CompletableFuture.completedFuture(this);
  private volatile Flow.Subscription subscription;
  private volatile Throwable failure;
  private volatile boolean closed;
  private volatile boolean ended;
  // read by the one reading thread only
  private Iterator<ByteBuffer> lists = Collections.emptyIterator();
  private ByteBuffer buffer;

  @Override
  public CompletionStage<InputStream> getBody() {
    return ready;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(1);
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
  }

  @Override
  public void onComplete() {
    queue.add(END);
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
    int n = Math.min(len, b.remaining());
    b.get(into, off, n);
    return n;
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
      lists = list.iterator();
      subscription.request(1); // the next list only once this one is in hand: bounded memory
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
  }
}
