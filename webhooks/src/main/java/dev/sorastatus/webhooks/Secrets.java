package dev.sorastatus.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Decodes Standard Webhooks secrets and computes their signatures; shared by the signer and the verifier. */
final class Secrets {
  static final String PREFIX = "whsec_";
  private static final String HMAC = "HmacSHA256";

  private Secrets() {}

  /**
   * Returns the key bytes of {@code secret}: the base64 after {@code whsec_}, or the whole string taken as
   * base64 when it has no prefix (as the reference libraries do).
   */
  static byte[] decode(String secret) {
    Objects.requireNonNull(secret, "secret == null");
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      // never the secret itself in the message
      throw new IllegalArgumentException("the webhook secret is not base64 after its optional whsec_ prefix");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    return key;
  }

  /** Returns HMAC-SHA256 of {@code id.timestamp.body} under {@code key}. */
  static byte[] sign(byte[] key, String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("this JVM cannot compute HmacSHA256", e);
    }
  }

  /** Compares two strings in time that does not depend on where they differ, nor on their lengths. */
  static boolean equalInConstantTime(String a, String b) {
    return MessageDigest.isEqual(sha256(a), sha256(b));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot compute SHA-256", e);
    }
  }
}
