package dev.sorastatus.spi;

import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatusPort;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The video API's protocol, written once over any {@link HttpTransport}; for implementers. It builds the
 * URL and headers, and turns responses into {@link Video}s and typed errors, so that a transport only moves
 * bytes. Transport modules wrap it in their public adapter.
 *
 * <pre>{@code
 * VideoStatusPort port = HttpVideoStatusPort.create(config, myTransport);
 * }</pre>
 */
public final class HttpVideoStatusPort implements VideoStatusPort {
  private final SoraConfig config;
  private final HttpTransport transport;
  private final ResponseMapping responses;
  private final Map<String, String> headers;
  private final String videosPrefix;

  private HttpVideoStatusPort(SoraConfig config, HttpTransport transport) {
    this.config = config;
    this.transport = transport;
    this.responses = new ResponseMapping(config);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer " + config.apiKey().reveal());
    h.put("Accept", "application/json");
    h.put("User-Agent", config.userAgent());
    h.putAll(config.extraHeaders());
    this.headers = Map.copyOf(h);
    this.videosPrefix = config.baseUrl() + "/videos/";
  }

  /**
   * Returns the protocol over {@code transport}.
   *
   * @param config where the API is and how to reach it
   * @param transport what moves the bytes; not closed by this port
   * @return the port
   * @throws NullPointerException if an argument is null
   */
  public static HttpVideoStatusPort create(SoraConfig config, HttpTransport transport) {
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
  public URI statusUri(VideoId id) {
    Objects.requireNonNull(id, "id == null");
    return URI.create(videosPrefix + id.value());
  }

  /**
   * Returns the request that reads a job's status.
   *
   * @param id the job
   * @return a {@code GET} with the authorization, accept, user-agent and configured headers
   */
  public TransportRequest statusRequest(VideoId id) {
    return new TransportRequest("GET", statusUri(id), headers, config.requestTimeout(), config.maxResponseBytes());
  }

  @Override
  public Video retrieve(VideoId id) {
    TransportRequest request = statusRequest(id);
    TransportResponse response;
    try {
      response = transport.execute(request);
    } catch (IOException e) {
      if (e.getClass() == InterruptedIOException.class) {
        Thread.currentThread().interrupt(); // an interrupt, not a timeout subclass: keep it visible
      }
      throw responses.transportFailure(request, e);
    }
    return responses.toVideo(id, response);
  }

  @Override
  public CompletableFuture<Video> retrieveAsync(VideoId id) {
    TransportRequest request = statusRequest(id);
    CompletableFuture<TransportResponse> exchange = transport.executeAsync(request);
    CompletableFuture<Video> result = new CompletableFuture<>();
    exchange.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(mapFailure(request, failure));
        return;
      }
      try {
        result.complete(responses.toVideo(id, response));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    result.whenComplete((video, failure) -> {
      if (failure instanceof CancellationException) {
        exchange.cancel(true); // abandon the request in flight
      }
    });
    return result;
  }

  private Throwable mapFailure(TransportRequest request, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    if (cause instanceof IOException) {
      return responses.transportFailure(request, (IOException) cause);
    }
    return cause;
  }

  /** Returns the base URL and transport; never the key. */
  @Override
  public String toString() {
    return "HttpVideoStatusPort[" + config.baseUrl() + ", " + transport.getClass().getSimpleName() + "]";
  }
}
