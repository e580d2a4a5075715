package dev.cascade.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** send-intake outside the development profile: it will not take the published key. */
class SendIntakeSecretsTest {

  @Test
  void unconfiguredItRefusesToStartBecauseItsOnlyKeyIsTheDevelopmentKey() {
    assertThatThrownBy(() -> SendIntakeService.start(Settings.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "configuration intake.api.keys (CASCADE_INTAKE_API_KEYS): holds a development secret")
        .hasMessageContaining("CASCADE_PROFILE=dev");
  }

  @Test
  void theDevelopmentKeyAmongRealOnesIsRefusedTooPlainOrHashed() {
    String devKeySha256 = "sha256:" + HexFormat.of().formatHex(sha256("dev-key"));

    assertThatThrownBy(() -> SendIntakeService.start(
            Settings.of(Map.of("intake.api.keys", "ops=r3al-key,old=dev-key"))))
        .hasMessageStartingWith("configuration intake.api.keys ");
    assertThatThrownBy(() -> SendIntakeService.start(
            Settings.of(Map.of("intake.api.keys", "ops=r3al-key,old=" + devKeySha256))))
        .hasMessageStartingWith("configuration intake.api.keys ");
  }

  @Test
  void aDevelopmentCallbackSecretIsRefusedOutsideTheDevelopmentProfile() {
    assertThatThrownBy(() -> SendIntakeService.start(Settings.of(
            Map.of("intake.api.keys", "ops=r3al-key", "callbacks.secrets", "ops=dev-secret"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "configuration callbacks.secrets (CASCADE_CALLBACKS_SECRETS): holds a development"
                + " secret");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
