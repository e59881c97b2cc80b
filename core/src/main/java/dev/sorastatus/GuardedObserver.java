package dev.sorastatus;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SoraObserver} as the library calls it: an exception it throws is logged (the first at
 * {@code WARNING}, later ones at {@code DEBUG}, so a broken observer cannot flood the log) and never reaches
 * the read, wait or download. Call sites ask {@link #isNoOp()} before they measure anything, so that no
 * observer costs no allocation.
 */
final class GuardedObserver implements SoraObserver {
  private static final Logger LOG = System.getLogger(SoraObserver.class.getName());

  static final GuardedObserver NO_OP = new GuardedObserver(new SoraObserver() {});

  private final SoraObserver delegate;
  private final AtomicBoolean failedBefore = new AtomicBoolean();

  private GuardedObserver(SoraObserver delegate) {
    this.delegate = delegate;
  }

  /** Returns {@code observer} guarded; the no-op and an already guarded one stay as they are. */
  static GuardedObserver of(SoraObserver observer) {
    return observer instanceof GuardedObserver ? (GuardedObserver) observer : new GuardedObserver(observer);
  }

  /** Returns the observer the user installed. */
  SoraObserver delegate() {
    return this == NO_OP ? this : delegate;
  }

  boolean isNoOp() {
    return this == NO_OP;
  }

  /** Returns now on {@code clock}, or null when nothing observes (so nothing is allocated). */
  Instant start(Clock clock) {
    return this == NO_OP ? null : clock.instant();
  }

  static Duration since(Clock clock, Instant start) {
    Duration d = Duration.between(start, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  @Override
  public void readStarted(Operation operation) {
    try {
      delegate.readStarted(operation);
    } catch (RuntimeException e) {
      failed("readStarted", e);
    }
  }

  @Override
  public void readFinished(Operation operation, Optional<Throwable> error, int statusCode, Duration duration) {
    try {
      delegate.readFinished(operation, error, statusCode, duration);
    } catch (RuntimeException e) {
      failed("readFinished", e);
    }
  }

  @Override
  public void retryScheduled(SoraException cause, Duration delay) {
    try {
      delegate.retryScheduled(cause, delay);
    } catch (RuntimeException e) {
      failed("retryScheduled", e);
    }
  }

  @Override
  public void rateLimited(Duration delay) {
    try {
      delegate.rateLimited(delay);
    } catch (RuntimeException e) {
      failed("rateLimited", e);
    }
  }

  @Override
  public void downloadStarted(VideoId id) {
    try {
      delegate.downloadStarted(id);
    } catch (RuntimeException e) {
      failed("downloadStarted", e);
    }
  }

  @Override
  public void downloadBytes(VideoId id, long bytes) {
    try {
      delegate.downloadBytes(id, bytes);
    } catch (RuntimeException e) {
      failed("downloadBytes", e);
    }
  }

  @Override
  public void downloadFinished(VideoId id, Optional<Throwable> error, long bytes, Duration duration) {
    try {
      delegate.downloadFinished(id, error, bytes, duration);
    } catch (RuntimeException e) {
      failed("downloadFinished", e);
    }
  }

  @Override
  public void waitStarted(VideoId id) {
    try {
      delegate.waitStarted(id);
    } catch (RuntimeException e) {
      failed("waitStarted", e);
    }
  }

  @Override
  public void waitFinished(VideoId id, WaitOutcome.Kind outcome, Duration duration) {
    try {
      delegate.waitFinished(id, outcome, duration);
    } catch (RuntimeException e) {
      failed("waitFinished", e);
    }
  }

  private void failed(String event, RuntimeException e) {
    Level level = failedBefore.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
    LOG.log(level, "observer " + delegate.getClass().getName() + " threw in " + event
        + "; ignored, the library goes on", e);
  }

  @Override
  public String toString() {
    return this == NO_OP ? "SoraObserver.none()" : delegate.toString();
  }
}
