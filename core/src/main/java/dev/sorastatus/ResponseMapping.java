package dev.sorastatus;

import dev.sorastatus.MalformedResponseException;
import dev.sorastatus.SoraApiException;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.SoraException;
import dev.sorastatus.SoraTransportException;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoNotFoundException;
import dev.sorastatus.spi.TransportRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Turns a transport's response, or its failure, into a {@link Video} or the typed error it stands for. */
final class ResponseMapping {
  private final SoraConfig config;

  ResponseMapping(SoraConfig config) {
    this.config = config;
  }

  /**
   * Returns the video in a successful response, or throws the error the response stands for.
   *
   * @param suffix appended to an error's message, such as {@code " after 3 attempts"}; may be empty
   */
  Video toVideo(VideoId requested, TransportResponse response, String suffix) {
    int status = response.statusCode();
    if (isSuccess(status)) {
      return decode(requested, response, suffix);
    }
    throw toError(requested, response, suffix);
  }

  static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  private Video decode(VideoId requested, TransportResponse response, String suffix) {
    Video video = decodeBody(response, suffix, "a video", body -> VideoMapper.decode(body, requested));
    Optional<Duration> pollAfter = ServerDelays.pollAfter(response);
    return pollAfter.isPresent() ? video.toBuilder().pollAfter(pollAfter.get()).build() : video;
  }

  /**
   * Returns the page of jobs in a successful response, or throws the error the response stands for.
   *
   * @param query the query that was sent: its limit tells a short page from a full one
   * @param suffix appended to an error's message, such as {@code " after 3 attempts"}; may be empty
   */
  VideoPage toPage(VideoListQuery query, TransportResponse response, String suffix) {
    if (isSuccess(response.statusCode())) {
      return decodeBody(response, suffix, "a list of videos", body -> VideoListJson.decode(body, query.limit()));
    }
    throw toError(query.after().orElse(null), response, suffix);
  }

  /** The JSON step of {@link #decodeBody}: bytes in, value out, a {@link JsonFormatException} when they are not one. */
  private interface BodyDecoder<T> {
    T decode(byte[] body);
  }

  /**
   * Returns what a successful body decodes to, after the checks every body passes (within the size limit,
   * not empty, not an HTML page); {@code expected} names it in messages, such as {@code "a video"}.
   */
  private <T> T decodeBody(TransportResponse response, String suffix, String expected, BodyDecoder<T> decoder) {
    int status = response.statusCode();
    if (response.truncated()) {
      throw malformed(response, "HTTP " + status + " response body is larger than the "
          + config.maxResponseBytes() + "-byte limit (SoraConfig.maxResponseBytes)" + suffix, null);
    }
    if (response.body().length == 0) {
      throw malformed(response, "HTTP " + status + " response has an empty body; expected " + expected + suffix, null);
    }
    String contentType = response.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (contentType.contains("text/html")) {
      throw malformed(response, "HTTP " + status + " response is an HTML page, not " + expected + suffix, null);
    }
    try {
      return decoder.decode(response.body());
    } catch (JsonFormatException e) {
      String secret = config.apiKey().reveal();
      String why = Redaction.mask(e.getMessage(), secret);
      // A body that quotes the key in its id must not bring the key along in the cause's message.
      throw malformed(response, "HTTP " + status + " response is not " + expected + ": " + why + suffix,
          why.equals(e.getMessage()) ? e : null);
    }
  }

