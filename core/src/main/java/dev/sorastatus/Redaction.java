package dev.sorastatus;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Makes text from a server safe to put in an exception or a log: short, one line, and with anything that
 * looks like a credential masked.
 */
final class Redaction {
  /** The longest excerpt kept, in characters. */
  public static final int EXCERPT_LENGTH = 200;
  private static final int MASK_WINDOW = 64 * 1024;

  private static final Pattern SECRETS = Pattern.compile(
      "(?i)(bearer\\s+)[^\\s\"',;]+"
          + "|\\b(sk|pk|rk)[-_][A-Za-z0-9_\\-]{6,}"
          + "|(\"?(?:authorization|api[_-]?key|x-api-key|apikey|token|secret|password)\"?\\s*[:=]\\s*\"?"
          + "(?:(?:bearer|basic|token|digest)\\s+)?)[^\\s\"',;}]+");

  private Redaction() {}

  /**
   * Returns a one-line excerpt of {@code body} of at most {@link #EXCERPT_LENGTH} characters, with
   * credentials masked and control characters replaced.
   *
   * @param body the bytes, read as UTF-8
   * @param secret a secret that must not appear even if it matches no pattern, or null
   * @return the excerpt, possibly empty
   */
  public static String excerpt(byte[] body, String secret) {
    if (body.length == 0) {
      return "";
    }
    // Mask well past what can be shown before cutting: a secret straddling a short window would show
    // its prefix once white space collapses.
    int take = Math.min(body.length, MASK_WINDOW);
    String text = new String(body, 0, take, StandardCharsets.UTF_8);
    return excerpt(text, secret, body.length > take);
  }

  /**
   * Returns {@code text} masked and shortened as {@link #excerpt(byte[], String)} does.
   *
   * @param text the text
   * @param secret a secret that must not appear, or null
   * @return the excerpt
   */
  public static String excerpt(String text, String secret) {
    return excerpt(text, secret, false);
  }

  private static String excerpt(String text, String secret, boolean cut) {
    String masked = mask(text, secret);
    StringBuilder sb = new StringBuilder(Math.min(masked.length(), EXCERPT_LENGTH + 1));
    boolean space = false;
    for (int i = 0; i < masked.length() && sb.length() < EXCERPT_LENGTH; i++) {
      char c = masked.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        if (!space && sb.length() > 0) {
          sb.append(' ');
        }
        space = true;
      } else {
        sb.append(c);
        space = false;
      }
    }
    String out = sb.toString().trim();
    return cut || masked.length() > EXCERPT_LENGTH ? out + "…" : out;
  }

  /**
   * Returns {@code text} with credentials masked as {@code ***}.
   *
   * @param text the text
   * @param secret a secret that must not appear, or null
   * @return the masked text
   */
  public static String mask(String text, String secret) {
    String out = text;
    if (secret != null && !secret.isEmpty()) {
      out = out.replace(secret, "***");
    }
    return SECRETS.matcher(out).replaceAll(m -> {
      if (m.group(1) != null) {
        return java.util.regex.Matcher.quoteReplacement(m.group(1)) + "***";
      }
      if (m.group(3) != null) {
        return java.util.regex.Matcher.quoteReplacement(m.group(3)) + "***";
      }
      return "***";
    });
  }
}
