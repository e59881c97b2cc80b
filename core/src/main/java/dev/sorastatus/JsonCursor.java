package dev.sorastatus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads strict JSON (RFC 8259) straight from UTF-8 bytes, one token at a time, for the status and error
 * bodies: field names are matched as bytes without making strings, and a string without escapes becomes one
 * {@code String} in one copy. It accepts what Moshi's strict reader accepts (keywords in any letter case,
 * control characters inside strings, the escapes {@code \'} and backslash-newline, malformed UTF-8 read as
 * U+FFFD) and rejects the rest, in skipped values too, with a
 * {@link JsonFormatException}: trailing commas, comments, single quotes, unquoted names or values, numbers
 * with leading zeros, nesting deeper than 255 levels. Not thread-safe; one body at a time.
 */
final class JsonCursor {
  /** What comes next; named as Moshi names its tokens, since error messages show them. */
  enum Token { BEGIN_OBJECT, END_OBJECT, BEGIN_ARRAY, END_ARRAY, STRING, NUMBER, BOOLEAN, NULL, END_DOCUMENT }

  private static final int MAX_DEPTH = 255;

  private final byte[] b;
  private int pos;

  JsonCursor(byte[] bytes) {
    this.b = bytes;
  }

  /** Field names to select among, kept as UTF-8 bytes grouped by length, so a lookup compares few bytes. */
  static final class Names {
    private final String[] strings;
    /** For each length, the indexes of the names of that length. */
    private final int[][] byLength;
    private final byte[][] bytes;
    private final int[] hashes;

    Names(String... names) {
      this.strings = names.clone();
      this.bytes = new byte[names.length][];
      this.hashes = new int[names.length];
      int longest = 0;
      for (int i = 0; i < names.length; i++) {
        bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
        hashes[i] = hash(bytes[i], 0, bytes[i].length);
        longest = Math.max(longest, bytes[i].length);
      }
      this.byLength = new int[longest + 1][];
      for (int length = 0; length <= longest; length++) {
        int n = 0;
        int[] indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
          if (bytes[i].length == length) {
            indexes[n++] = i;
          }
        }
        byLength[length] = Arrays.copyOf(indexes, n);
      }
    }

    /** Returns the index of the name spelled by {@code b[start..end)}, whose {@link #hash} is {@code hash}, or -1. */
    int find(byte[] b, int start, int end, int hash) {
      int length = end - start;
      if (length >= byLength.length) {
        return -1;
      }
      candidates:
      for (int i : byLength[length]) {
        if (hashes[i] != hash) {
          continue;
        }
        byte[] name = bytes[i];
        for (int k = 0; k < length; k++) {
          if (name[k] != b[start + k]) {
            continue candidates;
          }
        }
        return i;
      }
      return -1;
    }