  /**
   * Returns the error a response that is not a success stands for.
   *
   * @param requested the job the request was about, which a 404 is a {@link VideoNotFoundException} of; null
   *     when it was about no one job, and a 404 is then a {@link SoraApiException} of kind {@code REJECTED}
   * @param suffix appended to the message, such as {@code " after 3 attempts"}; may be empty
   */
  SoraException toError(VideoId requested, TransportResponse response, String suffix) {
    int status = response.statusCode();
    String excerpt = Redaction.excerpt(response.body(), config.apiKey().reveal());
    Optional<String> requestId = response.header("x-request-id")
        .or(() -> response.header("x-oneapi-request-id"))
        .map(id -> Redaction.excerpt(id, config.apiKey().reveal()));
    if (status >= 300 && status < 400) {
      String target = response.header("location").map(ResponseMapping::hostOf).orElse("no location");
      return new SoraApiException("HTTP " + status + " redirect to " + target
          + " was not followed: redirects are never followed, so that the API key stays with the API" + suffix,
          SoraApiException.Kind.REDIRECT, status, Optional.empty(), requestId, Optional.empty(), excerpt);
    }
    ErrorBody body = VideoJson.readError(response.body());
    Optional<String> code = body.codeOptional().map(c -> Redaction.excerpt(c, config.apiKey().reveal()));
    String detail = body.messageOptional().map(m -> Redaction.excerpt(m, config.apiKey().reveal()))
        .orElse(excerpt.isEmpty() ? "(empty body)" : excerpt);
    String ids = code.map(c -> " (code " + c).orElse(" (no code")
        + requestId.map(r -> ", request " + r).orElse("") + ")" + suffix;
    if (requested != null && (status == 404 || (status == 400 && isTaskNotExist(body)))) {
      return new VideoNotFoundException(requested,
          "HTTP " + status + ": video " + requested + " was not found: " + detail + ids,
          status, code, requestId, excerpt);
    }
    if (status == 404) {
      return new SoraApiException("HTTP 404: not found (does this server list jobs?): " + detail + ids,
          SoraApiException.Kind.REJECTED, status, code, requestId, Optional.empty(), excerpt);
    }
    SoraApiException.Kind kind = SoraApiException.Kind.of(status);
    Optional<Duration> retryAfter = kind == SoraApiException.Kind.RATE_LIMITED
        || kind == SoraApiException.Kind.SERVER_ERROR ? ServerDelays.retryAfter(response, config.clock())
        : Optional.empty();
    String what;
    switch (kind) {
      case AUTHENTICATION:
        what = "the API key was refused";
        break;
      case PERMISSION_DENIED:
        what = "permission denied";
        break;
      case RATE_LIMITED:
        what = "rate limited" + retryAfter.map(d -> ", retry after " + d.toMillis() + " ms").orElse("");
        break;
      case SERVER_ERROR:
        what = "server error";
        break;
      default:
        what = "unexpected status";
        break;
    }
    return new SoraApiException("HTTP " + status + ": " + what + ": " + detail + ids,
        kind, status, code, requestId, retryAfter, excerpt);
  }

  /**
   * Returns the error for a request that got no usable response.
   *
   * @param suffix inserted after "failed", such as {@code " after 3 attempts"}; may be empty
   */
  SoraTransportException transportFailure(TransportRequest request, IOException e, String suffix) {
    return new SoraTransportException(request.method() + " " + request.uri() + " failed" + suffix + ": "
        + describe(e), scrub(e));
  }

  /**
   * Returns {@code e}, or, when a message in its cause chain quotes the key (a proxy echoing a header, say),
   * a copy of the same kind with the key masked and the chain dropped, so that no stack trace shows the key.
   */
  private IOException scrub(IOException e) {
    String secret = config.apiKey().reveal();
    boolean leaks = false;
    Throwable t = e;
    for (int depth = 0; t != null && depth < 16 && !leaks; depth++, t = t.getCause()) {
      leaks = String.valueOf(t.getMessage()).contains(secret);
      for (Throwable s : t.getSuppressed()) {
        leaks |= String.valueOf(s).contains(secret);
      }
    }
    if (!leaks) {
      return e;
    }
    String masked = Redaction.mask(String.valueOf(e.getMessage()), secret);
    IOException copy = e instanceof HttpTimeoutException ? new HttpTimeoutException(masked)
        : e instanceof SocketTimeoutException ? new SocketTimeoutException(masked)
        : e instanceof InterruptedIOException ? new InterruptedIOException(masked)
        : new IOException(e.getClass().getName() + ": " + masked);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** Returns the failure's type and masked message, for messages and logs. */
  String describe(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + Redaction.mask(e.getMessage(), config.apiKey().reveal());
  }

  private MalformedResponseException malformed(TransportResponse response, String message, Throwable cause) {
    String excerpt = Redaction.excerpt(response.body(), config.apiKey().reveal());
    return new MalformedResponseException(
        excerpt.isEmpty() ? message : message + "; body starts: " + excerpt,
        response.statusCode(), excerpt, cause);
  }

  private static boolean isTaskNotExist(ErrorBody body) {
    return "task_not_exist".equalsIgnoreCase(body.code())
        || (body.message() != null && body.message().trim().equalsIgnoreCase("task_not_exist"));
  }

  private static String hostOf(String location) {
    try {
      URI uri = URI.create(location.trim());
      return uri.getHost() != null ? "host " + uri.getHost() : "a relative location";
    } catch (IllegalArgumentException e) {
      return "an unparseable location";
    }
  }
}
