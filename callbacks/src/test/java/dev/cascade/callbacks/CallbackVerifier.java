package dev.cascade.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The README's receiver-side check of {@code Cascade-Signature}, word for word. */
final class CallbackVerifier {

  private CallbackVerifier() {}

  // README, Outcome callbacks: verifying a callback
  static boolean verify(String secret, String signature, byte[] body, long nowSeconds)
      throws Exception {
    String t = signature.replaceAll(".*\\bt=(\\d{1,18}).*", "$1");
    String v1 = signature.replaceAll(".*\\bv1=([0-9a-f]{64}).*", "$1");
    if (t.equals(signature) || v1.equals(signature)) return false; // malformed header
    if (Math.abs(nowSeconds - Long.parseLong(t)) > 300) return false; // too old: a replay
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.UTF_8));
  }
}
