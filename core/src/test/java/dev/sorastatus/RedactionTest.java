package dev.sorastatus;

import static dev.sorastatus.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {
  private static final String CANARY = "sk-canary-0123456789abcdef";
  /** A configured secret that no pattern recognises; only the verbatim rule can mask it. */
  private static final String PLAIN_SECRET = "juhe0a1b2c3d4e5f6a7b8c9d";

  @Test
  void excerptIsOneLine() {
    String excerpt = Redaction.excerpt(utf8("<html>\r\n  <body>\n\t<h1>502 Bad Gateway</h1>\u0000\u001b[0m\n</body>\r\n</html>\r\n"), null);

    assertThat(excerpt).isEqualTo("<html> <body> <h1>502 Bad Gateway</h1> [0m </body> </html>");
  }

  @Test
  void excerptOfAnEmptyBodyIsEmpty() {
    assertThat(Redaction.excerpt(new byte[0], CANARY)).isEmpty();
    assertThat(Redaction.excerpt("", CANARY)).isEmpty();
  }

  @Test
  void excerptOfExactlyTheLimitIsKeptWhole() {
    String body = "a".repeat(200);

    assertThat(Redaction.EXCERPT_LENGTH).isEqualTo(200);
    assertThat(Redaction.excerpt(utf8(body), null)).isEqualTo(body);
  }

  @Test
  void longerExcerptIsCutAtTheLimitAndMarked() {
    String excerpt = Redaction.excerpt(utf8("b".repeat(201)), null);

    assertThat(excerpt).isEqualTo("b".repeat(200) + "\u2026");
  }

  @Test
  void hugeBodyGivesAShortExcerpt() {
    String excerpt = Redaction.excerpt(utf8("{\"error\":\"" + "x".repeat(1_000_000) + "\"}"), null);

    assertThat(excerpt).hasSize(201).startsWith("{\"error\":\"xxx").endsWith("x\u2026");
  }

  @Test
  void cutMultiByteCharactersDoNotBreakTheExcerpt() {
    String excerpt = Redaction.excerpt(utf8("\u4e2d".repeat(400)), null);

    assertThat(excerpt).isEqualTo("\u4e2d".repeat(200) + "\u2026");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Incorrect API key provided: sk-canary-0123456789abcdef.|Incorrect API key provided: ***.",
      "key sk-proj-AbC_dEf-123456789 rejected|key *** rejected",
      "key sk_live_0123456789 rejected|key *** rejected",
      "key SK-UPPER0123456 rejected|key *** rejected",
      "pk-abcdef123 and rk-abcdef123|*** and ***",
      "Bearer abc.def-ghi_123|Bearer ***",
      "bearer tok3n.with.dots|bearer ***",
      "{\"api_key\": \"juhe-secret-42\"}|{\"api_key\": \"***\"}",
      "{\"api_key\":\"juhe-secret-42\",\"ok\":false}|{\"api_key\":\"***\",\"ok\":false}",
      "{\"apiKey\": \"juhe-secret-42\"}|{\"apiKey\": \"***\"}",
      "{\"x-api-key\": \"juhe-secret-42\"}|{\"x-api-key\": \"***\"}",
      "api-key=juhe-secret-42; x=1|api-key=***; x=1",
      "Authorization: sk-canary-0123456789abcdef|Authorization: ***",
      "authorization=juhe-secret-42|authorization=***",
      "{\"password\":\"hunter2\",\"token\":\"t0k3n\",\"secret\":\"s3cr3t\"}|{\"password\":\"***\",\"token\":\"***\",\"secret\":\"***\"}",
  })
  void credentialsAreMasked(String text, String expected) {
    assertThat(Redaction.mask(text, null)).isEqualTo(expected);
    assertThat(Redaction.excerpt(utf8(text), null)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Authorization: Bearer abcdef0123456789",
      "{\"Authorization\": \"Bearer abcdef0123456789\"}",
      "authorization: Basic abcdef0123456789",
      "Proxy-Authorization: Bearer abcdef0123456789",
  })
  void authorizationHeaderValueIsMaskedWithItsScheme(String text) {
    assertThat(Redaction.mask(text, null)).doesNotContain("abcdef0123456789");
    assertThat(Redaction.excerpt(utf8(text), null)).doesNotContain("abcdef0123456789");
  }

  @Test
  void configuredSecretIsMaskedVerbatimEvenWhenNoPatternMatchesIt() {
    String text = "upstream rejected key " + PLAIN_SECRET + " (twice: " + PLAIN_SECRET + ")";

    assertThat(Redaction.mask(text, PLAIN_SECRET)).isEqualTo("upstream rejected key *** (twice: ***)");
    assertThat(Redaction.excerpt(utf8(text), PLAIN_SECRET)).isEqualTo("upstream rejected key *** (twice: ***)");
    assertThat(Redaction.excerpt(text, PLAIN_SECRET)).isEqualTo("upstream rejected key *** (twice: ***)");
  }

  @Test
  void secretIsMaskedBeforeTheExcerptIsCut() {
    String text = "x".repeat(190) + " " + PLAIN_SECRET;

    assertThat(Redaction.excerpt(utf8(text), PLAIN_SECRET)).isEqualTo("x".repeat(190) + " ***");
  }

  @Test
  void secretSplitByTheExcerptLimitLeavesNoPrefix() {
    String text = "y".repeat(195) + PLAIN_SECRET;

    assertThat(Redaction.excerpt(utf8(text), PLAIN_SECRET)).isEqualTo("y".repeat(195) + "***");
  }

  @Test
  void secretCutByTheBytesReadIsNotPartlyShown() {
    // Pretty-printed or padded bodies collapse to few visible characters, so text near byte 800 is shown.
    String body = "\n".repeat(770) + "{\"message\":\"bad key " + PLAIN_SECRET + "\"}";

    String excerpt = Redaction.excerpt(utf8(body), PLAIN_SECRET);

    assertThat(excerpt).doesNotContain(PLAIN_SECRET.substring(0, 4));
  }

  @Test
  void nullOrEmptySecretMasksOnlyPatterns() {
    assertThat(Redaction.mask("plain text 1234567890", null)).isEqualTo("plain text 1234567890");
    assertThat(Redaction.mask("plain text 1234567890", "")).isEqualTo("plain text 1234567890");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "task_not_exist",
      "risk-assessment-2025 passed",
      "the disk-usage-report is ready",
      "video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5",
      "Your request was blocked by our moderation system.",
      "sk-short",
  })
  void ordinaryTextIsLeftAlone(String text) {
    assertThat(Redaction.mask(text, CANARY)).isEqualTo(text);
  }
}
