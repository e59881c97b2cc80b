package dev.sorastatus;

import static dev.sorastatus.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonCursor}: what Moshi's strict reader accepted, it accepts; what it rejected, it rejects. */
class JsonCursorTest {
  private static final JsonCursor.Names NAMES = new JsonCursor.Names("id", "status", "task_id");

  private static String firstValue(String json) {
    JsonCursor c = new JsonCursor(utf8(json));
    assertThat(c.beginObject()).isTrue();
    c.nextName(NAMES);
    String value = c.scalar();
    assertThat(c.nextMember()).isFalse();
    assertThat(c.peek()).isEqualTo(JsonCursor.Token.END_DOCUMENT);
    return value;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\":\"plain\"}|plain",
      "{\"id\":\"a\\\"b\\\\c\\/d\"}|a\"b\\c/d",
      "{\"id\":\"\\u00e9t\\u00E9\"}|\u00e9t\u00e9",
      "{\"id\":\"caf\u00e9 \u732b\"}|caf\u00e9 \u732b",
      "{\"id\":\"\\ud83d\\ude00 smile\"}|\ud83d\ude00 smile",
      "{\"id\":1758941485}|1758941485",
      "{\"id\":-0.5e+3}|-0.5e+3",
      "{\"id\":true}|true",
      "{\"id\":FALSE}|false",
  })
  void scalarsReadAsTheirText(String json, String expected) {
    assertThat(firstValue(json)).isEqualTo(expected);
  }

  @Test
  void nullObjectsAndArraysReadAsNull() {
    assertThat(firstValue("{\"id\":null}")).isNull();
    assertThat(firstValue("{\"id\":Null}")).isNull();
    assertThat(firstValue("{\"id\":{\"a\":[1,{\"b\":[]},\"x\"]}}")).isNull();
    assertThat(firstValue("{\"id\":[[],[[]]]}")).isNull();
  }

  @Test
  void whiteSpaceAroundTokensIsSkipped() {
    assertThat(firstValue(" {\n \"id\" :\t\"spaced\" \r\n} ")).isEqualTo("spaced");
  }

  @Test
  void escapesMoshisStrictReaderTakesAreTakenToo() {
    assertThat(firstValue("{\"id\":\"it\\'s\"}")).isEqualTo("it's");
    assertThat(firstValue("{\"id\":\"a\\\nb\"}")).isEqualTo("a\nb");
  }

  @Test
  void whiteSpaceEscapesAreDecoded() {
    assertThat(firstValue("{\"id\":\"tab\\there\\nnew\\r\\b\\f\"}")).isEqualTo("tab\there\nnew\r\b\f");
  }

  @Test
  void controlCharactersInsideStringsAreKept() {
    assertThat(firstValue("{\"id\":\"a\u0001b\"}")).isEqualTo("a\u0001b");
  }

  @Test
  void namesAreMatchedWithOrWithoutEscapes() {
    JsonCursor c = new JsonCursor(utf8("{\"status\":1,\"task\\u005fid\":2,\"stat\":3,\"statuses\":4}"));
    c.beginObject();
    assertThat(c.nextName(NAMES)).isEqualTo(1);
    c.skipValue();
    c.nextMember();
    assertThat(c.nextName(NAMES)).isEqualTo(2);
    c.skipValue();
    c.nextMember();
    assertThat(c.nextName(NAMES)).isEqualTo(-1);
    c.skipValue();
    c.nextMember();
    assertThat(c.nextName(NAMES)).isEqualTo(-1);
  }

  @Test
  void malformedUtf8IsReadAsReplacementCharacters() {
    byte[] body = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xff, 'x', '"', '}'};
    JsonCursor c = new JsonCursor(body);
    c.beginObject();
    c.nextName(NAMES);

    assertThat(c.scalar()).isEqualTo("\ufffdx");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\":01}",
      "{\"id\":1.}",
      "{\"id\":.5}",
      "{\"id\":1e}",
      "{\"id\":12abc}",
      "{\"id\":+1}",
      "{\"id\":tru}",
      "{\"id\":nul}",
      "{\"id\":\"\\x\"}",
      "{\"id\":\"\\u12g4\"}",
      "{\"id\":\"\\u12\"}",
      "{\"id\":\"open}",
      "{\"id\":[1,]}",
      "{\"id\":[1 2]}",
      "{\"id\":{\"a\":1,}}",
      "{\"id\":{a:1}}",
      "{\"id\":'x'}",
      "{\"id\":/* no */1}",
      "{\"id\" \"x\"}",
      "{\"id\":{\"skipped\":\"\\x\"}}",
      "{\"id\":[\"\\u12g4\"]}",
      "{\"id\":{\"bad \\q name\":1}}",
  })
  void whatStrictJsonForbidsIsRejected(String json) {
    assertThatThrownBy(() -> firstValue(json)).isInstanceOf(JsonFormatException.class);
  }

  @Test
  void nestingIsBoundedInsteadOfOverflowingTheStack() {
    String deep = "{\"id\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

    assertThatThrownBy(() -> firstValue(deep)).isInstanceOf(JsonFormatException.class).hasMessageContaining("nests");
  }

  @Test
  void twoHundredLevelsAreFine() {
    assertThat(firstValue("{\"id\":" + "[".repeat(200) + "]".repeat(200) + "}")).isNull();
  }
}
