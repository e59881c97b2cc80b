package dev.sorastatus.testkit;

import dev.sorastatus.VideoId;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The video API the soak server plays: {@code GET /v1/videos/{id}} for its jobs, each answer either the
 * job's state on its timeline or a fault. The fault of the {@code n}-th request about a job depends only on
 * the seed, the job and {@code n}, so a seed injects the same faults in the same places however the
 * requests interleave. Records every answer.
 */
final class SoakApi {
  private static final String PREFIX = "/v1/videos/";
  private static final String SERVER_ERROR = "{\"error\":{\"message\":\"The server had an error while processing your"
      + " request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
  private static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for requests\","
      + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
  private static final String NOT_FOUND = "{\"error\":{\"message\":\"Video not found.\",\"type\":"
      + "\"invalid_request_error\",\"param\":null,\"code\":\"video_not_found\"}}";
  private static final String BAD_GATEWAY = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
      + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  private static final String CHALLENGE = "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
      + "</head><body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>";

  private final long seed;
  private final long createdAt;
  private final List<SoakJob> jobs;
  private final Map<String, SoakJob> byId = new HashMap<>();

  // Guarded by this: written on the server's thread, read by the test.
  private final long[] firstAsked;
  private final int[] asked;
  private final List<Served> served = new ArrayList<>();
  private final Map<SoakFault, Integer> injected = new EnumMap<>(SoakFault.class);

  /** One answer: what was asked, on which connection, and what the server sent. */
  record Served(long seq, int connection, String asked, SoakFault fault, String bodyId, String status,
      int progress, long atNanos) {
    boolean isFault() {
      return fault != SoakFault.NONE;
    }

    /** Returns whether this answer carried the asked job's own final state. */
    boolean isOwnFinal() {
      return fault == SoakFault.NONE && ("completed".equals(status) || "failed".equals(status));
    }

    @Override
    public String toString() {
      String what = fault == SoakFault.NONE ? status + " " + progress + "%"
          : fault == SoakFault.OTHER_JOB ? "OTHER_JOB(" + bodyId + " " + status + ")" : fault.name();
      return "#" + seq + " @" + atNanos / 1_000_000 + "ms conn " + connection + ": " + what;
    }
  }

  /** How the server ends a response. */
  enum Ending {
    /** Keep the connection for the next request. */
    KEEP_ALIVE,
    /** Close the connection (a FIN). */
    CLOSE,
    /** Reset the connection (an RST). */
    RESET,
    /** Send {@link Response#drip()} a byte at a time, then close. */
    DRIP
  }

  /** The bytes of one answer and how it ends. */
  record Response(byte[] bytes, Ending ending, byte[] drip) {}

  SoakApi(long seed, int jobCount, long createdAtEpochSecond) {
    this.seed = seed;
    this.createdAt = createdAtEpochSecond;
    this.jobs = SoakJob.generate(jobCount, seed);
    for (SoakJob j : jobs) {
      byId.put(j.id().value(), j);
    }
    this.firstAsked = new long[jobCount];
    this.asked = new int[jobCount];
  }

  List<SoakJob> jobs() {
    return jobs;
  }

