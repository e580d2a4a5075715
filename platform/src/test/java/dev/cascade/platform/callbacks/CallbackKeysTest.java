package dev.cascade.platform.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackKeysTest {

  @Test
  void secretsAndDefaultUrlsAreReadByKeyId() {
    CallbackKeys keys = CallbackKeys.from(Settings.of(Map.of(
        "callbacks.secrets", "ops=s3cret-one, billing=s3cret-two",
        "callbacks.default.urls", "ops=https://hooks.example.com/ops")));

    assertThat(keys.secret("ops")).contains("s3cret-one");
    assertThat(keys.secret("billing")).contains("s3cret-two");
    assertThat(keys.secret("other")).isEmpty();
    assertThat(keys.secret(null)).isEmpty();
    assertThat(keys.defaultUrl("ops")).contains("https://hooks.example.com/ops");
    assertThat(keys.defaultUrl("billing")).isEmpty();
    assertThat(keys.developmentSecret().development()).isFalse();
    assertThat(keys.toString()).doesNotContain("s3cret");
  }

  @Test
  void theDevelopmentProfileGivesTheDevKeyTheDevelopmentSecretWhenUnset() {
    CallbackKeys dev = CallbackKeys.from(Settings.of(Map.of("profile", "dev")));
    assertThat(dev.secret("dev")).contains("dev-secret");
    assertThat(dev.developmentSecret().development()).isTrue();

    assertThat(CallbackKeys.from(Settings.of(Map.of())).secret("dev")).isEmpty();
  }

  @Test
  void aDefaultUrlMustBeAllowedAndHaveASecret() {
    assertThatThrownBy(() -> CallbackKeys.from(Settings.of(Map.of(
            "callbacks.secrets", "ops=s3cret", "callbacks.default.urls", "ops=http://10.0.0.1/"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("callbacks.default.urls")
        .hasMessageContaining("the URL of key id ops must");
    assertThatThrownBy(() -> CallbackKeys.from(
            Settings.of(Map.of("callbacks.default.urls", "ops=https://hooks.example.com/"))))
        .hasMessageContaining("key id ops has a default URL but no secret");
  }

  @Test
  void malformedPairsAreRefusedWithoutRepeatingASecret() {
    assertThatThrownBy(
            () -> CallbackKeys.from(Settings.of(Map.of("callbacks.secrets", "t0p-s3cret"))))
        .hasMessageContaining("callbacks.secrets")
        .hasMessageNotContaining("t0p-s3cret");
    assertThatThrownBy(
            () -> CallbackKeys.from(Settings.of(Map.of("callbacks.secrets", "ops=a,ops=b"))))
        .hasMessageContaining("names key id ops twice");
  }
}
