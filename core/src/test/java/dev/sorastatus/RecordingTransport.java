package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that records every request and answers with a canned response, a canned failure, or (for
 * async calls) a future the test completes or watches.
 */
final class RecordingTransport implements BufferedTransport {
  final List<TransportRequest> requests = new ArrayList<>();
  private TransportResponse response;
  private IOException failure;
  private CompletableFuture<TransportResponse> pending;

  RecordingTransport answer(TransportResponse response) {
    this.response = response;
    this.failure = null;
    return this;
  }

  RecordingTransport fail(IOException failure) {
    this.failure = failure;
    this.response = null;
    return this;
  }

  /** Makes {@link #executeAsync} return {@code future} as is. */
  RecordingTransport hold(CompletableFuture<TransportResponse> future) {
    this.pending = future;
    return this;
  }

  TransportRequest lastRequest() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    requests.add(request);
    if (failure != null) {
      throw failure;
    }
    return response;
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    requests.add(request);
    if (pending != null) {
      return pending;
    }
    return failure != null ? CompletableFuture.failedFuture(failure) : CompletableFuture.completedFuture(response);
  }

}
