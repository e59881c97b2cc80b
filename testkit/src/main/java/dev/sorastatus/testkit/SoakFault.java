package dev.sorastatus.testkit;

/**
 * What {@link SoakApi} serves in place of a job's state, with how often per thousand responses: 140 in
 * 1,000 responses carry a fault. The weights favour the faults a wait must ride out and keep rare the one
 * that ends a wait by design (an hour-long rate limit).
 */
enum SoakFault {
  /** The job's own state, as the API would send it. */
  NONE(860, false, false),
  /** HTTP 500 with the API's JSON error. */
  SERVER_ERROR_JSON(16, false, false),
  /** HTTP 502 with a proxy's HTML page. */
  SERVER_ERROR_HTML(14, false, false),
  /** HTTP 429 with {@code Retry-After: 1}. */
  RATE_LIMIT_SECONDS(8, false, false),
  /** HTTP 429 with {@code retry-after-ms: 150}. */
  RATE_LIMIT_MILLIS(12, false, false),
  /** HTTP 429 with {@code Retry-After} as an HTTP date one to two seconds ahead. */
  RATE_LIMIT_DATE(6, false, false),
  /** HTTP 429 with {@code Retry-After: 3600}: longer than any wait of the soak. */
  RATE_LIMIT_HOUR(1, false, false),
  /** The connection reset before any byte of the response. */
  RESET(12, true, false),
  /** The status line, then the connection closed. */
  STATUS_LINE_THEN_CLOSE(10, true, false),
  /** The job's JSON cut in half, with a {@code Content-Length} that matches the cut: complete HTTP, broken JSON. */
  TRUNCATED_JSON(8, false, true),
  /** A {@code Content-Length} 64 bytes longer than the body sent, then the connection closed. */
  CONTENT_LENGTH_PAST_BODY(10, true, false),
  /** The headers, then the body a byte every 40 ms for 4 s, longer than the request timeout, then a close. */
  SLOW_DRIP(4, true, false),
  /** HTTP 200 with a proxy's HTML challenge page. */
  HTML_200(10, false, true),
  /** HTTP 200 with an empty body. */
  EMPTY_200(8, false, true),
  /** HTTP 200 with another job's final state: a misrouted or mis-cached answer. */
  OTHER_JOB(12, false, true),
  /** {@code Transfer-Encoding: chunked} with a chunk size that is not hex, then a close. */
  BROKEN_CHUNKED(9, true, false);

  /** How many of every 1,000 responses are of this kind. */
  final int perMille;
  /** Whether the server ends the connection with this response, so that the client must open another. */
  final boolean endsConnection;
  /** Whether this is an HTTP 200 that does not carry the asked job's state. */
  final boolean notTheJob;

  SoakFault(int perMille, boolean endsConnection, boolean notTheJob) {
    this.perMille = perMille;
    this.endsConnection = endsConnection;
    this.notTheJob = notTheJob;
  }

  /** Returns the kind that a draw of {@code 0..999} falls on. */
  static SoakFault forDraw(int draw) {
    int upTo = 0;
    for (SoakFault f : values()) {
      upTo += f.perMille;
      if (draw < upTo) {
        return f;
      }
    }
    throw new IllegalArgumentException("draw must be 0..999 but was " + draw);
  }
}
