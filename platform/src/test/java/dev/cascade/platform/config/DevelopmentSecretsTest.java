package dev.cascade.platform.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.DevelopmentSecrets.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevelopmentSecretsTest {

  @Test
  void anUnconfiguredServiceRefusesToStartNamingEverySettingThatDefaultsToADevelopmentSecret() {
    // given nothing configured: every secret is its development default
    Settings settings = Settings.of(Map.of());
    List<Secret> secrets = List.of(
        Secret.of(settings, "whatsapp.app.secret"), Secret.of(settings, "rbm.client.token"));

    // when / then
    assertThatThrownBy(() -> DevelopmentSecrets.check(settings, "dlr-ingest", secrets))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "configuration whatsapp.app.secret (CASCADE_WHATSAPP_APP_SECRET): holds a development"
                + " secret")
        .hasMessageContaining("rbm.client.token (CASCADE_RBM_CLIENT_TOKEN)")
        .hasMessageContaining("dlr-ingest runs with development secrets only in the development"
            + " profile (profile=dev, CASCADE_PROFILE=dev)");
  }

  @Test
  void aSecretSetToAPublishedDevelopmentValueIsRefusedToo() {
    Settings settings =
        Settings.of(Map.of("rbm.client.token", "s3cret", "infobip.webhook.secret", "dev-secret"));

    assertThatThrownBy(() -> DevelopmentSecrets.check(
            settings,
            "dlr-ingest",
            List.of(
                Secret.of(settings, "rbm.client.token"),
                Secret.of(settings, "infobip.webhook.secret"))))
        .hasMessageStartingWith("configuration infobip.webhook.secret ")
        .hasMessageNotContaining("rbm.client.token");
  }

  @Test
  void realSecretsStart() {
    Settings settings = Settings.of(Map.of("rbm.client.token", "s3cret"));

    assertThatCode(() -> DevelopmentSecrets.check(
            settings, "dlr-ingest", List.of(Secret.of(settings, "rbm.client.token"))))
        .doesNotThrowAnyException();
  }

  @Test
  void theDevelopmentProfileRunsWithTheDevelopmentSecrets() {
    Settings settings = Settings.of(Map.of("profile", "dev"));

    assertThatCode(() -> DevelopmentSecrets.check(
            settings,
            "send-intake",
            List.of(new Secret("intake.api.keys", true), Secret.of(settings, "x.token"))))
        .doesNotThrowAnyException();
  }

  @Test
  void anotherProfileIsNotTheDevelopmentProfile() {
    Settings settings = Settings.of(Map.of("profile", "production"));

    assertThatThrownBy(() -> DevelopmentSecrets.check(
            settings, "send-intake", List.of(new Secret("intake.api.keys", true))))
        .hasMessageStartingWith("configuration intake.api.keys (CASCADE_INTAKE_API_KEYS)");
  }
}
