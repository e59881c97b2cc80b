package dev.sorastatus.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sorastatus.Video;
import dev.sorastatus.VideoId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ContractBackend} on a WireMock server bound to 127.0.0.1 on a free port, answering on
 * {@code /v1/videos/{id}} and the listing {@code /v1/videos} in OpenAI's shape. It also scripts raw HTTP responses (any status, headers, body,
 * delay or dribble) for the protocol rows of {@link HttpVideoStatusPortContract}. Needs
 * {@code org.wiremock:wiremock-standalone} on the test classpath.
 */
public final class WireMockBackend implements ContractBackend {
  private static final String JSON = "application/json";

  private static final DialectWriter OPENAI = Dialect.OPENAI.writer();

  private final WireMockServer server;

  private WireMockBackend(WireMockServer server) {
    this.server = server;
  }

  /**
   * Starts a server on 127.0.0.1 on a free port.
   *
   * @return the running backend; {@link #close()} stops it
   */
  public static WireMockBackend start() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .containerThreads(16)
        .jettyAcceptors(1));
    server.start();
    return new WireMockBackend(server);
  }

  /**
   * Returns the API's base URL on this server, {@code http://127.0.0.1:<port>/v1}.
   *
   * @return the base URL
   */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/v1");
  }

  /**
   * Returns the WireMock server, for stubs and verifications this class does not offer.
   *
   * @return the server
   */
  public WireMockServer server() {
    return server;
  }

  @Override
  public void serve(Video video) {
    Objects.requireNonNull(video, "video == null");
    ResponseDefinitionBuilder r = json(200, OPENAI.video(withOpenAiDefaults(video), 0));
    video.pollAfter().ifPresent(d -> r.withHeader("openai-poll-after-ms", String.valueOf(d.toMillis())));
    stub(video.id(), r);
  }

  @Override
  public void notFound(VideoId id) {
    stub(id, json(404, OPENAI.error("invalid_request_error", "video_not_found",
        "Video with id '" + id + "' not found.")));
  }

  @Override
  public void unauthorized(VideoId id) {
    stub(id, json(401, OPENAI.error("invalid_request_error", "invalid_api_key",
        "Incorrect API key provided.")));
  }

  @Override
  public void forbidden(VideoId id) {
    stub(id, json(403, OPENAI.error("invalid_request_error", "unsupported_country_region_territory",
        "Country, region, or territory not supported")));
  }

  @Override
  public void rateLimited(VideoId id, Duration retryAfter) {
    stub(id, json(429, OPENAI.error("requests", "rate_limit_exceeded", "Rate limit reached."))
        .withHeader("retry-after-ms", String.valueOf(retryAfter.toMillis()))
        .withHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds()))));
  }

  @Override
  public void serverError(VideoId id, int statusCode) {
    stub(id, json(statusCode, OPENAI.error("server_error", null,
        "The server had an error while processing your request.")));
  }

  @Override
  public void serveAnotherJob(VideoId id, Video other) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(other, "other == null");
    stub(id, json(200, OPENAI.video(withOpenAiDefaults(other), 0)));
  }

  @Override
  public void malformed(VideoId id) {
    stub(id, aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody("{\"id\": \"" + id + "\", \"stat"));
  }

  /**
   * Answers reads of {@code id} with exactly this response.
   *
   * @param id the job
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param body the body, as UTF-8
   */
  public void respond(VideoId id, int statusCode, Map<String, String> headers, String body) {
    respond(id, statusCode, headers, body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, Duration.ZERO);
  }

  /**
   * Answers reads of {@code id} with this response, optionally late and slowly.
   *
   * @param id the job
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param body the body bytes
   * @param headerDelay how long to wait before sending the headers
   * @param dribble when positive, the body is sent in 10 chunks spread over this long
   */
  public void respond(VideoId id, int statusCode, Map<String, String> headers, byte[] body,
      Duration headerDelay, Duration dribble) {
    ResponseDefinitionBuilder r = aResponse().withStatus(statusCode).withBody(body);
    headers.forEach(r::withHeader);
    if (!headerDelay.isZero()) {
      r.withFixedDelay((int) headerDelay.toMillis());
    }
    if (!dribble.isZero()) {
      r.withChunkedDribbleDelay(10, (int) dribble.toMillis());
    }
    stub(id, r);
  }

  /**
   * Answers the listing page by page: the first page when no {@code after} is asked for, each later one
   * after the last id of the page before, and only for {@code limit=<limit>}, so a port that sends
   * another page size or cursor finds no page (WireMock's 404).
   *
   * @param videos the jobs, newest first
   * @param limit the page size the port must ask for
   */
  @Override
  public void serveList(List<Video> videos, int limit) {
    Objects.requireNonNull(videos, "videos == null");
    String after = null;
    int start = 0;
    do {
      List<Video> page = new ArrayList<>();
      for (int i = start; i < Math.min(videos.size(), start + limit); i++) {
        page.add(withOpenAiDefaults(videos.get(i)));
      }
      start += page.size();
      boolean hasMore = start < videos.size();
      server.stubFor(listing(after).withQueryParam("limit", equalTo(String.valueOf(limit)))
          .willReturn(json(200, OPENAI.list(page, Collections.nCopies(page.size(), 0L), hasMore))));
      after = page.isEmpty() ? null : page.get(page.size() - 1).id().value();
    } while (start < videos.size());
  }

  @Override
  public void failList(int statusCode, int times) {
    ResponseDefinitionBuilder r;
    if (statusCode == 401) {
      r = json(401, OPENAI.error("invalid_request_error", "invalid_api_key", "Incorrect API key provided."));
    } else if (statusCode == 429) {
      r = json(429, OPENAI.error("requests", "rate_limit_exceeded", "Rate limit reached."))
          .withHeader("retry-after-ms", "1000").withHeader("Retry-After", "1");
    } else {
      r = json(statusCode, OPENAI.error("server_error", null, "The server had an error."));
    }
    listFaults(r, times);
  }

  @Override
  public void malformedList(int times) {
    listFaults(aResponse().withStatus(200).withHeader("Content-Type", JSON)
        .withBody("{\"object\":\"list\",\"data\":[{\"id\": \"video_"), times);
  }

  /**
   * Answers listing requests that ask for the page after {@code after} (the first page when null) with
   * exactly this response, whatever the limit.
   *
   * @param after the cursor the request must carry, or null for none
   * @param statusCode the HTTP status
   * @param body the body, as UTF-8
   */
  public void respondList(String after, int statusCode, String body) {
    server.stubFor(listing(after).willReturn(aResponse().withStatus(statusCode).withHeader("Content-Type", JSON)
        .withBody(body)));
  }

  private static MappingBuilder listing(String after) {
    return get(urlPathEqualTo("/v1/videos")).withQueryParam("after", after == null ? absent() : equalTo(after));
  }

  /** Puts {@code times} answers of {@code fault} in front of the listing, one per request, in a scenario. */
  private void listFaults(ResponseDefinitionBuilder fault, int times) {
    for (int i = 0; i < times; i++) {
      server.stubFor(get(urlPathEqualTo("/v1/videos")).atPriority(1).inScenario("list-faults")
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "fault-" + i)
          .willSetStateTo(i == times - 1 ? "served" : "fault-" + (i + 1))
          .willReturn(fault));
    }
  }

  @Override
  public long requestCount() {
    return server.countRequestsMatching(RequestPatternBuilder.allRequests().build()).getCount();
  }

  /**
   * Returns the most recent request the server received.
   *
   * @return the request, if any arrived since the last reset
   */
  public Optional<LoggedRequest> lastRequest() {
    List<ServeEvent> events = server.getAllServeEvents();
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0).getRequest());
  }

  @Override
  public void reset() {
    server.resetAll();
  }

  @Override
  public void close() {
    server.stop();
  }

  @Override
  public String toString() {
    return "WireMockBackend[" + baseUrl() + "]";
  }

  private void stub(VideoId id, ResponseDefinitionBuilder response) {
    server.stubFor(any(urlPathEqualTo("/v1/videos/" + id.value())).willReturn(response));
  }

  /** Fills what OpenAI always sends (model, seconds, size) when the video leaves it out. */
  private static Video withOpenAiDefaults(Video video) {
    Video.Builder b = video.toBuilder();
    if (video.model().isEmpty()) {
      b.model("sora-2");
    }
    if (video.seconds().isEmpty()) {
      b.seconds(4);
    }
    if (video.size().isEmpty()) {
      b.size("720x1280");
    }
    return b.build();
  }

  private static ResponseDefinitionBuilder json(int status, byte[] body) {
    return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
  }
}
