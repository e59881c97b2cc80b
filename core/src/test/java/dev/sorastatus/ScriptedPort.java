package dev.sorastatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * A {@link VideoStatusPort} that answers from a script: for each id, a list of answers (a {@link Video} or
 * a {@link RuntimeException} to fail with), used in order, the last one repeated. Answers complete the
 * future at once, on the caller's thread, unless {@link #hold()} was called: then each request stays in
 * flight until the test completes it. Records the instant of every request.
 */
final class ScriptedPort implements VideoStatusPort {
  private final Clock clock;
  private final Map<VideoId, List<Object>> scripts = new HashMap<>();
  private final BiFunction<VideoId, Integer, Object> answerer;
  private final Map<VideoId, List<Instant>> requests = new HashMap<>();
  private final List<Instant> allRequests = new ArrayList<>();
  private final List<CompletableFuture<Video>> held = new ArrayList<>();
  private boolean hold;

  ScriptedPort(Clock clock) {
    this.clock = clock;
    this.answerer = null;
  }

  /** Answers the {@code n}th request (from 0) for an id with {@code answerer.apply(id, n)}. */
  ScriptedPort(Clock clock, BiFunction<VideoId, Integer, Object> answerer) {
    this.clock = clock;
    this.answerer = answerer;
  }

  /** Sets the answers for {@code id}: videos or exceptions, in order; the last one repeats. */
  synchronized ScriptedPort script(VideoId id, Object... answers) {
    for (Object a : answers) {
      if (!(a instanceof Video) && !(a instanceof RuntimeException)) {
        throw new IllegalArgumentException("an answer is a Video or a RuntimeException: " + a);
      }
    }
    scripts.put(id, List.of(answers));
    return this;
  }

  /** Keeps every later request in flight until the test completes it through {@link #held()}. */
  synchronized void hold() {
    hold = true;
  }

  /** Returns the requests kept in flight, in order. */
  synchronized List<CompletableFuture<Video>> held() {
    return List.copyOf(held);
  }

  /** Returns how many requests were made for {@code id}. */
  synchronized int requestCount(VideoId id) {
    return requests.getOrDefault(id, List.of()).size();
  }

  /** Returns how many requests were made in all. */
  synchronized int requestCount() {
    return allRequests.size();
  }

  /** Returns when each request for {@code id} was made, as offsets from {@link ManualTime#EPOCH}. */
  synchronized List<Duration> requestTimes(VideoId id) {
    List<Duration> out = new ArrayList<>();
    for (Instant at : requests.getOrDefault(id, List.of())) {
      out.add(Duration.between(ManualTime.EPOCH, at));
    }
    return out;
  }

  /** Returns when every request was made, in order. */
  synchronized List<Instant> allRequestTimes() {
    return List.copyOf(allRequests);
  }

  @Override
  public Video retrieve(VideoId id) {
    return retrieveAsync(id).join();
  }

  @Override
  public CompletableFuture<Video> retrieveAsync(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    Object answer;
    CompletableFuture<Video> future = new CompletableFuture<>();
    synchronized (this) {
      Instant now = clock.instant();
      List<Instant> times = requests.computeIfAbsent(id, k -> new ArrayList<>());
      int n = times.size();
      times.add(now);
      allRequests.add(now);
      if (answerer != null) {
        answer = answerer.apply(id, n);
      } else {
        List<Object> script = scripts.get(id);
        if (script == null) {
          throw new IllegalStateException("no script for " + id);
        }
        answer = script.get(Math.min(n, script.size() - 1));
      }
      if (hold) {
        held.add(future);
        return future;
      }
    }
    if (answer instanceof Video) {
      future.complete((Video) answer);
    } else {
      future.completeExceptionally((RuntimeException) answer);
    }
    return future;
  }
}
