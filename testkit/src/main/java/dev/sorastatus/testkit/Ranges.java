package dev.sorastatus.testkit;

/** Reads a single {@code Range: bytes=...} header as RFC 9110 defines it. */
final class Ranges {
  /** The answer for a range that starts past the end. */
  static final long[] UNSATISFIABLE = new long[0];

  private Ranges() {}

  /**
   * Returns {@code {first, last}} inclusive, {@link #UNSATISFIABLE}, or null to serve the whole body (no
   * header, another unit, several ranges or a syntax error, all of which a server may ignore).
   */
  static long[] parse(String header, long total) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return null;
    }
    String spec = h.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0) {
          return suffix == 0 ? UNSATISFIABLE : null;
        }
        return total == 0 ? UNSATISFIABLE : new long[] {Math.max(0, total - suffix), total - 1};
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
      if (first < 0 || last < first) {
        return null;
      }
      if (first >= total) {
        return UNSATISFIABLE;
      }
      return new long[] {first, Math.min(last, total - 1)};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
