package dev.sorastatus;

import static dev.sorastatus.ScriptedTransport.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sorastatus.RetryPolicy;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpVideoStatusPortSecurityTest {
  private static final String KEY = "sk-canary-logs-9d8c7b6a5f4e";
  private static final VideoId ID = VideoId.of("video_sec_1");

  private final TestTime time = TestTime.at("2026-11-28T12:00:00Z");
  private final ScriptedTransport transport = new ScriptedTransport();
  private final List<String> seen = new ArrayList<>();

  private HttpVideoStatusPort port() {
    return HttpVideoStatusPort.create(SoraConfig.builder()
        .baseUrl("https://api.example.com/v1")
        .apiKey(KEY)
        .header("X-Api-Key", KEY)
        .clock(time).scheduler(time.scheduler())
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .build(), transport);
  }

  private void collect(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    seen.add(trace.toString());
  }

  @Test
  void keyNeverReachesALogRecordAtAnyLevelNorAnException() throws Exception {
    String echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "; Authorization: Bearer " + KEY
        + "\",\"code\":\"" + KEY + "\"}}";
    transport
        .then(response(503, echo, "x-request-id", KEY, "set-cookie", "session=" + KEY, "x-echo", "Bearer " + KEY))
        .then(new IOException("proxy refused Authorization: Bearer " + KEY))
        .then(response(401, echo, "x-request-id", "req " + KEY));
    try (LogCapture logs = new LogCapture()) {
      HttpVideoStatusPort port = port();
      collect(catchThrowable(() -> port.retrieve(ID)));
      transport.then(response(429, echo, "retry-after-ms", "10", "www-authenticate", "Bearer " + KEY))
          .then(response(200, "{\"id\":\"" + KEY + "\",\"stat"));
      collect(catchThrowable(() -> port.retrieveAsync(ID).get(10, TimeUnit.SECONDS)));
      seen.add(port.toString());
      seen.add(port.statusRequest(ID).toString());

      List<String> lines = logs.lines();
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FINE ").contains("attempt 1 of 3"));
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FINE ").contains("retrying GET"));
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FINER ").contains("Authorization=***")
          .contains("X-Api-Key=***"));
      assertThat(lines).anySatisfy(l -> assertThat(l).contains("set-cookie=***").contains("x-request-id=***"));
      seen.addAll(lines);
    }

    assertThat(transport.requests()).hasSize(5);
    assertThat(seen).hasSizeGreaterThan(10).allSatisfy(text -> assertThat(text).doesNotContain(KEY)
        .doesNotContain("9d8c7b6a5f4e"));
  }

  @Test
  void nothingIsLoggedWhenTheLevelIsOff() {
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.sorastatus");
    java.util.logging.Level before = jul.getLevel();
    jul.setLevel(java.util.logging.Level.OFF);
    List<java.util.logging.LogRecord> records = new ArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(handler);
    try {
      transport.then(response(200, "{\"id\":\"video_sec_1\",\"status\":\"queued\"}"));
      port().retrieve(ID);
    } finally {
      jul.removeHandler(handler);
      jul.setLevel(before);
    }
    assertThat(records).isEmpty();
  }

  @Test
  void authorizationEchoesAreMaskedEvenWithoutTheKnownKey() {
    String masked = Redaction.mask("Authorization: Bearer abcdef123456; x-api-key=zz9plural; \"api_key\": \"q1w2e3\""
        + " token=t0k3n Basic authorization: Basic dXNlcjpwYXNz", null);

    assertThat(masked).doesNotContain("abcdef123456").doesNotContain("zz9plural").doesNotContain("q1w2e3")
        .doesNotContain("t0k3n").doesNotContain("dXNlcjpwYXNz");
  }

  @Test
  void malformedBodyEchoingTheKeyIsMaskedInTheError() throws Exception {
    transport.then(response(200, "<html>Welcome " + KEY + " sk-other-abcdef0123</html>", "content-type", "text/html"));

    Throwable sync = catchThrowable(() -> port().retrieve(ID));
    Throwable async = catchThrowable(() -> port().retrieveAsync(ID).get(10, TimeUnit.SECONDS));

    collect(sync);
    collect(async instanceof ExecutionException ? async.getCause() : async);
    assertThat(seen).allSatisfy(t -> assertThat(t).doesNotContain(KEY).doesNotContain("sk-other-abcdef0123"));
  }
}
