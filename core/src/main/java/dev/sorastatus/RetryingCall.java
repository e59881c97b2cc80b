package dev.sorastatus;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.VideoId;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One call's way through {@link RetryPolicy}: it hands out each attempt's request (its timeout clipped to
 * what is left of the deadline), decides on each response or failure whether to retry and after how long,
 * and builds the final error with the attempt count and the earlier failures suppressed. Sync and async
 * calls, of a job's status and of a listing page alike, share it, so the policy is written once; it is used
 * by one attempt at a time.
 *
 * @param <T> what a successful response decodes to
 */
final class RetryingCall<T> {
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  private final VideoId id;
  private final TransportRequest template;
  private final ResponseMapping responses;
  private final Decoder<T> decoder;
  private final RetryPolicy policy;
  private final Clock clock;
  private final HttpLog log;
  private final GuardedObserver observer;
  private final Instant deadlineAt;
  private final List<SoraException> failures = new ArrayList<>();
  private int attempts;
  private TransportRequest current;
  private boolean clipped;
  private long startNanos;
  /** The HTTP status of the last attempt's response, 0 while it has none. */
  private int lastStatus;

  /**
   * Starts a call. {@code id} is the job an error is about (a 404 names it), or null when the call reads no
   * one job; {@code decoder} turns a successful response into the call's value or throws its typed error.
   */
  RetryingCall(VideoId id, TransportRequest template, ResponseMapping responses, Decoder<T> decoder,
      SoraConfig config, HttpLog log) {
    this.id = id;
    this.template = template;
    this.responses = responses;
    this.decoder = decoder;
    this.policy = config.retryPolicy();
    this.clock = config.clock();
    this.log = log;
    this.observer = config.guardedObserver();
    this.deadlineAt = policy.deadline().map(d -> clock.instant().plus(d)).orElse(null);
  }

  /** Turns a successful response into a call's value. */
  interface Decoder<T> {
    /** Returns the value; {@code suffix} (such as {@code " after 3 attempts"}) ends an error's message. */
    T decode(TransportResponse response, String suffix);
  }

  /** What to do after an attempt: return the value, or wait {@code delay} and try again. */
  record Step<T>(T value, Duration delay) {
    static <T> Step<T> done(T value) {
      return new Step<>(value, null);
    }

    static <T> Step<T> retryAfter(Duration delay) {
      return new Step<>(null, delay);
    }

    boolean isDone() {
      return value != null;
    }
  }

  /**
   * Returns the request for the next attempt, its timeout no longer than what is left of the deadline.
   *
   * @throws SoraTransportException if no time is left
   */
  TransportRequest nextAttempt() {
    Duration timeout = template.timeout();
    clipped = false;
    if (deadlineAt != null) {
      Duration remaining = Duration.between(clock.instant(), deadlineAt);
      if (!failures.isEmpty() && (remaining.isNegative() || remaining.isZero())) {
        throw deadlineExceeded("no time was left for attempt " + (attempts + 1), lastFailure());
      }
      if (remaining.compareTo(timeout) < 0) {
        timeout = remaining.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : remaining;
        clipped = true;
      }
    }
    attempts++;
    lastStatus = 0;
    current = timeout.equals(template.timeout()) ? template
        : new TransportRequest(template.method(), template.uri(), template.headers(), timeout);
    log.request(current, attempts, policy.maxAttempts());
    startNanos = System.nanoTime();
    return current;
  }

  /**
   * Returns the value, or the wait before the next attempt.
   *
   * @throws SoraException the final error when the response is not retried
   */
  Step<T> onResponse(TransportResponse response) {
    log.response(current, response, startNanos);
    int status = response.statusCode();
    lastStatus = status;
    if (ResponseMapping.isSuccess(status)) {
      try {
        return Step.done(decoder.decode(response, attemptsSuffix()));
      } catch (SoraException e) {
        throw finish(e);
      }
    }
    Optional<Boolean> serverSays = shouldRetryHeader(response);
    boolean retryable = serverSays.orElseGet(() -> policy.retriesStatus(status));
    if (!retryable || attempts >= policy.maxAttempts()) {
      log.givingUp(current, "HTTP " + status + (retryable ? ", attempts used up"
          : serverSays.isPresent() ? ", x-should-retry: false" : ", not a retryable status"));
      throw finish(responses.toError(id, response, attemptsSuffix()));
    }
    Optional<Duration> serverDelay = ServerDelays.retryAfter(response, clock);
    if (serverDelay.isPresent() && serverDelay.get().compareTo(policy.maxServerDelay()) > 0) {
      String why = "; not retried: the server asked to wait " + serverDelay.get().toMillis()
          + " ms, more than RetryPolicy.maxServerDelay " + policy.maxServerDelay().toMillis() + " ms";
      log.givingUp(current, "HTTP " + status + why);
      throw finish(responses.toError(id, response, attemptsSuffix() + why));
    }
    SoraException failure = responses.toError(id, response, "");
    Duration delay = serverDelay.orElseGet(() -> policy.backoff(attempts));
    return retryOrStop(failure, delay, "HTTP " + status);
  }

