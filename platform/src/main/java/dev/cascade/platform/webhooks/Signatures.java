package dev.cascade.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures of provider webhooks: dlr-ingest checks them, provider-sim makes them. */
public final class Signatures {

  private Signatures() {}

  /** Meta's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256 of the raw body with the app secret. */
  public static String metaSignature(String appSecret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
  }

  /** Google RBM's {@code X-Goog-Signature}: base64 HMAC-SHA512 of the decoded event data with the client token. */
  public static String rbmSignature(String clientToken, byte[] eventData) {
    return Base64.getEncoder().encodeToString(hmac("HmacSHA512", clientToken, eventData));
  }

  /** Equal strings, compared without revealing how much matched; a missing value never matches. */
  public static boolean matches(String expected, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8),
            presented.strip().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String algorithm, String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
