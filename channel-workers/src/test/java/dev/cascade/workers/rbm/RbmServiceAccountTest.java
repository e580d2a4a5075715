package dev.cascade.workers.rbm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.json.Json;
import dev.cascade.workers.provider.StubProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RBM access tokens from a service account key through Google's auth library: the library signs
 * an RS256 JWT grant and trades it at the key's token_uri (here a stub) for a bearer token.
 */
class RbmServiceAccountTest {

  @Test
  void tradesASignedJwtGrantForATokenScopedToRbm() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    try (StubProvider tokenEndpoint = new StubProvider()) {
      tokenEndpoint.answer(
          200,
          "{\"access_token\":\"ya29.sim-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
      Path key = Files.createTempFile("rbm-service-account", ".json");
      Files.write(
          key,
          Json.bytes(Map.of(
              "type", "service_account",
              "project_id", "rbm-cascade",
              "private_key_id", "k1",
              "private_key", pem(keys),
              "client_email", "cascade@rbm-cascade.iam.gserviceaccount.com",
              "client_id", "1234567890",
              "token_uri", tokenEndpoint.url() + "/token")));

      String token = RbmAccessToken.serviceAccount(key).current().join();

      assertThat(token).isEqualTo("ya29.sim-token");
      String form =
          URLDecoder.decode(tokenEndpoint.requests().getFirst().body(), StandardCharsets.UTF_8);
      assertThat(form).contains("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer");
      String jwt =
          form.substring(form.indexOf("assertion=") + "assertion=".length()).split("&")[0];
      String[] parts = jwt.split("\\.");
      String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      assertThat(claims)
          .contains(RbmAccessToken.SCOPE)
          .contains("cascade@rbm-cascade.iam.gserviceaccount.com");
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(keys.getPublic());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2])))
          .as("JWT signed with the account key")
          .isTrue();
    }
  }

  private static String pem(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes())
            .encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
