package dev.sorastatus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs blocking exchanges for one client on at most {@code size} daemon threads, so that an async call or a
 * download never costs a thread of its own. A thread starts only when a call arrives and no started one is
 * idle, the most recently idle one takes the next call, and one idle for {@link #KEEP_ALIVE} ends; calls
 * beyond {@code size} wait in a queue, holding no thread. A call is abandoned when its future is cancelled
 * (or completed from outside) or the pool closes: one still queued never starts, one running has its
 * {@code onAbandon} run, which cancels its exchange, so that no thread is ever interrupted.
 */
final class WorkerPool {
  /** How long a thread waits for work before it ends. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

  /** One blocking exchange. */
  interface BlockingCall<T> {
    T call() throws IOException;
  }

  private final int size;
  private final long keepAliveNanos;
  private final String namePrefix;
  private final Supplier<? extends RuntimeException> closed;
  private final AtomicInteger threadsStarted = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Call<?>> queued = new ArrayDeque<>();
  private final ArrayDeque<Worker> idle = new ArrayDeque<>(); // most recently idle first
  private final Set<Worker> workers = new HashSet<>();
  private boolean isClosed;

  /**
   * Creates a pool.
   *
   * @param closed what a call abandoned by {@link #close()}, or submitted after it, fails with
   */
  WorkerPool(String namePrefix, int size, Supplier<? extends RuntimeException> closed) {
    this(namePrefix, size, KEEP_ALIVE, closed);
  }

  WorkerPool(String namePrefix, int size, Duration keepAlive, Supplier<? extends RuntimeException> closed) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be > 0 but was " + size);
    }
    this.namePrefix = namePrefix;
    this.size = size;
    this.keepAliveNanos = keepAlive.toNanos();
    this.closed = closed;
  }

  /**
   * Runs {@code call} on a worker and returns its outcome. Completing the future from outside, cancelling
   * it for one, abandons the call: one still queued never starts, one running has {@code onAbandon} run,
   * which must make it return soon (by cancelling its exchange).
   */
  <T> CompletableFuture<T> submit(BlockingCall<T> call, Runnable onAbandon) {
    Call<T> c = new Call<>(call, onAbandon);
    c.result.whenComplete((value, failure) -> {
      c.abandon(null); // does nothing once the call returned; otherwise the future was completed from outside
    });
    execute(c);
    return c.result;
  }

  private void execute(Call<?> c) {
    lock.lock();
    try {
      if (!isClosed) {
        Worker w = idle.pollFirst();
        if (w != null) {
          w.handed = c;
          w.wake.signal();
        } else if (workers.size() < size) {
          Worker started = new Worker(c);
          workers.add(started);
          started.thread.start();
        } else {
          queued.addLast(c);
        }
        return;
      }
    } finally {
      lock.unlock();
    }
    c.abandon(closed.get());
  }

  /** Returns the threads running or waiting for calls now, for tests. */
  List<Thread> threads() {
    lock.lock();
    try {
      List<Thread> threads = new ArrayList<>();
      for (Worker w : workers) {
        threads.add(w.thread);
      }
      return threads;
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many threads this pool started since it was made. */
  int threadsStarted() {
    return threadsStarted.get();
  }

  /**
   * Stops taking calls and abandons those queued or running, whose futures fail with what {@code closed}
   * makes, as do later ones: a closed client's calls are not worth a retry. Every thread ends once its call
   * returned; this does not wait for that.
   */
  void close() {
    List<Call<?>> abandoned = new ArrayList<>();
    lock.lock();
    try {
      if (isClosed) {
        return;
      }
      isClosed = true;
      abandoned.addAll(queued);
      queued.clear();
      for (Worker w : workers) {
        if (w.current != null) {
          abandoned.add(w.current);
        }
        if (w.handed != null) {
          abandoned.add(w.handed);
          w.handed = null;
        }
        w.wake.signal();
      }
    } finally {
      lock.unlock();
    }
    RuntimeException closedException = closed.get();
    for (Call<?> c : abandoned) {
      c.mark(closedException); // before any cancel runs: cancelling one exchange may end another call too
    }
    for (Call<?> c : abandoned) {
      c.abandon(closedException); // outside the lock: completing a future runs its callers' callbacks
    }
  }

  /** Returns the next call for {@code w}, waiting up to the keep-alive for one, or null when it should end. */
  private Call<?> next(Worker w) {
    lock.lock();
    try {
      w.current = null;
      Call<?> c = isClosed ? null : queued.pollFirst();
      if (c == null && !isClosed) {
        idle.addFirst(w);
        long end = System.nanoTime() + keepAliveNanos;
        for (long left = keepAliveNanos; w.handed == null && !isClosed && left > 0; left = end - System.nanoTime()) {
          try {
            w.wake.awaitNanos(left);
          } catch (InterruptedException ignored) {
            // nobody interrupts a worker on purpose; closed and handed say what to do
          }
        }
        idle.remove(w);
        c = w.handed;
        w.handed = null;
      }
      if (c == null) {
        workers.remove(w);
      }
      w.current = c;
      return c;
    } finally {
      lock.unlock();
    }
  }

  private final class Worker implements Runnable {
    final Thread thread;
    final Condition wake = lock.newCondition();
    Call<?> current; // guarded by lock
    Call<?> handed; // guarded by lock

    Worker(Call<?> first) {
      this.current = first;
      this.thread = new Thread(this, namePrefix + threadsStarted.incrementAndGet());
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      lock.lock();
      Call<?> c;
      try {
        c = current;
      } finally {
        lock.unlock();
      }
      while (c != null) {
        c.run();
        c = null; // an idle worker must not keep its last call, and what that call's future leads to, alive
        c = next(this);
      }
    }
  }

  /** One call and its future; the monitor guards the hand-over between the worker and whoever abandons it. */
  private static final class Call<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final BlockingCall<T> body;
    private final Runnable onAbandon;
    private boolean running;
    private boolean started;
    private Throwable abandonedWith;

    Call(BlockingCall<T> body, Runnable onAbandon) {
      this.body = body;
      this.onAbandon = onAbandon;
    }

    void run() {
      synchronized (this) {
        if (started || result.isDone()) {
          return; // abandoned while queued
        }
        started = true;
        running = true;
      }
      T value = null;
      Throwable failure = null;
      try {
        value = body.call();
      } catch (Throwable t) {
        failure = t;
      }
      Throwable abandoned;
      synchronized (this) {
        running = false;
        abandoned = abandonedWith;
      }
      if (abandoned != null) {
        result.completeExceptionally(abandoned);
      } else if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }

    /**
     * Fails the call with {@code why}, or with nothing when its future is done already: at once if queued, by
     * running {@code onAbandon} if running.
     */
    void abandon(Throwable why) {
      synchronized (this) {
        if (started) {
          if (!running) {
            return;
          }
          if (abandonedWith == null) {
            abandonedWith = why;
          }
        } else {
          started = true; // never to run
        }
      }
      if (running()) {
        onAbandon.run(); // outside the monitor: a cancel may take a lock of the transport's
        return;
      }
      if (why != null) {
        result.completeExceptionally(why);
      }
    }

    /** Records {@code why} as the outcome of a running call, without cancelling it yet. */
    synchronized void mark(Throwable why) {
      if (running && abandonedWith == null) {
        abandonedWith = why;
      }
    }

    private synchronized boolean running() {
      return running;
    }
  }
}
