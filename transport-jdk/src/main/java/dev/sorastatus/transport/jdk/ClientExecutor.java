package dev.sorastatus.transport.jdk;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of a client an adapter makes: {@link #THREADS} daemon threads that take the work the client's
 * selector thread hands off (reading and parsing responses, TLS, feeding body subscribers and so download
 * sinks), so that the selector thread only waits for sockets and fires timeouts. Threads end after a minute
 * idle. Once closed it runs what still comes on the caller's thread: rejecting it would make the JDK hand it
 * to {@code CompletableFuture}'s default executor, a new thread per task on two CPUs or fewer.
 */
final class ClientExecutor implements Executor {
  /** Two, so that one slow download sink does not hold up every other response. */
  static final int THREADS = 2;

  private final ThreadPoolExecutor pool;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  ClientExecutor(String namePrefix) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(() -> {
        try {
          r.run();
        } finally {
          threads.remove(Thread.currentThread());
        }
      }, namePrefix + n.incrementAndGet());
      t.setDaemon(true);
      threads.add(t);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable task) {
    try {
      pool.execute(task);
    } catch (RejectedExecutionException closed) {
      task.run();
    }
  }

  /** Lets the queued work finish and the threads end; later work runs on its caller. */
  void close() {
    pool.shutdown();
  }

  /** Returns the threads started and not yet ended, for tests. */
  List<Thread> threads() {
    return List.copyOf(threads);
  }
}
