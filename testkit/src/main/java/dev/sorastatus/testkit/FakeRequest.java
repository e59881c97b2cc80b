package dev.sorastatus.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A request as the fake sees it, whichever way it came: header names lower-cased, the query raw. */
record FakeRequest(String method, String path, String query, Map<String, List<String>> headers) {
  FakeRequest {
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> {
      if (k != null) {
        copy.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v);
      }
    });
    headers = copy;
    query = query == null ? "" : query;
  }

  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Returns the value of one query parameter, undecoded, or null. */
  String queryParameter(String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : pair.substring(eq + 1);
      }
    }
    return null;
  }
}
