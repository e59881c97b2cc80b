package dev.sorastatus.testkit;

import dev.sorastatus.ApiKey;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.spi.TransportRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers requests as the video API would, from the scripts: the one place both the in-memory transport and
 * the HTTP server ask, so that both modes answer alike. Thread-safe.
 */
final class Responder {
  static final String VIDEOS = "/v1/videos/";
  static final String LISTING = "/v1/videos";
  /** The page size of a listing that asks for none, and the largest it may ask for, as OpenAI's. */
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final URI PLACEHOLDER_BASE = URI.create("http://fake-video-api.localhost/v1");
  private static final String JSON = "application/json";
  private static final DateTimeFormatter ONEAPI_ID =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final List<String> VARIANTS = List.of("video", "thumbnail", "spritesheet");

  private final long seed;
  private final DialectWriter writer;
  private final String authorization;
  private final boolean strict;
  private final VirtualTime time;
  private volatile Faults faults;
  private volatile URI publicBase = PLACEHOLDER_BASE;

  private final Map<VideoId, Job> jobs = new ConcurrentHashMap<>();
  private final Map<VideoId, AtomicLong> retrievals = new ConcurrentHashMap<>();
  private final Map<VideoId, AtomicLong> contentReads = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong requestIds = new AtomicLong();
  private final List<RecordedRequest> journal = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  /** Faults that answer the next listing requests, one each, before the listing itself. */
  private final Deque<Step> listingFaults = new ArrayDeque<>();

  Responder(long seed, Dialect dialect, ApiKey key, boolean strict, VirtualTime time, Faults faults) {
    this.seed = seed;
    this.writer = dialect.writer();
    this.authorization = "Bearer " + key.reveal();
    this.strict = strict;
    this.time = time;
    this.faults = faults;
  }

  // ---- state ---------------------------------------------------------------------------------------------

  void define(Job job) {
    jobs.put(job.id, job);
  }

  Job job(VideoId id) {
    return jobs.get(id);
  }

  void faults(Faults faults) {
    this.faults = faults;
  }

  void failListing(Step fault, int times) {
    synchronized (listingFaults) {
      for (int i = 0; i < times; i++) {
        listingFaults.add(fault);
      }
    }
  }

  void publicBase(URI base) {
    this.publicBase = base;
  }

  URI contentUri(VideoId id) {
    return URI.create(publicBase + "/videos/" + id.value() + "/content");
  }

  long requestCount() {
    return requests.get();
  }

  long retrievals(VideoId id) {
    AtomicLong n = retrievals.get(id);
    return n == null ? 0 : n.get();
  }

  List<RecordedRequest> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  boolean strict() {
    return strict;
  }

  void reset() {
    jobs.clear();
    retrievals.clear();
    contentReads.clear();
    requests.set(0);
    synchronized (journal) {
      journal.clear();
    }
    synchronized (violations) {
      violations.clear();
    }
    synchronized (listingFaults) {
      listingFaults.clear();
    }
  }

  // ---- answering -----------------------------------------------------------------------------------------

  FakeResponse handle(FakeRequest request) {
    requests.incrementAndGet();
    Instant at = time.now();
    Optional<VideoId> id = idOf(request.path());
    FakeResponse response = answer(request, id.orElse(null), at);
    RecordedRequest entry = new RecordedRequest(at, request.method(), request.path(), request.query(),
        masked(request.headers()), response.journalStatus(), id);
    synchronized (journal) {
      journal.add(entry);
    }
    return response;
  }

