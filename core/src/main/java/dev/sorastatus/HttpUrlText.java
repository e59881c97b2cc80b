package dev.sorastatus;

/**
 * Recognises, in one pass over its characters, the plain form that download URLs take: {@code http} or
 * {@code https} in any case, {@code ://}, a host name, an optional port, and a path, query and fragment of
 * URI characters and well-formed {@code %} escapes. Text in that form is exactly what {@code new URI(text)}
 * parses into an absolute http(s) URI with a host, so a {@code Video} can keep it as text and build the
 * {@code URI} only when asked. It is a strict subset of what {@code java.net.URI} accepts: user info, IP
 * addresses, non-ASCII characters, {@code [ ]} and empty labels or ports are left to {@code URI} itself.
 */
final class HttpUrlText {
  /** Path characters: RFC 2396 {@code pchar}, {@code ;} and {@code /}, as {@code java.net.URI} checks them. */
  private static final boolean[] PATH = chars(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + "-_.!~*'()" + ":@&=+$," + ";/");
  /** Query and fragment characters: the path's and {@code ?} (URI's {@code [ ]} are not taken here). */
  private static final boolean[] QUERY = chars(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + "-_.!~*'()" + ":@&=+$," + ";/?");

  private HttpUrlText() {}

  /**
   * Returns whether {@code s} is a download URL in the plain form.
   *
   * @param s the text, already trimmed
   * @return true when {@code new URI(s)} is sure to give an absolute http(s) URI with a host
   */
  public static boolean isPlain(String s) {
    int n = s.length();
    int p = scheme(s);
    if (p < 0) {
      return false;
    }
    p = host(s, p, n);
    if (p < 0) {
      return false;
    }
    if (p < n && s.charAt(p) == ':') {
      int digits = 0;
      for (p++; p < n && isDigit(s.charAt(p)); p++) {
        digits++;
      }
      if (digits == 0 || digits > 5) {
        return false;
      }
    }
    if (p < n && s.charAt(p) == '/') {
      p = run(s, p, n, PATH);
    }
    if (p < n && s.charAt(p) == '?') {
      p = run(s, p + 1, n, QUERY);
    }
    if (p < n && s.charAt(p) == '#') {
      p = run(s, p + 1, n, QUERY);
    }
    return p == n;
  }

  /** Returns the index after {@code http://} or {@code https://} in any case, or -1. */
  private static int scheme(String s) {
    if (s.regionMatches(true, 0, "http://", 0, 7)) {
      return 7;
    }
    return s.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
  }

  /**
   * Returns the index after a host name of dot-separated labels (each letters, digits and inner hyphens; the
   * last starting with a letter, which rules out IPv4 addresses), or -1.
   */
  private static int host(String s, int start, int n) {
    int p = start;
    int lastLabel;
    while (true) {
      lastLabel = p;
      if (p >= n || !isAlphanumeric(s.charAt(p))) {
        return -1; // empty label, or one starting with a hyphen
      }
      while (p < n && (isAlphanumeric(s.charAt(p)) || s.charAt(p) == '-')) {
        p++;
      }
      if (s.charAt(p - 1) == '-') {
        return -1;
      }
      if (p < n && s.charAt(p) == '.') {
        p++;
        continue;
      }
      break;
    }
    return isLetter(s.charAt(lastLabel)) ? p : -1;
  }

  /** Returns the index of the first character from {@code p} that is not in {@code allowed} nor an escape. */
  private static int run(String s, int p, int n, boolean[] allowed) {
    while (p < n) {
      char c = s.charAt(p);
      if (c < 128 && allowed[c]) {
        p++;
      } else if (c == '%' && p + 2 < n && isHex(s.charAt(p + 1)) && isHex(s.charAt(p + 2))) {
        p += 3;
      } else {
        return p;
      }
    }
    return p;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlphanumeric(char c) {
    return isLetter(c) || isDigit(c);
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean[] chars(String allowed) {
    boolean[] table = new boolean[128];
    for (int i = 0; i < allowed.length(); i++) {
      table[allowed.charAt(i)] = true;
    }
    return table;
  }
}
