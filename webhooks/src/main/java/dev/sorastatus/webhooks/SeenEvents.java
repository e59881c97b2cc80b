package dev.sorastatus.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code webhook-id}s seen within a window, oldest first, so that a repeat is reported as a duplicate;
 * bounded twice over: an id older than the window is forgotten (a replay that old fails the timestamp check
 * anyway), and past {@code capacity} ids the oldest goes first.
 */
final class SeenEvents {
  private final int capacity;
  private final Duration window;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  SeenEvents(int capacity, Duration window, Clock clock) {
    this.capacity = capacity;
    this.window = window;
    this.clock = clock;
  }

  /** Records {@code id}, returning false when it was already seen within the window. */
  synchronized boolean firstSighting(String id) {
    Instant now = clock.instant();
    Instant horizon = now.minus(window);
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (!it.next().getValue().isBefore(horizon)) {
        break;
      }
      it.remove();
    }
    if (seen.containsKey(id)) {
      return false;
    }
    seen.put(id, now);
    if (seen.size() > capacity) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  synchronized int size() {
    return seen.size();
  }
}
