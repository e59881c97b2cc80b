package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that answers from a script, in order, and records every request; the last entry repeats.
 * An entry that is {@link #HANG} leaves the async exchange pending, for cancellation tests.
 */
final class ScriptedTransport implements BufferedTransport {
  static final Object HANG = new Object();

  private final Deque<Object> script = new ArrayDeque<>();
  private final List<TransportRequest> requests = new ArrayList<>();
  private final List<CompletableFuture<TransportResponse>> exchanges = new ArrayList<>();
  private Object last;

  static TransportResponse response(int status, String body, String... headerPairs) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.computeIfAbsent(headerPairs[i], k -> new ArrayList<>()).add(headerPairs[i + 1]);
    }
    headers.putIfAbsent("content-type", List.of("application/json"));
    return new TransportResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
  }

  static TransportResponse video(String id) {
    return response(200, "{\"id\":\"" + id + "\",\"object\":\"video\",\"status\":\"queued\"}");
  }

  static TransportResponse status(int status, String... headerPairs) {
    return response(status, "{\"error\":{\"message\":\"status " + status + "\",\"code\":\"c" + status + "\"}}",
        headerPairs);
  }

  synchronized ScriptedTransport then(Object outcome) {
    script.add(outcome);
    return this;
  }

  synchronized ScriptedTransport then(Object outcome, int times) {
    for (int i = 0; i < times; i++) {
      script.add(outcome);
    }
    return this;
  }

  synchronized List<TransportRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized List<CompletableFuture<TransportResponse>> exchanges() {
    return List.copyOf(exchanges);
  }

  private synchronized Object next(TransportRequest request) {
    requests.add(request);
    Object o = script.isEmpty() ? last : script.poll();
    if (o == null) {
      throw new AssertionError("script ran out at request " + requests.size());
    }
    last = o;
    return o;
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    Object o = next(request);
    if (o instanceof IOException) {
      throw (IOException) o;
    }
    if (o instanceof RuntimeException) {
      throw (RuntimeException) o;
    }
    return (TransportResponse) o;
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Object o = next(request);
    CompletableFuture<TransportResponse> f = new CompletableFuture<>();
    synchronized (this) {
      exchanges.add(f);
    }
    if (o instanceof Throwable) {
      f.completeExceptionally((Throwable) o);
    } else if (o != HANG) {
      f.complete((TransportResponse) o);
    }
    return f;
  }

}
