package dev.cascade.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void aPlainKeyIdentifiesItsId() {
    ApiKeys keys = ApiKeys.parse("ops=0ps-key-1,billing=b1lling-key");

    assertThat(keys.identify("0ps-key-1")).hasValue("ops");
    assertThat(keys.identify("b1lling-key")).hasValue("billing");
  }

  @Test
  void aKeyConfiguredAsItsSha256IdentifiesTheKeyThatHashesToIt() {
    // given the hash as `printf %s "$KEY" | sha256sum` prints it, in either case
    String hex = sha256Hex("0ps-key-1");
    ApiKeys keys = ApiKeys.parse(
        "ops=sha256:" + hex + ", batch=SHA256:" + sha256Hex("b4tch").toUpperCase());

    // when / then
    assertThat(keys.identify("0ps-key-1")).hasValue("ops");
    assertThat(keys.identify("b4tch")).hasValue("batch");
    assertThat(keys.identify("sha256:" + hex))
        .as("the hash itself is not a key")
        .isEmpty();
  }

  @Test
  void anUnknownOrNearlyRightKeyIsNotAccepted() {
    ApiKeys keys = ApiKeys.parse("ops=0ps-key-1");

    assertThat(keys.identify("0ps-key-2")).isEmpty();
    assertThat(keys.identify("0ps-key-1 ")).isEmpty();
    assertThat(keys.identify("")).isEmpty();
    assertThat(keys.accepts("dev-key")).isFalse();
  }

  @Test
  void bareKeysGetNumberedIds() {
    ApiKeys keys = ApiKeys.parse("first-key, second-key");

    assertThat(keys.identify("first-key")).hasValue("key-1");
    assertThat(keys.identify("second-key")).hasValue("key-2");
    assertThat(keys.size()).isEqualTo(2);
  }

  @Test
  void theDefaultIsTheDevelopmentKey() {
    ApiKeys keys = SendIntakeConfig.from(Settings.of(Map.of())).apiKeys();

    assertThat(keys.identify("dev-key")).hasValue("dev");
    assertThat(keys.accepts("dev-key")).isTrue();
  }

  @Test
  void aMalformedHashFailsNamingTheSettingAndTheIdButNeverTheKey() {
    assertThatThrownBy(() -> ApiKeys.parse("ops=sha256:abc123,other=s3cret-key"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("intake.api.keys (CASCADE_INTAKE_API_KEYS)")
        .hasMessageContaining("ops")
        .hasMessageNotContaining("abc123");
    assertThatThrownBy(() -> ApiKeys.parse("ops=sha256:" + "zz".repeat(32)))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void noKeysEmptyKeysAndOneKeyTwiceAreRefused() {
    assertThatThrownBy(() -> ApiKeys.parse(" , "))
        .hasMessageContaining("must list at least one key");
    assertThatThrownBy(() -> ApiKeys.parse("ops="))
        .hasMessageContaining("the key of id ops is empty");
    assertThatThrownBy(() -> ApiKeys.parse("ops=s4me,batch=sha256:" + sha256Hex("s4me")))
        .hasMessageContaining("ids ops and batch have the same key")
        .hasMessageNotContaining("s4me");
  }

  @Test
  void theKeysNeverShowInToString() {
    ApiKeys keys = ApiKeys.parse("ops=0ps-key-1");

    assertThat(keys.toString()).isEqualTo("ApiKeys[ops]").doesNotContain("0ps-key-1");
  }

  private static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