  private FakeResponse answer(FakeRequest request, VideoId id, Instant now) {
    boolean content = request.path().endsWith("/content");
    if (id == null && request.path().equals(LISTING)) {
      return listing(request, now);
    }
    if (id == null) {
      FakeResponse r = error(404, "invalid_request_error", null,
          "Invalid URL (" + request.method() + " " + request.path() + ")");
      if (strict) {
        r.violation = violation(request.method() + " " + request.path()
            + " is not an endpoint the fake serves (GET /v1/videos, GET /v1/videos/{id}, GET /v1/videos/{id}/content)");
      }
      return r;
    }
    long index = content ? -1 : retrievals.computeIfAbsent(id, k -> new AtomicLong()).getAndIncrement();
    FakeResponse refused = refusal(request);
    if (refused != null) {
      return refused;
    }
    Job job = jobs.get(id);
    if (job == null) {
      if (strict) {
        String v = violation(request.method() + " " + request.path() + " asked for video " + id
            + ", which no script defines");
        FakeResponse r = notFound(id, v);
        r.violation = v;
        return r;
      }
      return notFound(id, writer.notFoundMessage(id.value()));
    }
    return content ? content(job, request, now) : status(job, index, now);
  }

  /** Returns the answer to a request with another method than GET or without the key, else null. */
  private FakeResponse refusal(FakeRequest request) {
    if (!request.method().equals("GET")) {
      return error(405, "invalid_request_error", "method_not_allowed",
          "Method " + request.method() + " is not allowed on " + request.path()).header("Allow", "GET");
    }
    if (!authorization.equals(request.header("authorization"))) {
      return unauthorized(request.header("authorization") == null
          ? "You didn't provide an API key. Provide it in an Authorization header (Bearer auth)."
          : "Incorrect API key provided.");
    }
    return null;
  }

