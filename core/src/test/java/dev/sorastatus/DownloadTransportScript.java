package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A {@link StreamingTransport} that answers with scripted responses, in order, and records the requests. */
final class DownloadTransportScript implements StreamingTransport {
  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<TransportRequest> requests = new ArrayList<>();

  /** One scripted response: status, headers, body, and an optional failure after the body. */
  record Answer(int status, Map<String, List<String>> headers, byte[] body, IOException failure) {}

  synchronized DownloadTransportScript answer(int status, Map<String, List<String>> headers, byte[] body) {
    answers.add(new Answer(status, headers, body, null));
    return this;
  }

  synchronized DownloadTransportScript answer(int status, Map<String, List<String>> headers, String body) {
    return answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  synchronized DownloadTransportScript fail(IOException failure) {
    answers.add(new Answer(0, Map.of(), new byte[0], failure));
    return this;
  }

  synchronized List<TransportRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public CompletableFuture<Void> stream(TransportRequest request, ResponseSink sink) {
    Answer a;
    synchronized (this) {
      requests.add(request);
      a = answers.poll();
    }
    if (a == null) {
      return CompletableFuture.failedFuture(new AssertionError("unscripted request " + request));
    }
    try {
      if (a.status() != 0) {
        sink.onHead(a.status(), a.headers());
        for (int i = 0; i < a.body().length; i += 100) {
          sink.onBody(ByteBuffer.wrap(a.body(), i, Math.min(100, a.body().length - i)));
        }
      }
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return a.failure() == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(a.failure());
  }
}
