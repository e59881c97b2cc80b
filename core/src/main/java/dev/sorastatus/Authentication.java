package dev.sorastatus;

import dev.sorastatus.spi.TransportRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the API key travels: which header carries it, and in what form. OpenAI and the gateways that copy it
 * take {@code Authorization: Bearer <key>} ({@link #bearer()}, the default, also right for a Microsoft Entra
 * ID token); Azure OpenAI's keys go in {@code api-key: <key>} ({@link #apiKeyHeader()}); an API management
 * layer may want the key raw in a header of its own, such as {@code Ocp-Apim-Subscription-Key}
 * ({@link #header(String)}).
 *
 * <p>The key itself stays in {@link ApiKey}; this value only names the header, so it is safe to print. The
 * header is redacted wherever headers are shown, and the key is masked wherever a server echoes it, whichever
 * header carries it. It goes only to the API's own origin, never to a download URL on another host.
 *
 * <pre>{@code
 * SoraConfig azure = SoraConfig.builder()
 *     .baseUrl("https://my-resource.openai.azure.com/openai/v1")
 *     .apiKey(System.getenv("AZURE_OPENAI_API_KEY"))
 *     .authentication(Authentication.apiKeyHeader())
 *     .build();
 * }</pre>
 */
public final class Authentication {
  private static final Authentication BEARER = new Authentication("Authorization", "Bearer ");
  private static final Authentication API_KEY = new Authentication("api-key", "");

  /** Headers that carry something other than a credential, and that the library or HTTP itself sets. */
  private static final Set<String> NOT_CREDENTIALS = Set.of(
      "accept", "user-agent", "host", "connection", "content-length", "content-type", "expect", "upgrade",
      "transfer-encoding", "te", "trailer", "keep-alive", "range", "if-range", "cookie", "proxy-authorization");

  private final String headerName;
  private final String prefix;

  private Authentication(String headerName, String prefix) {
    this.headerName = headerName;
    this.prefix = prefix;
  }

  /**
   * Returns {@code Authorization: Bearer <key>}: OpenAI, its gateways, and Azure with an Entra ID token.
   *
   * @return the default authentication
   */
  public static Authentication bearer() {
    return BEARER;
  }

  /**
   * Returns {@code api-key: <key>}, as Azure OpenAI takes its resource keys.
   *
   * @return the authentication
   */
  public static Authentication apiKeyHeader() {
    return API_KEY;
  }

  /**
   * Returns the key sent raw, with no scheme, in the header {@code name}.
   *
   * @param name the header, such as {@code Ocp-Apim-Subscription-Key} or {@code X-Api-Key}; its name must
   *     say that it carries a credential (contain {@code key}, {@code token}, {@code auth}, {@code secret},
   *     {@code signature} or {@code password}), so that every place that shows headers redacts it
   * @return the authentication
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is not an HTTP token, is a header the library or HTTP
   *     sets, or does not read as a credential
   */
  public static Authentication header(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isEmpty() || !name.chars().allMatch(SoraConfig::isTokenChar)) {
      throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP token");
    }
    if (NOT_CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("header " + name + " cannot carry the API key");
    }
    if (!TransportRequest.isSecretHeader(name)) {
      throw new IllegalArgumentException("header " + name + " does not read as a credential, so logs would show"
          + " the key: its name must contain key, token, auth, secret, signature or password");
    }
    return name.equalsIgnoreCase(API_KEY.headerName) ? API_KEY : new Authentication(name, "");
  }

  /**
   * Returns the header that carries the key.
   *
   * @return such as {@code Authorization} or {@code api-key}
   */
  public String headerName() {
    return headerName;
  }

  /** Returns the header's value for {@code key}; only the protocol calls it, and nothing may log it. */
  String headerValue(ApiKey key) {
    return prefix + key.reveal();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Authentication other
        && other.headerName.equalsIgnoreCase(headerName) && other.prefix.equals(prefix);
  }

  @Override
  public int hashCode() {
    return headerName.toLowerCase(Locale.ROOT).hashCode() * 31 + prefix.hashCode();
  }

  /** Returns such as {@code Authentication[Authorization: Bearer ***]}: never a key. */
  @Override
  public String toString() {
    return "Authentication[" + headerName + ": " + prefix + "***]";
  }
}