  /** Answers a request for {@code path} on connection {@code connection}, {@code nowNanos} into the soak. */
  synchronized Response respond(String path, int connection, long nowNanos) {
    SoakJob job = path.startsWith(PREFIX) ? byId.get(path.substring(PREFIX.length())) : null;
    long seq = served.size() + 1;
    if (job == null) {
      served.add(new Served(seq, connection, path, SoakFault.NONE, null, "404", 0, nowNanos));
      return keep(head(404, "Not Found", "application/json", NOT_FOUND.length(), "") + NOT_FOUND);
    }
    int i = job.index();
    int n = asked[i]++;
    if (n == 0) {
      firstAsked[i] = nowNanos;
    }
    SoakFault fault = faultOf(i, n);
    injected.merge(fault, 1, Integer::sum);
    SoakJob.State state = job.stateAt((nowNanos - firstAsked[i]) / 1_000_000);
    SoakJob bodyOf = job;
    if (fault == SoakFault.OTHER_JOB) {
      int other = (i + 1 + (int) Long.remainderUnsigned(Seeds.mix(seed + i * 31L + n), jobs.size() - 1)) % jobs.size();
      bodyOf = jobs.get(other);
      state = bodyOf.finalState();
    }
    served.add(new Served(seq, connection, job.id().value(), fault, bodyOf.id().value(), state.rawStatus(),
        state.progress(), nowNanos));
    String body = bodyOf.json(state, createdAt);
    String rid = "x-request-id: req_soak_" + seq + "\r\n";
    return switch (fault) {
      case NONE, OTHER_JOB -> keep(head(200, "OK", "application/json", body.length(), rid) + body);
      case SERVER_ERROR_JSON ->
          keep(head(500, "Internal Server Error", "application/json", SERVER_ERROR.length(), rid) + SERVER_ERROR);
      case SERVER_ERROR_HTML -> keep(head(502, "Bad Gateway", "text/html", BAD_GATEWAY.length(), "") + BAD_GATEWAY);
      case RATE_LIMIT_SECONDS -> rateLimited(rid + "Retry-After: 1\r\n");
      case RATE_LIMIT_MILLIS -> rateLimited(rid + "retry-after-ms: 150\r\n");
      case RATE_LIMIT_DATE -> rateLimited(rid + "Retry-After: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
          ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS)) + "\r\n");
      case RATE_LIMIT_HOUR -> rateLimited(rid + "Retry-After: 3600\r\n");
      case RESET -> new Response(new byte[0], Ending.RESET, null);
      case STATUS_LINE_THEN_CLOSE -> new Response(ascii("HTTP/1.1 200 OK\r\n"), Ending.CLOSE, null);
      case TRUNCATED_JSON -> {
        String half = body.substring(0, body.length() / 2);
        yield keep(head(200, "OK", "application/json", half.length(), rid) + half);
      }
      case CONTENT_LENGTH_PAST_BODY ->
          new Response(ascii(head(200, "OK", "application/json", body.length() + 64, rid) + body), Ending.CLOSE, null);
      case SLOW_DRIP ->
          new Response(ascii(head(200, "OK", "application/json", body.length(), rid)), Ending.DRIP, ascii(body));
      case HTML_200 -> keep(head(200, "OK", "text/html; charset=UTF-8", CHALLENGE.length(), "") + CHALLENGE);
      case EMPTY_200 -> keep(head(200, "OK", "application/json", 0, rid));
      case BROKEN_CHUNKED -> new Response(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n" + rid + "\r\n10\r\n" + body.substring(0, 16) + "\r\nzz\r\n"
          + body.substring(16, 40)), Ending.CLOSE, null);
    };
  }

  /** Returns the fault of the {@code n}-th request about job {@code i}: a function of the seed, i and n alone. */
  private SoakFault faultOf(int i, int n) {
    return SoakFault.forDraw((int) Long.remainderUnsigned(Seeds.mix(seed ^ Seeds.mix(((long) i << 20) + n)), 1000));
  }

  private static Response rateLimited(String headers) {
    return keep(head(429, "Too Many Requests", "application/json", RATE_LIMITED.length(), headers) + RATE_LIMITED);
  }

  private static String head(int status, String reason, String type, int length, String extra) {
    return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length
        + "\r\n" + extra + "\r\n";
  }

  private static Response keep(String text) {
    return new Response(ascii(text), Ending.KEEP_ALIVE, null);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Returns every answer so far, in the order sent. */
  synchronized List<Served> served() {
    return List.copyOf(served);
  }

  /** Returns how many answers of each kind were sent, faults and clean ones. */
  synchronized Map<SoakFault, Integer> injected() {
    return new EnumMap<>(injected);
  }

  /** Returns the answers about {@code id}, in the order sent. */
  static List<Served> about(List<Served> served, VideoId id) {
    List<Served> out = new ArrayList<>();
    for (Served s : served) {
      if (s.asked().equals(id.value())) {
        out.add(s);
      }
    }
    return out;
  }
}
