package dev.sorastatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTest {
  private static final String CANARY = "sk-canary-0123456789abcdef";

  @Test
  void toStringShowsOnlyTheFirstThreeCharacters() {
    ApiKey key = ApiKey.of(CANARY);

    assertThat(key).hasToString("ApiKey[sk-***]");
    assertThat(key.masked()).isEqualTo("sk-***");
    assertThat(key.toString()).doesNotContain("canary").doesNotContain("0123456789abcdef");
  }

  @Test
  void shortKeysAreMaskedEntirely() {
    assertThat(ApiKey.of("abc12345")).hasToString("ApiKey[***]");
  }

  @Test
  void revealReturnsTheKeyItself() {
    assertThat(ApiKey.of(CANARY).reveal()).isEqualTo(CANARY);
  }

  @Test
  void keysWithTheSameValueAreEqual() {
    assertThat(ApiKey.of(CANARY)).isEqualTo(ApiKey.of(CANARY)).hasSameHashCodeAs(ApiKey.of(CANARY))
        .isNotEqualTo(ApiKey.of("sk-canary-0123456789abcdeX"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t", "\n", "\r\n "})
  void blankKeysAreRefused(String blank) {
    assertThatThrownBy(() -> ApiKey.of(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("apiKey is blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sk-canary 0123456789abcdef",
      " sk-canary-0123456789abcdef",
      "sk-canary-0123456789abcdef\n",
      "sk-canary-0123456789abcdef\r\nX-Evil: 1",
      "sk-canary-\u00e90123456789abcdef",
      "sk-canary-\u00000123456789abcdef",
  })
  void keysWithWhiteSpaceControlOrNonAsciiAreRefusedWithoutQuotingThem(String bad) {
    assertThatThrownBy(() -> ApiKey.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("apiKey holds a space, control or non-ASCII character at index ")
        .message().doesNotContain("canary").doesNotContain("0123456789abcdef");
  }

  @Test
  void nullKeyIsRefused() {
    assertThatThrownBy(() -> ApiKey.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("apiKey == null");
  }
}
