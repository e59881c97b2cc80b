package dev.sorastatus.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the fake answers: a status, headers and body, or a dropped connection, after a latency. */
final class FakeResponse {
  final int status;
  final Map<String, List<String>> headers = new LinkedHashMap<>();
  final byte[] body;
  /** Close the connection without an answer. */
  boolean drop;
  /** When 0 or more: send the headers and this many body bytes, then drop the connection. */
  long dropAfter = -1;
  Duration latency = Duration.ZERO;
  /** A strict-mode violation to fail the test with, or null. */
  String violation;

  FakeResponse(int status, byte[] body) {
    this.status = status;
    this.body = body;
  }

  static FakeResponse dropped() {
    FakeResponse r = new FakeResponse(500, new byte[0]);
    r.drop = true;
    return r;
  }

  FakeResponse header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  /** Returns the status the journal records: 0 when nothing was answered. */
  int journalStatus() {
    return drop ? 0 : status;
  }
}