    static int hash(byte[] b, int start, int end) {
      int h = 0;
      for (int i = start; i < end; i++) {
        h = 31 * h + b[i];
      }
      return h;
    }
  }

  /** Returns the next token without consuming it; {@code END_DOCUMENT} after the last byte. */
  Token peek() {
    skipWhitespace();
    if (pos >= b.length) {
      return Token.END_DOCUMENT;
    }
    switch (b[pos]) {
      case '{': return Token.BEGIN_OBJECT;
      case '}': return Token.END_OBJECT;
      case '[': return Token.BEGIN_ARRAY;
      case ']': return Token.END_ARRAY;
      case '"': return Token.STRING;
      case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return Token.NUMBER;
      default:
        switch (b[pos] | 0x20) { // keywords in any letter case, as Moshi's strict reader takes them
          case 't': if (keywordAt("true")) { return Token.BOOLEAN; } break;
          case 'f': if (keywordAt("false")) { return Token.BOOLEAN; } break;
          case 'n': if (keywordAt("null")) { return Token.NULL; } break;
          default: break;
        }
        throw malformed("unexpected character");
    }
  }

  /**
   * Consumes {@code {} and tells whether the object has members.
   *
   * @return false when the object was empty and its {@code }} is consumed too
   */
  boolean beginObject() {
    return begin('{', '}');
  }

  /** After a member's value: consumes {@code ,} and returns true, or consumes {@code }} and returns false. */
  boolean nextMember() {
    return next('}');
  }

  /**
   * Consumes {@code [} and tells whether the array has elements.
   *
   * @return false when the array was empty and its {@code ]} is consumed too
   */
  boolean beginArray() {
    return begin('[', ']');
  }

  /** After an element: consumes {@code ,} and returns true, or consumes {@code ]} and returns false. */
  boolean nextElement() {
    return next(']');
  }

  private boolean begin(char open, char close) {
    expect(open);
    skipWhitespace();
    if (pos < b.length && b[pos] == close) {
      pos++;
      return false;
    }
    return true;
  }

  private boolean next(char close) {
    skipWhitespace();
    if (pos >= b.length) {
      throw endsEarly();
    }
    byte c = b[pos++];
    if (c == ',') {
      return true;
    }
    if (c == close) {
      return false;
    }
    pos--;
    throw malformed("expected ',' or '" + close + "'");
  }

  /**
   * Consumes a member's name and its colon.
   *
   * @return the index of the name in {@code names}, or -1 for another name
   */
  int nextName(Names names) {
    skipWhitespace();
    if (pos >= b.length) {
      throw endsEarly();
    }
    if (b[pos] != '"') {
      throw malformed("expected a name");
    }
    int start = pos + 1;
    int end = start;
    int hash = 0;
    while (end < b.length && b[end] != '"' && b[end] != '\\') { // a name without escapes, hashed as it is scanned
      hash = 31 * hash + b[end++];
    }
    if (end >= b.length || b[end] != '"') {
      end = scanString(start);
    } else {
      escapeFree = true;
    }
    int found = escapeFree ? names.find(b, start, end, hash) : Arrays.asList(names.strings).indexOf(decode(start, end));
    pos = end + 1;
    expect(':');
    return found;
  }

  /** Returns a scalar's text (a number as written, a boolean as {@code true}/{@code false}); null for JSON
   * null, and for an object or an array, which are skipped. */
  String scalar() {
    switch (peek()) {
      case STRING: {
        int start = pos + 1;
        int end = scanString(start);
        String s = escapeFree ? new String(b, start, end - start, StandardCharsets.UTF_8) : decode(start, end);
        pos = end + 1;
        return s;
      }
      case NUMBER: {
        int start = pos;
        scanNumber();
        return new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
      }
      case BOOLEAN: {
        boolean value = b[pos] == 't' || b[pos] == 'T';
        pos += value ? 4 : 5;
        return value ? "true" : "false";
      }
      case NULL:
        pos += 4;
        return null;
      default:
        skipValue();
        return null;
    }
  }

  /** Consumes the next value, whatever it is, checking its syntax. */
  void skipValue() {
    skipValue(0);
  }

  private void skipValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw new JsonFormatException("JSON nests deeper than " + MAX_DEPTH + " levels");
    }
    switch (peek()) {
      case BEGIN_OBJECT:
        if (beginObject()) {
          do {
            skipWhitespace();
            if (pos >= b.length) {
              throw endsEarly();
            }
            if (b[pos] != '"') {
              throw malformed("expected a name");
            }
            skipString();
            expect(':');
            skipValue(depth + 1);
          } while (nextMember());
        }
        return;
      case BEGIN_ARRAY:
        pos++;
        skipWhitespace();
        if (pos < b.length && b[pos] == ']') {
          pos++;
          return;
        }
        while (true) {
          skipValue(depth + 1);
          skipWhitespace();
          if (pos >= b.length) {
            throw endsEarly();
          }
          byte c = b[pos++];
          if (c == ']') {
            return;
          }
          if (c != ',') {
            pos--;
            throw malformed("expected ',' or ']'");
          }
        }
      case STRING:
        skipString();
        return;
      case NUMBER:
        scanNumber();
        return;
      case BOOLEAN:
        pos += b[pos] == 't' || b[pos] == 'T' ? 4 : 5;
        return;
      case NULL:
        pos += 4;
        return;
      case END_DOCUMENT:
        throw endsEarly();
      default:
        throw malformed("expected a value");
    }
  }

  /** Consumes a string whose opening quote is at {@code pos}, checking its escapes as Moshi's skip does. */
  private void skipString() {
    int start = pos + 1;
    int end = scanString(start);
    if (!escapeFree) {
      decode(start, end); // rare in a skipped value; keeps a malformed escape an error wherever it is
    }
    pos = end + 1;
  }

  /** Whether the string {@link #scanString} last scanned had no escapes. */
  private boolean escapeFree;

  /** Returns the index of the closing quote of the string whose content starts at {@code start}. */
  private int scanString(int start) {
    boolean escapes = false;
    for (int i = start; i < b.length; i++) {
      byte c = b[i];
      if (c == '"') {
        escapeFree = !escapes;
        return i;
      }
      if (c == '\\') {
        escapes = true;
        i++; // the escaped character cannot end the string; decode() checks it
      }
    }
    pos = b.length;
    throw endsEarly();
  }

  /** Decodes a string's content with escapes, from {@code start} up to its closing quote at {@code end}. */
  private String decode(int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    int run = start;
    for (int i = start; i < end; i++) {
      if (b[i] != '\\') {
        continue;
      }
      sb.append(new String(b, run, i - run, StandardCharsets.UTF_8)); // a backslash never splits a UTF-8 sequence
      byte e = b[++i];
      switch (e) {
        case '"': case '\\': case '/': sb.append((char) e); break;
        case '\'': case '\n': sb.append((char) e); break; // not RFC 8259, but Moshi's strict reader takes them
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case 'n': sb.append('\n'); break;
        case 'r': sb.append('\r'); break;
        case 't': sb.append('\t'); break;
        case 'u':
          if (i + 4 >= end) {
            pos = i;
            throw malformed("unterminated \\u escape");
          }
          int unit = 0;
          for (int k = 1; k <= 4; k++) {
            int digit = Character.digit(b[i + k], 16);
            if (digit < 0) {
              pos = i;
              throw malformed("invalid \\u escape");
            }
            unit = unit * 16 + digit;
          }
          sb.append((char) unit); // surrogate pairs come as two escapes and join in the builder
          i += 4;
          break;
        default:
          pos = i;
          throw malformed("invalid escape");
      }
      run = i + 1;
    }
    sb.append(new String(b, run, end - run, StandardCharsets.UTF_8));
    return sb.toString();
  }

  /** Consumes a number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, then no literal character. */
  private void scanNumber() {
    if (b[pos] == '-') {
      pos++;
    }
    if (pos < b.length && b[pos] == '0') {
      pos++;
    } else if (digits() == 0) {
      throw malformed("expected a digit");
    }
    if (pos < b.length && b[pos] == '.') {
      pos++;
      if (digits() == 0) {
        throw malformed("expected a digit after '.'");
      }
    }
    if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      if (digits() == 0) {
        throw malformed("expected a digit in the exponent");
      }
    }
    if (pos < b.length && isLiteral(b[pos])) {
      throw malformed("unexpected character after a number");
    }
  }

  private int digits() {
    int start = pos;
    while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    return pos - start;
  }

  /** Whether {@code word} (lower case) starts at {@code pos} in any letter case and ends there. */
  private boolean keywordAt(String word) {
    int n = word.length();
    if (pos + n > b.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if ((b[pos + i] | 0x20) != word.charAt(i)) {
        return false;
      }
    }
    return pos + n == b.length || !isLiteral(b[pos + n]);
  }

  /** Whether {@code c} could continue an unquoted literal, as Moshi decides it. */
  private static boolean isLiteral(byte c) {
    switch (c) {
      case '/': case '\\': case ';': case '#': case '=': case '{': case '}': case '[': case ']': case ':':
      case ',': case ' ': case '\t': case '\f': case '\r': case '\n':
        return false;
      default:
        return true;
    }
  }

  private void expect(char c) {
    skipWhitespace();
    if (pos >= b.length) {
      throw endsEarly();
    }
    if (b[pos] != c) {
      throw malformed("expected '" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < b.length) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private JsonFormatException endsEarly() {
    return new JsonFormatException("JSON ends early");
  }

  private JsonFormatException malformed(String what) {
    return new JsonFormatException("malformed JSON: " + what + " at byte " + pos);
  }
}
