package dev.sorastatus;

/**
 * Keeps a scheduler's time still from the moment a wait that a blocking call is parked on ends until the call
 * has woken up and taken the result in. A woken thread that has not run yet still looks parked to a
 * virtual-time driver that watches thread states, so without this time could move on in between and pass a
 * task the call is about to schedule. The wait's end begins work on the scheduler before it completes the
 * future (on the thread that ends it, which holds work of its own until then), and the woken call ends it.
 * With the system scheduler, whose {@link TaskScheduler#beginWork()} does nothing, it costs a lock.
 */
final class HandOff {
  private final TaskScheduler scheduler;
  private Runnable work;
  private boolean resumed;

  HandOff(TaskScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Called by the wait's end just before it completes what the blocking call waits on. */
  synchronized void completing() {
    if (!resumed && work == null) {
      work = scheduler.beginWork();
    }
  }

  /** Called by the blocking call once it is running again, however its wait ended. */
  synchronized void resumed() {
    resumed = true; // an end after an interrupt begins nothing that no one would end
    if (work != null) {
      work.run();
      work = null;
    }
  }
}
