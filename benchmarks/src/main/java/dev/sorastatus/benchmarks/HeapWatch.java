package dev.sorastatus.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Listens to every garbage collection and keeps the most heap any of them left in use: the peak of the live
 * heap between two resets, garbage excluded, whatever the heap's size.
 */
final class HeapWatch {
  private final AtomicLong maxUsed = new AtomicLong();
  private final AtomicInteger collections = new AtomicInteger();

  HeapWatch() {
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heapPools.add(p.getName());
      }
    }
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) bean).addNotificationListener((notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
          if (heapPools.contains(pool.getKey())) {
            used += pool.getValue().getUsed(); // heap only: not metaspace nor the code cache
          }
        }
        maxUsed.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
      }, null, null);
    }
  }

  /**
   * Collects twice, lets those collections' notifications pass, then starts watching afresh.
   *
   * @return the heap in use after the collections
   */
  long resetAfterGc() throws InterruptedException {
    long used = heapAfterGc();
    Thread.sleep(50); // notifications arrive on a JVM thread, after the collection
    maxUsed.set(0);
    collections.set(0);
    return used;
  }

  /** Returns the most heap in use after any collection since the last reset. */
  long maxUsedAfterGc() {
    return maxUsed.get();
  }

  /** Returns how many collections ran since the last reset. */
  int collections() {
    return collections.get();
  }

  /** Returns the heap used after two full collections. */
  static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