  /**
   * Answers {@code GET /v1/videos?limit=&order=&after=}: every job that has a state, newest first (by
   * creation, then by when it was scripted) unless {@code order=asc}, each as a read would show it without
   * moving its script. A bad {@code limit} or {@code order} is a 400; an {@code after} that names no listed
   * job is answered as a read of an unknown job is (404, or a gateway's 400 {@code task_not_exist}).
   */
  private FakeResponse listing(FakeRequest request, Instant now) {
    FakeResponse refused = refusal(request);
    if (refused != null) {
      return refused;
    }
    Step fault;
    synchronized (listingFaults) {
      fault = listingFaults.poll();
    }
    if (fault != null) {
      return fault.kind == Step.Kind.MALFORMED
          ? json(200, "{\"object\":\"list\",\"data\":[{\"id\": \"video_".getBytes(StandardCharsets.UTF_8))
          : fault(fault, null);
    }
    String rawLimit = request.queryParameter("limit");
    int limit = rawLimit == null ? DEFAULT_LIMIT : parseLimit(rawLimit);
    if (limit < 1) {
      return error(400, "invalid_request_error", "invalid_value", "Invalid 'limit': expected an integer from 1 to "
          + MAX_LIMIT + ", but got '" + rawLimit + "'.");
    }
    String order = request.queryParameter("order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      return error(400, "invalid_request_error", "invalid_value",
          "Invalid value for 'order': expected one of asc, desc, but got '" + order + "'.");
    }
    List<Listed> listed = new ArrayList<>();
    for (Job job : jobs.values()) {
      Job.Taken taken = job.currentState(now);
      if (taken != null && taken.step().isState()) {
        listed.add(new Listed(job, render(job, taken)));
      }
    }
    Comparator<Listed> oldestFirst = Comparator.comparing((Listed l) -> l.job.createdAt).thenComparingLong(l -> l.job.row);
    listed.sort("asc".equals(order) ? oldestFirst : oldestFirst.reversed());
    int start = 0;
    String after = request.queryParameter("after");
    if (after != null) {
      start = -1;
      for (int i = 0; i < listed.size() && start < 0; i++) {
        if (listed.get(i).job.id.value().equals(after)) {
          start = i + 1;
        }
      }
      if (start < 0) {
        return notFound(null, writer.notFoundMessage(after));
      }
    }
    List<Listed> page = listed.subList(start, Math.min(listed.size(), start + limit));
    List<Video> videos = new ArrayList<>();
    List<Long> rows = new ArrayList<>();
    page.forEach(l -> {
      videos.add(l.video);
      rows.add(l.job.row);
    });
    return json(200, writer.list(videos, rows, start + page.size() < listed.size()));
  }

  /** A job in a listing, and how it shows there. */
  private record Listed(Job job, Video video) {}

  /** Returns {@code raw} as a page size of 1 to {@link #MAX_LIMIT}, or -1. */
  private static int parseLimit(String raw) {
    if (raw.isEmpty() || raw.length() > 3 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int n = Integer.parseInt(raw);
    return n >= 1 && n <= MAX_LIMIT ? n : -1;
  }

  /** Answers the {@code index}-th read of {@code job}: an injected fault, or the script's next step. */
  private FakeResponse status(Job job, long index, Instant now) {
    Faults.Draw draw = faults.draw(seed, job.id.value(), index);
    FakeResponse r;
    switch (draw.kind()) {
      case SERVER_ERROR: r = serverError(draw.status()); break;
      case RATE_LIMITED: r = rateLimited(draw.retryAfter()); break;
      case MALFORMED: r = malformed(job.id); break;
      case DROP: r = FakeResponse.dropped(); break;
      default: r = step(job, job.take(now));
    }
    r.latency = draw.latency();
    return r;
  }

  private FakeResponse step(Job job, Job.Taken taken) {
    Step step = taken.step();
    switch (step.kind) {
      case VIDEO:
      case EXACT:
        Video video = signed(job, render(job, taken));
        FakeResponse r = json(200, writer.video(video, job.row));
        Duration pollAfter = step.kind == Step.Kind.EXACT ? step.exact.pollAfter().orElse(null)
            : job.attributes.pollAfter;
        if (pollAfter != null) {
          r.header("openai-poll-after-ms", String.valueOf(pollAfter.toMillis()));
        }
        return r;
      default: return fault(step, job.id);
    }
  }

  /** Answers a fault step; {@code id} is the job it stands in for, null for a listing. */
  private FakeResponse fault(Step step, VideoId id) {
    switch (step.kind) {
      case RATE_LIMITED: return rateLimited(step.retryAfter);
      case SERVER_ERROR: return serverError(step.httpStatus);
      case NOT_FOUND: return notFound(id, writer.notFoundMessage(String.valueOf(id)));
      case MALFORMED: return malformed(id);
      case BODY: return json(200, step.body);
      case UNAUTHORIZED: return unauthorized("Incorrect API key provided.");
      case FORBIDDEN:
        return error(403, "invalid_request_error", "unsupported_country_region_territory",
            "Country, region, or territory not supported");
      default: return FakeResponse.dropped();
    }
  }

  /** Returns {@code video} with a freshly signed download URL, when the job hands out signed URLs. */
  private Video signed(Job job, Video video) {
    if (!job.attributes.signedUrls || video.status() != VideoStatus.COMPLETED) {
      return video;
    }
    return video.toBuilder()
        .downloadUrl(URI.create(contentUri(job.id) + "?variant=video&sig=" + job.nextSignature())).build();
  }

  /** Returns the job's state at a step as the domain value the dialect renders. */
  Video render(Job job, Job.Taken taken) {
    Step s = taken.step();
    if (s.kind == Step.Kind.EXACT) {
      return s.exact;
    }
    Job.JobAttributes a = job.attributes;
    Video.Builder b = Video.builder(job.id, s.status)
        .rawStatus(s.rawStatus != null ? s.rawStatus : writer.spell(s.status));
    if (s.status != VideoStatus.COMPLETED) {
      b.progress(s.progress);
    }
    b.createdAt(job.createdAt).model(a.model).size(a.size).seconds(a.seconds);
    if (taken.startedAt() != null && s.status != VideoStatus.QUEUED) {
      b.startedAt(taken.startedAt()); // when the job really began to render, as gateways report it
    }
    if (a.prompt != null) {
      b.prompt(a.prompt);
    }
    if (a.remixOf != null) {
      b.remixedFromVideoId(a.remixOf);
    }
    if (s.status == VideoStatus.COMPLETED) {
      Instant completed = s.completedAt != null ? s.completedAt : taken.reachedAt();
      b.completedAt(completed);
      b.expiresAt(s.expiresAt != null ? s.expiresAt : completed.plus(a.expiresAfter));
      if (a.announceDigest) {
        byte[] bytes = job.content("video", seed);
        b.sha256(sha256(bytes)).sizeBytes(bytes.length);
      }
      if (s.downloadUrl != null) {
        b.downloadUrl(s.downloadUrl);
      } else if (writer.linksContent()) {
        b.downloadUrl(contentUri(job.id));
      }
    }
    if (s.error != null) {
      b.error(s.error);
    }
    return b.build();
  }

  private FakeResponse content(Job job, FakeRequest request, Instant now) {
    long index = contentReads.computeIfAbsent(job.id, k -> new AtomicLong()).getAndIncrement();
    Duration latency = faults.latency(seed, job.id.value(), index);
    FakeResponse r = contentAnswer(job, request, now);
    r.latency = latency;
    return r;
  }

  private FakeResponse contentAnswer(Job job, FakeRequest request, Instant now) {
    String variant = request.queryParameter("variant");
    if (variant == null) {
      variant = "video";
    }
    if (!VARIANTS.contains(variant)) {
      return error(400, "invalid_request_error", "invalid_value",
          "Invalid value for 'variant': expected one of video, thumbnail, spritesheet");
    }
    Job.Taken taken = job.currentState(now);
    if (taken != null && taken.step().kind == Step.Kind.NOT_FOUND) {
      return notFound(job.id, writer.notFoundMessage(job.id.value()));
    }
    Video video = taken == null ? null : render(job, taken);
    if (video == null || (video.status() != VideoStatus.COMPLETED && video.status() != VideoStatus.FAILED)) {
      return error(409, "invalid_request_error", "video_not_ready", "Video " + job.id + " is not ready yet"
          + (video == null ? "" : "; it is " + video.rawStatus()) + ".");
    }
    if (video.status() == VideoStatus.FAILED) {
      return error(404, "invalid_request_error", "video_not_available",
          "Video " + job.id + " failed; it has no content.");
    }
    if (video.isExpired(now)) {
      return error(404, "invalid_request_error", "video_expired",
          "Video " + job.id + " expired at " + video.expiresAt().orElseThrow() + "; its content is gone.");
    }
    Job.ContentFault fault = job.attributes.contentFault;
    if (fault == Job.ContentFault.GONE) {
      return error(410, "invalid_request_error", "result_expired",
          "The result of video " + job.id + " has expired and is no longer available.");
    }
    if (fault == Job.ContentFault.JSON_ERROR) {
      return error(200, "server_error", "upstream_error", "Upstream video service failed to return the file.");
    }
    if (job.attributes.signedUrls && "s1".equals(request.queryParameter("sig"))) {
      // the first URL handed out has passed its life by the time it is used, as a signed URL's may
      return error(403, "invalid_request_error", "signature_expired", "Request has expired: the signature of "
          + "this URL is no longer valid.");
    }
    byte[] bytes = job.content(variant, seed);
    return ranged(job, request, variant, bytes);
  }

  private FakeResponse ranged(Job job, FakeRequest request, String variant, byte[] bytes) {
    long total = bytes.length;
    long[] range = Ranges.parse(request.header("range"), total);
    FakeResponse r;
    if (range == Ranges.UNSATISFIABLE) {
      r = error(416, "invalid_request_error", "range_not_satisfiable",
          "Range " + request.header("range") + " is outside the " + total + "-byte content");
      r.header("Content-Range", "bytes */" + total);
      return r;
    }
    if (range == null) {
      r = new FakeResponse(200, bytes);
    } else {
      byte[] part = Arrays.copyOfRange(bytes, (int) range[0], (int) range[1] + 1);
      r = new FakeResponse(206, part);
      r.header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + total);
    }
    r.header("Content-Type", Payloads.contentType(variant));
    r.header("Accept-Ranges", "bytes");
    r.header("ETag", "\"" + job.id + "-" + variant + "\"");
    if (variant.equals("video") && job.attributes.contentDropAfter >= 0 && job.takeContentDrop()) {
      r.dropAfter = Math.min(job.attributes.contentDropAfter, r.body.length);
    }
    return r;
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  // ---- error answers -------------------------------------------------------------------------------------

  private FakeResponse notFound(VideoId id, String message) {
    return error(writer.notFoundStatus(), "invalid_request_error", writer.notFoundCode(), message);
  }

  private FakeResponse unauthorized(String message) {
    return error(401, "invalid_request_error", "invalid_api_key", message);
  }

  private FakeResponse rateLimited(Duration retryAfter) {
    FakeResponse r = error(429, "requests", "rate_limit_exceeded",
        "Rate limit reached for requests. Please try again later.");
    if (retryAfter != null && !retryAfter.isZero()) {
      if (writer.sendsRetryAfterMillis()) {
        r.header("retry-after-ms", String.valueOf(retryAfter.toMillis()));
      }
      long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
      r.header("Retry-After", String.valueOf(seconds));
    }
    return r;
  }

  private FakeResponse serverError(int status) {
    return error(status, "server_error", null,
        "The server had an error while processing your request. Sorry about that!");
  }

  private FakeResponse malformed(VideoId id) {
    return json(200, ("{\"id\": \"" + id + "\", \"stat").getBytes(StandardCharsets.UTF_8));
  }

  private FakeResponse error(int status, String type, String code, String message) {
    return json(status, writer.error(type, code, message));
  }

  private FakeResponse json(int status, byte[] body) {
    FakeResponse r = new FakeResponse(status, body);
    r.header("Content-Type", JSON);
    r.header(writer.requestIdHeader(), requestId());
    return r;
  }

  private String requestId() {
    long n = requestIds.incrementAndGet();
    if (writer.requestIdHeader().equals("x-request-id")) {
      return String.format("req_%016x%016x", Seeds.mix(seed), Seeds.mix(seed ^ n));
    }
    return ONEAPI_ID.format(time.now()) + String.format("%08d", n % 100_000_000);
  }

  // ---- strict mode and the journal -----------------------------------------------------------------------

  private String violation(String what) {
    String message = "FakeVideoApi (strict mode): " + what + "; scripted ids: " + scriptedIds(jobs.keySet());
    synchronized (violations) {
      violations.add(message);
    }
    return message;
  }

  private static String scriptedIds(Collection<VideoId> ids) {
    TreeSet<String> sorted = new TreeSet<>();
    ids.forEach(i -> sorted.add(i.value()));
    if (sorted.isEmpty()) {
      return "none";
    }
    if (sorted.size() <= 20) {
      return sorted.toString();
    }
    List<String> first = new ArrayList<>(sorted).subList(0, 20);
    return first + " and " + (sorted.size() - 20) + " more";
  }

  /** Returns the id a status or content path names, when it is a valid id and the path is one the fake serves. */
  static Optional<VideoId> idOf(String path) {
    if (!path.startsWith(VIDEOS)) {
      return Optional.empty();
    }
    String rest = path.substring(VIDEOS.length());
    if (rest.endsWith("/content")) {
      rest = rest.substring(0, rest.length() - "/content".length());
    }
    return VideoId.isValid(rest) ? Optional.of(VideoId.of(rest)) : Optional.empty();
  }

  static Map<String, List<String>> masked(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new TreeMap<>();
    headers.forEach((name, values) -> {
      if (TransportRequest.isSecretHeader(name)) {
        List<String> masked = new ArrayList<>();
        values.forEach(v -> masked.add(mask(v)));
        out.put(name, masked);
      } else {
        out.put(name, values);
      }
    });
    return out;
  }

  /** Returns {@code Bearer sk-***} for {@code Bearer sk-...}: the scheme and at most three characters. */
  static String mask(String value) {
    int space = value.indexOf(' ');
    String scheme = space > 0 ? value.substring(0, space + 1) : "";
    String secret = value.substring(scheme.length()).trim();
    return scheme + (secret.length() > 8 ? secret.substring(0, 3) : "") + "***";
  }
}
