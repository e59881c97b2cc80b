package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The video API's protocol, written once over any {@link BufferedTransport}. It builds the URL and headers,
 * retries as {@link SoraConfig#retryPolicy()} says, and turns responses into {@link Video}s and typed
 * errors, so that a transport only moves bytes; {@link SoraClient} is its public face. It logs each attempt
 * to {@link System.Logger} {@code dev.sorastatus.http} at {@code DEBUG} (headers at {@code TRACE}), with
 * credentials redacted.
 */
final class HttpVideoStatusPort implements VideoStatusPort {
  private final SoraConfig config;
  private final BufferedTransport transport;
  private final ResponseMapping responses;
  private final Map<String, String> headers;
  private final String videosPrefix;
  /** The configured query parameters, {@code ?name=value&...}, or empty. */
  private final String statusQuery;
  private final HttpLog log;
  private final RequestGate gate;
  private final GuardedObserver observer;
  /**
   * Status URLs built lately, one per slot by the id's hash: a wait asks for the same job every few
   * seconds, and parsing its URL again was 7% of a call's CPU. Racy on purpose: a record's final fields
   * publish a {@link StatusUri} whole, and a lost write only means building that URL once more.
   */
  private final StatusUri[] recentUris = new StatusUri[64];

  private HttpVideoStatusPort(SoraConfig config, BufferedTransport transport) {
    this.config = config;
    this.transport = transport;
    this.responses = new ResponseMapping(config);
    Map<String, String> h = new LinkedHashMap<>();
    config.putCredential(h);
    h.put("Accept", "application/json");
    h.put("User-Agent", config.userAgent());
    h.putAll(config.extraHeaders());
    this.headers = Map.copyOf(h);
    this.videosPrefix = config.baseUrl() + "/videos/";
    String suffix = config.encodedQuerySuffix();
    this.statusQuery = suffix.isEmpty() ? "" : "?" + suffix.substring(1);
    this.log = new HttpLog(config.apiKey().reveal());
    this.gate = new RequestGate(config);
    this.observer = config.guardedObserver();
  }

  /**
   * Returns the protocol over {@code transport}.
   *
   * @param config where the API is and how to reach it
   * @param transport what moves the bytes; not closed by this port
   * @return the port
   * @throws NullPointerException if an argument is null
   */
  static HttpVideoStatusPort create(SoraConfig config, BufferedTransport transport) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(transport, "transport == null");
    return new HttpVideoStatusPort(config, transport);
  }

  /**
   * Returns the URL of a job's status, {@code <baseUrl>/videos/<id>}.
   *
   * @param id the job
   * @return the absolute URL
   */
  URI statusUri(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    int slot = id.hashCode() & (recentUris.length - 1);
    StatusUri recent = recentUris[slot];
    if (recent != null && recent.id().equals(id)) {
      return recent.uri();
    }
    URI uri = URI.create(videosPrefix + id.value() + statusQuery);
    recentUris[slot] = new StatusUri(id, uri);
    return uri;
  }

  /** A job's status URL, as remembered by {@link #statusUri}. */
  private record StatusUri(VideoId id, URI uri) {}

  /**
   * Returns the request that reads a job's status.
   *
   * @param id the job
   * @return a {@code GET} with the authorization, accept, user-agent and configured headers
   */
  TransportRequest statusRequest(VideoId id) {
    return new TransportRequest("GET", statusUri(id), headers, config.requestTimeout());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Retries as {@link SoraConfig#retryPolicy()} says, waiting with {@link SoraConfig#scheduler()}; the last
   * error reports the attempt count and carries the earlier failures as suppressed exceptions. Waits in line
   * while {@link SoraConfig#maxConcurrentRequests()} requests of this port are in flight, and before a first
   * attempt while a rate limit that another call met holds the API back.
   *
   * @throws SoraTransportException if the policy's deadline passed before the call could succeed
   */
  @Override
  public Video retrieve(VideoId id) {
    return observed(SoraObserver.Operation.RETRIEVE, newCall(id));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Retries, waits in line and logs as {@link #retrieve(VideoId)} does.
   */
  @Override
  public VideoPage list(VideoListQuery query) {
    return observed(SoraObserver.Operation.LIST, newListCall(query));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Retries, waits and cancels as {@link #retrieveAsync(VideoId)} does.
   */
  @Override
  public CompletableFuture<VideoPage> listAsync(VideoListQuery query) {
    return observedAsync(SoraObserver.Operation.LIST, newListCall(query));
  }

  /** Runs a call on this thread, telling the observer of its start and end when one is installed. */
  private <T> T observed(SoraObserver.Operation operation, RetryingCall<T> call) {
    Instant start = observer.start(config.clock());
    if (start == null) {
      return run(call);
    }
    observer.readStarted(operation);
    Throwable failure = null;
    try {
      return run(call);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      observer.readFinished(operation, Optional.ofNullable(failure), call.lastStatus(),
          GuardedObserver.since(config.clock(), start));
    }
  }

  /** Starts a call without blocking, telling the observer of its start and end when one is installed. */
  private <T> CompletableFuture<T> observedAsync(SoraObserver.Operation operation, RetryingCall<T> call) {
    Instant start = observer.start(config.clock());
    AsyncCall<T> async = new AsyncCall<>(call);
    if (start != null) {
      observer.readStarted(operation);
      async.result.whenComplete((value, failure) -> observer.readFinished(operation,
          Optional.ofNullable(unwrap(failure)), call.lastStatus(), GuardedObserver.since(config.clock(), start)));
    }
    async.attempt(true);
    return async.result;
  }

  /** Runs a call on this thread, attempt after attempt, until it has its value or its final error. */
  private <T> T run(RetryingCall<T> call) {
    boolean first = true;
    while (true) {
      try {
        gate.acquire(first);
      } catch (InterruptedException e) {
        throw call.interruptedBeforeSending(e);
      }
      first = false;
      TransportResponse response = null;
      IOException failure = null;
      Runnable workDone = config.scheduler().beginWork();
      RetryingCall.Step<T> step;
      try {
        try {
          response = transport.execute(call.nextAttempt());
        } catch (IOException e) {
          failure = e;
        } finally {
          gate.release();
        }
        step = response != null ? onResponse(call, response) : call.onFailure(failure);
      } finally {
        workDone.run();
      }
      if (step.isDone()) {
        return step.value();
      }
      try {
        config.scheduler().sleep(step.delay());
      } catch (InterruptedException e) {
        throw call.interruptedWhileWaiting(e);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Retries as {@link SoraConfig#retryPolicy()} says, waiting with {@link SoraConfig#scheduler()} so that
   * no thread is held between attempts, nor while it waits in line for one of the
   * {@link SoraConfig#maxConcurrentRequests()} requests in flight to end. Cancelling the future withdraws the
   * next attempt and abandons the one in flight.
   */
  @Override
  public CompletableFuture<Video> retrieveAsync(VideoId id) {
    return observedAsync(SoraObserver.Operation.RETRIEVE, newCall(id));
  }

  /**
   * Takes in a response. A rate limit that this call retries holds back the first attempts of this port's
   * other calls for the same delay; one it gives up on is the caller's to handle (a poller slows its waits).
   */
  private <T> RetryingCall.Step<T> onResponse(RetryingCall<T> call, TransportResponse response) {
    RetryingCall.Step<T> step = call.onResponse(response);
    if (response.statusCode() == 429 && !step.isDone()) {
      gate.pause(step.delay());
      observer.rateLimited(step.delay());
    }
    return step;
  }

  /** Returns how many requests of this port are in flight now. */
  int inFlight() {
    return gate.inFlight();
  }

  private RetryingCall<Video> newCall(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return new RetryingCall<>(id, statusRequest(id), responses,
        (response, suffix) -> responses.toVideo(id, response, suffix), config, log);
  }

  private RetryingCall<VideoPage> newListCall(VideoListQuery query) {
    Objects.requireNonNull(query, "query == null");
    return new RetryingCall<>(query.after().orElse(null), listRequest(query), responses,
        (response, suffix) -> responses.toPage(query, response, suffix), config, log);
  }

  /**
   * Returns the request that reads a page of the listing, {@code <baseUrl>/videos?limit=...}, with the
   * headers of a status read.
   *
   * @param query the page
   * @return a {@code GET}
   */
  TransportRequest listRequest(VideoListQuery query) {
    StringBuilder url = new StringBuilder(config.baseUrl() + "/videos?limit=").append(query.limit());
    query.order().ifPresent(o -> url.append("&order=").append(Urls.encodeQueryComponent(o)));
    query.after().ifPresent(a -> url.append("&after=").append(Urls.encodeQueryComponent(a.value())));
    url.append(config.encodedQuerySuffix());
    return new TransportRequest("GET", URI.create(url.toString()), headers, config.requestTimeout());
  }

  /** One asynchronous call: each attempt is started by the previous one's completion or by the scheduler. */
  private final class AsyncCall<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final RetryingCall<T> call;
    private volatile CompletableFuture<TransportResponse> exchange;
    private volatile CompletableFuture<Void> permit;
    private volatile TaskScheduler.Scheduled pending;

    AsyncCall(RetryingCall<T> call) {
      this.call = call;
      result.whenComplete((value, failure) -> {
        if (failure instanceof CancellationException) {
          TaskScheduler.Scheduled next = pending;
          if (next != null) {
            next.cancel(); // no further attempt
          }
          CompletableFuture<Void> inLine = permit;
          if (inLine != null) {
            inLine.cancel(false); // gives up its place in line, or is already sending
          }
          CompletableFuture<TransportResponse> inFlight = exchange;
          if (inFlight != null) {
            inFlight.cancel(true); // abandon the request in flight
          }
        }
      });
    }

    void attempt(boolean first) {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<Void> inLine = gate.acquireAsync(first);
      permit = inLine;
      inLine.thenRun(this::send);
      if (result.isDone()) {
        inLine.cancel(false);
      }
    }

    /** Sends the next attempt, holding a permit of the gate until its exchange ends. */
    private void send() {
      if (result.isDone()) {
        gate.release();
        return;
      }
      Runnable workDone = config.scheduler().beginWork(); // ends once the answer was taken in
      CompletableFuture<TransportResponse> sent;
      try {
        sent = transport.executeAsync(call.nextAttempt());
      } catch (RuntimeException e) {
        gate.release();
        workDone.run();
        result.completeExceptionally(e);
        return;
      }
      exchange = sent;
      sent.whenComplete((response, failure) -> {
        gate.release();
        try {
          onExchange(response, failure);
        } finally {
          workDone.run();
        }
      });
      if (result.isCancelled()) {
        sent.cancel(true);
      }
    }

    private void onExchange(TransportResponse response, Throwable failure) {
      if (result.isDone()) {
        return;
      }
      RetryingCall.Step<T> step;
      try {
        if (failure == null) {
          step = onResponse(call, response);
        } else {
          Throwable cause = unwrap(failure);
          if (!(cause instanceof IOException)) {
            result.completeExceptionally(cause);
            return;
          }
          step = call.onFailure((IOException) cause);
        }
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      if (step.isDone()) {
        result.complete(step.value());
        return;
      }
      try {
        pending = config.scheduler().schedule(step.delay(), () -> attempt(false));
      } catch (RuntimeException e) {
        result.completeExceptionally(e); // a scheduler that was shut down
        return;
      }
      if (result.isCancelled()) {
        pending.cancel();
      }
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable c = failure;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Returns the base URL and transport; never the key. */
  @Override
  public String toString() {
    return "HttpVideoStatusPort[" + config.baseUrl() + ", " + transport.getClass().getSimpleName() + "]";
  }
}