  /**
   * Returns the wait before the next attempt after {@code e}.
   *
   * @throws SoraException the final error when the failure is not retried
   */
  Step<T> onFailure(IOException e) {
    String what = responses.describe(e);
    log.failure(current, what, startNanos);
    boolean interrupted = e.getClass() == InterruptedIOException.class;
    if (interrupted) {
      Thread.currentThread().interrupt(); // an interrupt, not a timeout subclass: keep it visible
    }
    SoraTransportException failure = responses.transportFailure(current, e, "");
    if (clipped && failure.isTimeout()) {
      throw deadlineExceeded("attempt " + attempts + " was cut off by the deadline", failure);
    }
    if (interrupted || attempts >= policy.maxAttempts()) {
      log.givingUp(current, interrupted ? "interrupted" : "attempts used up");
      throw finish(attempts > 1 ? responses.transportFailure(current, e, attemptsSuffix()) : failure);
    }
    return retryOrStop(failure, policy.backoff(attempts), what);
  }

  /**
   * Returns the error for an interrupt while waiting to retry, with the interrupt flag set again.
   *
   * @param e the interrupt
   */
  SoraTransportException interruptedWhileWaiting(InterruptedException e) {
    return interrupted(e, "to retry");
  }

  /**
   * Returns the error for an interrupt that came while this call waited in line to send, before any attempt
   * of its own or between attempts; the interrupt flag is set again.
   */
  SoraTransportException interruptedBeforeSending(InterruptedException e) {
    return interrupted(e, "to send");
  }

  private SoraTransportException interrupted(InterruptedException e, String waitingFor) {
    Thread.currentThread().interrupt();
    TransportRequest request = current != null ? current : template;
    InterruptedIOException io = new InterruptedIOException(
        "interrupted while waiting " + waitingFor + " " + request.method() + " " + request.uri());
    io.initCause(e);
    return finish(responses.transportFailure(request, io, attemptsSuffix()));
  }

  private Step<T> retryOrStop(SoraException failure, Duration delay, String why) {
    if (deadlineAt != null && delay.compareTo(Duration.between(clock.instant(), deadlineAt)) >= 0) {
      throw deadlineExceeded("the next attempt was due in " + delay.toMillis() + " ms", failure);
    }
    failures.add(failure);
    log.retry(current, attempts + 1, policy.maxAttempts(), delay, why);
    observer.retryScheduled(failure, delay);
    return Step.retryAfter(delay);
  }

  private <T extends SoraException> T finish(T error) {
    for (SoraException earlier : failures) {
      error.addSuppressed(earlier);
    }
    failures.clear();
    return error;
  }

  private SoraTransportException deadlineExceeded(String why, SoraException last) {
    Duration deadline = policy.deadline().orElseThrow();
    SoraTransportException e = new SoraTransportException(
        template.method() + " " + template.uri() + " ran out of its " + deadline.toMillis()
            + " ms deadline (RetryPolicy.deadline) after " + plural(Math.max(attempts, 1)) + ": " + why
            + "; last failure: " + last.getMessage(),
        deadline, Math.max(attempts, 1), last);
    if (!failures.isEmpty() && failures.get(failures.size() - 1) == last) {
      failures.remove(failures.size() - 1);
    }
    log.givingUp(template, "deadline exceeded: " + why);
    return finish(e);
  }

  /** Returns the HTTP status of the last attempt's response, or 0 when it got none. */
  int lastStatus() {
    return lastStatus;
  }

  private SoraException lastFailure() {
    return failures.get(failures.size() - 1);
  }

  private String attemptsSuffix() {
    return attempts > 1 ? " after " + plural(attempts) : "";
  }

  private static String plural(int n) {
    return n == 1 ? "1 attempt" : n + " attempts";
  }

  /** Returns the server's explicit answer in {@code x-should-retry}, when it gave one clear value. */
  private static Optional<Boolean> shouldRetryHeader(TransportResponse response) {
    List<String> values = response.headerValues("x-should-retry");
    if (values.size() != 1) {
      return Optional.empty();
    }
    String v = values.get(0).trim().toLowerCase(Locale.ROOT);
    return v.equals("true") ? Optional.of(true) : v.equals("false") ? Optional.of(false) : Optional.empty();
  }
}
