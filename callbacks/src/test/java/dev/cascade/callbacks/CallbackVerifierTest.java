package dev.cascade.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.callbacks.http.CallbackSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature Cascade sends passes the README's verifier; a forged or replayed one does not. */
class CallbackVerifierTest {

  private static final String SECRET = "whsec-7f3a";
  private static final byte[] BODY =
      "{\"messageId\":\"m-1\",\"status\":\"DELIVERED\"}".getBytes(StandardCharsets.UTF_8);
  private static final long NOW = 1_795_000_000L;

  @Test
  void aSignatureCascadeMadeVerifies() throws Exception {
    String header = CallbackSignature.header(SECRET, NOW, BODY);

    assertThat(header).matches("t=1795000000,v1=[0-9a-f]{64}");
    assertThat(CallbackVerifier.verify(SECRET, header, BODY, NOW)).isTrue();
    assertThat(CallbackVerifier.verify(SECRET, header, BODY, NOW + 299)).isTrue();
  }

  @Test
  void aForgedSignatureFails() throws Exception {
    String genuine = CallbackSignature.header(SECRET, NOW, BODY);
    String otherSecret = CallbackSignature.header("guessed-secret", NOW, BODY);
    byte[] tampered =
        "{\"messageId\":\"m-1\",\"status\":\"FAILED\"}".getBytes(StandardCharsets.UTF_8);
    String flipped =
        genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("0") ? "1" : "0");

    assertThat(CallbackVerifier.verify(SECRET, otherSecret, BODY, NOW)).isFalse();
    assertThat(CallbackVerifier.verify(SECRET, genuine, tampered, NOW)).isFalse();
    assertThat(CallbackVerifier.verify(SECRET, flipped, BODY, NOW)).isFalse();
    // the time is signed too: moving it breaks the signature
    assertThat(CallbackVerifier.verify(
            SECRET, genuine.replace("t=" + NOW, "t=" + (NOW + 1)), BODY, NOW))
        .isFalse();
    assertThat(CallbackVerifier.verify(SECRET, "v1=" + "0".repeat(64), BODY, NOW))
        .isFalse();
    assertThat(CallbackVerifier.verify(SECRET, "garbage", BODY, NOW)).isFalse();
  }

  @Test
  void anOldSignatureIsAReplay() throws Exception {
    String header = CallbackSignature.header(SECRET, NOW - 301, BODY);

    assertThat(CallbackVerifier.verify(SECRET, header, BODY, NOW)).isFalse();
  }
}
