package dev.sorastatus.testkit;

import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted job and where it stands. The script advances atomically: each read that is let through takes
 * the next step under the job's lock, so that however many threads read, every step is served exactly once
 * and in order, and then the last step sticks.
 */
final class Job {
  final VideoId id;
  final long row;
  final List<Step> steps;
  /** Start offsets of each step from {@link #timelineStart} when the job advances by time, else null. */
  final Duration[] offsets;
  final Instant timelineStart;
  final Instant createdAt;
  final JobAttributes attributes;

  private int position;
  private int lastServed = -1;
  private Instant completedAt;
  private Instant startedAt;
  private int contentDropsLeft;
  private final Map<String, byte[]> content = new HashMap<>();

  Job(VideoId id, long row, List<Step> steps, Duration[] offsets, Instant timelineStart, Instant createdAt,
      JobAttributes attributes) {
    this.id = id;
    this.row = row;
    this.steps = List.copyOf(steps);
    this.offsets = offsets;
    this.timelineStart = timelineStart;
    this.createdAt = createdAt;
    this.attributes = attributes;
    this.contentDropsLeft = attributes.contentDrops;
  }

  /**
   * A step taken by one read: which one, when the job first completed (null before it did), and when it first
   * was processing (null before it was).
   */
  record Taken(Step step, int index, Instant reachedAt, Instant startedAt) {}

  /** Takes the step the next read sees: the next one in order, or the one the clock is in. */
  synchronized Taken take(Instant now) {
    int index;
    if (offsets == null) {
      index = Math.min(position, steps.size() - 1);
      position++;
    } else {
      index = indexAt(now);
    }
    lastServed = index;
    return taken(index, now);
  }

  private Taken taken(int index, Instant now) {
    Instant reachedAt = reached(index, now);
    return new Taken(steps.get(index), index, reachedAt, started(index, now));
  }

  /**
   * Returns the latest state a content request sees: the step last served (by time: the current one), or
   * the state before it when that step is a fault; null when the job has no state yet.
   */
  synchronized Taken currentState(Instant now) {
    int index = offsets != null ? indexAt(now) : Math.max(lastServed, 0);
    if (steps.get(index).kind == Step.Kind.NOT_FOUND) {
      return taken(index, now);
    }
    for (int i = index; i >= 0; i--) {
      if (steps.get(i).isState()) {
        return taken(i, now);
      }
    }
    return null;
  }

  /** Returns whether this content request should be dropped mid-body, counting it down. */
  synchronized boolean takeContentDrop() {
    if (contentDropsLeft > 0) {
      contentDropsLeft--;
      return true;
    }
    return false;
  }

  /** Returns the bytes of a content variant, made once; callers must not change them. */
  synchronized byte[] content(String variant, long seed) {
    return content.computeIfAbsent(variant, v -> attributes.realMedia
        ? Payloads.real(v) : Payloads.create(seed, id.value(), v, attributes.contentBytes));
  }

  /** Returns whether the script ever completes, so content can exist. */
  boolean everCompletes() {
    return steps.stream().anyMatch(s -> s.isState() && s.status == VideoStatus.COMPLETED);
  }

  /** Returns when the job first completed, fixing it now if step {@code index} is its first completed state. */
  private Instant reached(int index, Instant now) {
    if (completedAt == null && isCompleted(steps.get(index))) {
      if (offsets == null) {
        completedAt = now;
      } else {
        int first = 0;
        while (!isCompleted(steps.get(first))) {
          first++;
        }
        completedAt = timelineStart.plus(offsets[first]); // when the timeline entered it, however late it is read
      }
    }
    return completedAt;
  }

  /**
   * Returns when the job first was processing, fixing it now if step {@code index} is its first processing
   * state: by time, when the timeline entered that step, however late it is read.
   */
  private Instant started(int index, Instant now) {
    if (startedAt == null && isProcessing(steps.get(index))) {
      if (offsets == null) {
        startedAt = now;
      } else {
        int first = 0;
        while (!isProcessing(steps.get(first))) {
          first++;
        }
        startedAt = timelineStart.plus(offsets[first]);
      }
    }
    return startedAt;
  }

  private static boolean isProcessing(Step step) {
    return step.isState() && step.status == VideoStatus.PROCESSING;
  }

  private static boolean isCompleted(Step step) {
    return step.isState() && step.status == VideoStatus.COMPLETED;
  }

  private int indexAt(Instant now) {
    Duration elapsed = Duration.between(timelineStart, now);
    int index = 0;
    for (int i = 1; i < offsets.length; i++) {
      if (elapsed.compareTo(offsets[i]) >= 0) {
        index = i;
      }
    }
    return index;
  }

  /** What a job says about itself besides its state. */
  static final class JobAttributes {
    String model = "sora-2";
    String size = "720x1280";
    int seconds = 4;
    String prompt;
    VideoId remixOf;
    Duration expiresAfter = Duration.ofHours(1);
    Duration pollAfter;
    int contentBytes = FakeVideoApi.DEFAULT_CONTENT_BYTES;
    long contentDropAfter = -1;
    int contentDrops;
    /** How the content endpoint answers instead of the file, or null for the file. */
    ContentFault contentFault;
    boolean announceDigest;
    /** Whether the content is the committed real media rather than seeded bytes. */
    boolean realMedia;
    boolean signedUrls;
  }

  /** What the content endpoint serves instead of the file. */
  enum ContentFault { JSON_ERROR, GONE }

  private int signatures;

  /** Returns the signature of the next signed download URL a status read hands out: s1, s2, ... */
  synchronized String nextSignature() {
    return "s" + ++signatures;
  }
}
