package dev.sorastatus.testkit;

/**
 * The JSON shape the fake's HTTP mode (and its in-memory port, which reads the same bytes) speaks. Each
 * dialect carries every field {@link VideoStatusPortContract} checks; where a gateway has no field of its
 * own for a value (an expiry, an error code), it keeps OpenAI's.
 *
 * <pre>{@code
 * FakeVideoApi api = FakeVideoApi.builder().dialect(Dialect.GATEWAY).build();
 * }</pre>
 */
public enum Dialect {
  /**
   * OpenAI's own video object: statuses {@code queued}, {@code in_progress}, {@code completed},
   * {@code failed}; timestamps in epoch seconds; {@code error} an object; no download URL (clients read
   * {@code /videos/{id}/content}) unless a script names one, then as {@code video_url}; errors as
   * {@code {"error":{"message","type","param","code"}}} with {@code x-request-id}; unknown jobs HTTP 404;
   * 429 with {@code retry-after-ms} and {@code Retry-After}.
   */
  OPENAI(new OpenAiWriter()),

  /**
   * An OpenAI-compatible gateway that reshapes the object: statuses {@code queued}, {@code processing},
   * {@code completed}, {@code failed}; timestamps in epoch milliseconds; {@code error} a plain string
   * (an object only when the failure has a code); the download URL, pointing at the fake's content
   * endpoint, as {@code meta_data.url}; errors in OpenAI's envelope with {@code X-Oneapi-Request-Id};
   * unknown jobs HTTP 400 {@code task_not_exist}; 429 with {@code Retry-After} in whole seconds only.
   */
  GATEWAY(new GatewayWriter()),

  /**
   * new-api's task shape: {@code {"code":"success","message":"","data":{...}}} around a task with its own
   * row number as {@code id} and the job id as {@code task_id}; statuses {@code QUEUED},
   * {@code IN_PROGRESS}, {@code SUCCESS}, {@code FAILURE}; progress as {@code "40%"}; timestamps in epoch
   * seconds ({@code submit_time}, {@code finish_time}); the failure as {@code fail_reason}; the download URL
   * as {@code url}; errors flat, {@code {"code","message","data":null}}, with {@code X-Oneapi-Request-Id};
   * unknown jobs HTTP 400 {@code task_not_exist}; 429 with {@code Retry-After} in whole seconds only.
   */
  NEW_API(new NewApiWriter());

  private final DialectWriter writer;

  Dialect(DialectWriter writer) {
    this.writer = writer;
  }

  DialectWriter writer() {
    return writer;
  }
}
