package dev.sorastatus;

import java.net.URI;
import java.util.Locale;

/**
 * Shows URLs without what may be secret in them, and compares origins. A download URL's query is often a
 * signature that grants access, so it never reaches a message or a log.
 */
final class Urls {
  private Urls() {}

  /**
   * Returns {@code text} percent-encoded for a query's name or value: every byte of its UTF-8 form outside
   * RFC 3986's unreserved characters is escaped, so {@code &}, {@code =}, {@code +} and {@code #} are data.
   *
   * @param text the name or value
   * @return the encoded text
   */
  static String encodeQueryComponent(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /**
   * Returns {@code uri} without user info, query and fragment; {@code ?…} marks a removed query.
   *
   * @param uri the URI
   * @return text safe to show
   */
  public static String withoutQuery(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String host = uri.getHost() == null ? "" : uri.getHost();
    String s = uri.getScheme() + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path;
    return uri.getRawQuery() != null ? s + "?…" : s;
  }

  /**
   * Returns {@code text} with {@code uri}'s query replaced by {@code …} wherever it appears, for messages
   * from HTTP libraries that quote the URL they were given.
   *
   * @param text the text
   * @param uri the URI whose query must not show
   * @return the masked text
   */
  public static String maskQuery(String text, URI uri) {
    String query = uri.getRawQuery();
    String out = query == null || query.isEmpty() ? text : text.replace(query, "…");
    String decoded = uri.getQuery();
    return decoded == null || decoded.isEmpty() ? out : out.replace(decoded, "…");
  }

  /**
   * Returns whether {@code a} and {@code b} have the same origin: scheme, host and port, with a missing
   * port read as the scheme's default.
   *
   * @param a one absolute URI
   * @param b the other
   * @return true when a browser would call them the same origin
   */
  public static boolean sameOrigin(URI a, URI b) {
    String schemeA = a.getScheme() == null ? "" : a.getScheme().toLowerCase(Locale.ROOT);
    String schemeB = b.getScheme() == null ? "" : b.getScheme().toLowerCase(Locale.ROOT);
    return !schemeA.isEmpty() && schemeA.equals(schemeB)
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a, schemeA) == port(b, schemeB);
  }

  private static int port(URI uri, String scheme) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
  }
}
