package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content protocol, written once over any {@link StreamingTransport}. It builds the
 * content endpoint's URL, sends the API key only to the API's own origin (scheme, host and port of
 * {@link SoraConfig#baseUrl()}), follows redirects and a JSON answer naming a URL, asks for ranges, reads
 * {@code Content-Range}, and turns error responses into the same typed errors as
 * {@link HttpVideoStatusPort}. {@link SoraClient} hands it to {@link VideoDownloader}.
 */
final class HttpVideoContentPort implements VideoContentPort {
  /** Redirects followed for one request, beyond which the last one is reported as an error. */
  static final int MAX_REDIRECTS = 5;
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?i)\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*");

  private final SoraConfig config;
  private final StreamingTransport transport;
  private final ResponseMapping responses;
  private final Map<String, String> apiHeaders;
  private final Map<String, String> foreignHeaders;
  private final String videosPrefix;
  private final String querySuffix;

  private HttpVideoContentPort(SoraConfig config, StreamingTransport transport) {
    this.config = config;
    this.transport = transport;
    this.responses = new ResponseMapping(config);
    Map<String, String> foreign = new LinkedHashMap<>();
    foreign.put("Accept", "*/*");
    foreign.put("User-Agent", config.userAgent());
    Map<String, String> api = new LinkedHashMap<>();
    config.putCredential(api);
    api.putAll(foreign);
    api.putAll(config.extraHeaders()); // may carry credentials of their own: never sent to another origin
    this.apiHeaders = Map.copyOf(api);
    this.foreignHeaders = Map.copyOf(foreign);
    this.videosPrefix = config.baseUrl() + "/videos/";
    this.querySuffix = config.encodedQuerySuffix();
  }

  /**
   * Returns the protocol over {@code transport}.
   *
   * @param config where the API is and how to reach it
   * @param transport what streams the bytes; not closed by this port
   * @return the port
   * @throws NullPointerException if an argument is null
   */
  static HttpVideoContentPort create(SoraConfig config, StreamingTransport transport) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(transport, "transport == null");
    return new HttpVideoContentPort(config, transport);
  }

  /**
   * Returns the URL of a job's content endpoint, {@code <baseUrl>/videos/<id>/content?variant=<variant>}.
   *
   * @param id the job
   * @param variant which file
   * @return the absolute URL
   * @throws NullPointerException if an argument is null
   */
  URI contentUri(VideoId id, Variant variant) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(variant, "variant == null");
    return URI.create(videosPrefix + id.value() + "/content?variant=" + variant.wireName() + querySuffix);
  }

  /**
   * Returns whether {@code uri} is on the API's own origin, the only one the API key is sent to.
   *
   * @param uri an absolute URI
   * @return true when scheme, host and port equal those of {@link SoraConfig#baseUrl()}
   * @throws NullPointerException if {@code uri} is null
   */
  boolean isApiOrigin(URI uri) {
    Objects.requireNonNull(uri, "uri == null");
    return Urls.sameOrigin(config.baseUrl(), uri);
  }

  /**
   * Returns the {@code GET} for {@code uri}: with the API's credentials and configured headers only on the
   * API's origin, and with {@code Range}/{@code If-Range} when {@code request} starts past byte 0.
   *
   * @param uri where to send it
   * @param request the offset and entity tag to resume from
   * @return the request
   */
  TransportRequest request(URI uri, ContentRequest request) {
    Map<String, String> headers = new LinkedHashMap<>(isApiOrigin(uri) ? apiHeaders : foreignHeaders);
    if (request.offset() > 0) {
      headers.put("Range", "bytes=" + request.offset() + "-");
      request.ifRange().ifPresent(tag -> headers.put("If-Range", tag));
    }
    return new TransportRequest("GET", uri, headers, config.requestTimeout());
  }

  @Override
  public CompletableFuture<Void> stream(ContentRequest request, ContentSink sink) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(sink, "sink == null");
    Transfer transfer = new Transfer(request, sink);
    transfer.send(request.url().orElseGet(() -> contentUri(request.videoId(), request.variant())), false, 0);
    return transfer.result;
  }

  /** Returns the base URL and transport; never the key. */
  @Override
  public String toString() {
    return "HttpVideoContentPort[" + config.baseUrl() + ", " + transport.getClass().getSimpleName() + "]";
  }

  SoraTransportException transportFailure(URI uri, IOException e) {
    String message = e.getMessage();
    String what = message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + Redaction.mask(Urls.maskQuery(message, uri), config.apiKey().reveal());
    return new SoraTransportException("GET " + Urls.withoutQuery(uri) + " failed: " + what, e);
  }

  /** One request of the caller, across the redirects and the JSON answer it is followed through. */
  private final class Transfer {
    final ContentRequest request;
    final ContentSink sink;
    final CompletableFuture<Void> result = new CompletableFuture<>();
    final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();

    Transfer(ContentRequest request, ContentSink sink) {
      this.request = request;
      this.sink = sink;
      result.whenComplete((ignored, failure) -> {
        CompletableFuture<Void> exchange = inFlight.get();
        if (failure instanceof CancellationException && exchange != null) {
          exchange.cancel(true); // abandon the exchange in flight
        }
      });
    }

    void send(URI uri, boolean followedJson, int redirects) {
      if (result.isDone()) {
        return;
      }
      Hop hop = new Hop(this, uri, followedJson, redirects);
      CompletableFuture<Void> exchange;
      try {
        exchange = transport.stream(request(uri, request), hop);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      inFlight.set(exchange);
      if (result.isCancelled()) {
        exchange.cancel(true);
      }
      exchange.whenComplete((ignored, failure) -> hop.ended(failure));
    }

    void fail(Throwable failure) {
      result.completeExceptionally(failure);
    }
  }

  /** How a hop treats its body. */
  private enum Mode { CONTENT, JSON, REFUSED, REDIRECT, ERROR }

  /** One exchange of a transfer. */
  private final class Hop implements ResponseSink {
    final Transfer transfer;
    final URI uri;
    final boolean followedJson;
    final int redirects;
    Mode mode;
    int statusCode;
    Map<String, List<String>> headers;
    BoundedBody buffered;
    URI location;

    Hop(Transfer transfer, URI uri, boolean followedJson, int redirects) {
      this.transfer = transfer;
      this.uri = uri;
      this.followedJson = followedJson;
      this.redirects = redirects;
    }

    @Override
    public void onHead(int status, Map<String, List<String>> rawHeaders) throws IOException {
      statusCode = status;
      headers = TransportResponse.normalise(rawHeaders);
      long declared = header("content-length").map(HttpVideoContentPort::parseLength).orElse(-1L);
      if (status >= 200 && status < 300) {
        if (!followedJson && isJson(header("content-type"))) {
          mode = Mode.JSON;
          buffered = new BoundedBody(config.maxResponseBytes(), declared);
          return;
        }
        if (!DownloadJob.isMediaType(header("content-type"))) {
          mode = Mode.REFUSED; // an error page or JSON served as the file: kept for its message, never written
          buffered = new BoundedBody(config.maxResponseBytes(), declared);
          return;
        }
        mode = Mode.CONTENT;
        ContentHead head;
        try {
          head = toHead(status, declared);
          transfer.sink.head(head);
        } catch (RuntimeException e) {
          throw new SinkFailure(e);
        }
        return;
      }
      Optional<URI> target = isRedirect(status) && redirects < MAX_REDIRECTS ? redirectTarget() : Optional.empty();
      if (target.isPresent()) {
        mode = Mode.REDIRECT;
        location = target.get();
        return;
      }
      mode = Mode.ERROR;
      buffered = new BoundedBody(config.maxResponseBytes(), declared);
    }

    @Override
    public void onBody(ByteBuffer chunk) throws IOException {
      switch (mode) {
        case CONTENT:
          try {
            transfer.sink.write(chunk);
          } catch (RuntimeException e) {
            throw new SinkFailure(e);
          }
          chunk.position(chunk.limit());
          break;
        case JSON:
        case REFUSED:
        case ERROR:
          buffered.append(chunk); // keeps at most the limit; the rest is dropped
          break;
        default:
          chunk.position(chunk.limit());
      }
    }

    void ended(Throwable failure) {
      if (failure != null) {
        transfer.fail(mapFailure(failure));
        return;
      }
      if (mode == null) {
        transfer.fail(transportFailure(uri, new IOException("the transport ended the exchange without a response")));
        return;
      }
      try {
        switch (mode) {
          case CONTENT:
            transfer.result.complete(null);
            break;
          case REDIRECT:
            transfer.send(location, followedJson, redirects + 1);
            break;
          case JSON:
            followJson();
            break;
          case REFUSED:
            refuse();
            break;
          default:
            transfer.fail(responses.toError(transfer.request.videoId(), buffered.toResponse(statusCode, headers), ""));
        }
      } catch (RuntimeException e) {
        transfer.fail(e);
      }
    }

    private void followJson() {
      TransportResponse response = buffered.toResponse(statusCode, headers);
      VideoId id = transfer.request.videoId();
      Optional<String> url = response.truncated() ? Optional.empty() : ContentJson.url(response.body());
      if (url.isEmpty()) {
        String excerpt = Redaction.excerpt(response.body(), config.apiKey().reveal());
        transfer.fail(VideoDownloadException.rejected(id, "content of video " + id + " is JSON without a url"
                + (excerpt.isEmpty() ? "" : "; body starts: " + excerpt)));
        return;
      }
      URI next;
      try {
        next = uri.resolve(url.get());
      } catch (IllegalArgumentException e) {
        throw new MalformedResponseException("HTTP " + statusCode + " content of video " + id
            + " names a url that is not a valid URI", statusCode, "", e);
      }
      checkHttp(next, "names a url");
      transfer.send(next, true, redirects);
    }

    private void refuse() {
      VideoId id = transfer.request.videoId();
      String excerpt = Redaction.excerpt(buffered.toResponse(statusCode, headers).body(), config.apiKey().reveal());
      transfer.fail(VideoDownloadException.rejected(id, "content of video " + id + " is "
          + header("content-type").orElse("?").trim() + " (HTTP " + statusCode + "), not a video, an image or "
          + "binary data" + (excerpt.isEmpty() ? "" : "; the server said: " + excerpt)));
    }

    private Optional<URI> redirectTarget() {
      Optional<String> value = header("location");
      if (value.isEmpty() || value.get().isBlank()) {
        return Optional.empty();
      }
      URI next;
      try {
        next = uri.resolve(value.get().trim());
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // reported as the redirect it is
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && next.getHost() != null
          ? Optional.of(next) : Optional.empty();
    }

    private void checkHttp(URI next, String what) {
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || next.getHost() == null) {
        throw new MalformedResponseException("HTTP " + statusCode + " content of video "
            + transfer.request.videoId() + " " + what + " that is not an absolute http(s) URL", statusCode, "", null);
      }
    }

    private ContentHead toHead(int status, long declared) {
      OptionalLong length = declared >= 0 ? OptionalLong.of(declared) : OptionalLong.empty();
      Optional<String> type = header("content-type").map(String::trim).filter(t -> !t.isEmpty());
      Optional<String> tag = header("etag").map(String::trim).filter(t -> t.startsWith("\""));
      if (status != 206) {
        return new ContentHead(0, length, length, type, tag);
      }
      String range = header("content-range").orElse("");
      Matcher m = CONTENT_RANGE.matcher(range);
      long wanted = transfer.request.offset();
      if (!m.matches()) {
        throw malformed("HTTP 206 for bytes from " + wanted + " has no usable Content-Range ("
            + (range.isEmpty() ? "none" : Redaction.excerpt(range, null)) + ")");
      }
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      OptionalLong total = m.group(3).equals("*") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(3)));
      if (first != wanted || last < first || (total.isPresent() && last >= total.getAsLong())) {
        throw malformed("HTTP 206 Content-Range " + range.trim() + " does not continue at byte " + wanted);
      }
      long count = last - first + 1;
      if (length.isPresent() && length.getAsLong() != count) {
        throw malformed("HTTP 206 Content-Length " + length.getAsLong() + " contradicts Content-Range " + range.trim());
      }
      return new ContentHead(first, OptionalLong.of(count), total, type, tag);
    }

    private MalformedResponseException malformed(String message) {
      return new MalformedResponseException(message + " for video " + transfer.request.videoId(), statusCode, "", null);
    }

    private Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private Throwable mapFailure(Throwable failure) {
      Throwable cause = failure;
      while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      for (Throwable c = cause; c != null; c = c.getCause()) {
        if (c instanceof SinkFailure) {
          return c.getCause(); // what the sink threw, exactly
        }
      }
      if (cause instanceof IOException) {
        return transportFailure(uri, (IOException) cause);
      }
      return cause;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean isJson(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return false;
    }
    String t = contentType.get().toLowerCase(Locale.ROOT);
    int semicolon = t.indexOf(';');
    t = (semicolon >= 0 ? t.substring(0, semicolon) : t).trim();
    return t.equals("application/json") || t.equals("text/json") || t.endsWith("+json");
  }

  private static long parseLength(String value) {
    try {
      long n = Long.parseLong(value.trim());
      return n >= 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Carries what the content sink (or this port, judging a head) threw through a transport. */
  private static final class SinkFailure extends IOException {
    private static final long serialVersionUID = 1L;

    SinkFailure(RuntimeException cause) {
      super("the content sink refused the response", cause);
    }
  }
}
