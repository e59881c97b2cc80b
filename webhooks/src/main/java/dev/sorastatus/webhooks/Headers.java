package dev.sorastatus.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Looks headers up ignoring the case of their names, as HTTP says and as every framework spells them. */
final class Headers {
  private Headers() {}

  static Optional<String> first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
        for (String v : e.getValue()) {
          if (v != null) {
            return Optional.of(v);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Returns an immutable copy with lower-case names and no null names or values. */
  static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new TreeMap<>();
    headers.forEach((name, values) -> {
      if (name != null && values != null) {
        List<String> kept = values.stream().filter(v -> v != null).toList();
        out.merge(name.toLowerCase(Locale.ROOT), kept, (a, b) -> {
          List<String> both = new ArrayList<>(a);
          both.addAll(b);
          return List.copyOf(both);
        });
      }
    });
    return Map.copyOf(out);
  }
}
