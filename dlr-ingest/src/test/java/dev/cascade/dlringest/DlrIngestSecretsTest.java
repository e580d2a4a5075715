package dev.cascade.dlringest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dlr-ingest outside the development profile: no webhook takes calls signed with a published secret. */
class DlrIngestSecretsTest {

  @Test
  void unconfiguredItRefusesToStartNamingEveryWebhookSecret() {
    assertThatThrownBy(() -> DlrIngestService.start(Settings.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("configuration whatsapp.app.secret (CASCADE_WHATSAPP_APP_SECRET)")
        .hasMessageContaining("whatsapp.verify.token (CASCADE_WHATSAPP_VERIFY_TOKEN)")
        .hasMessageContaining("rbm.client.token (CASCADE_RBM_CLIENT_TOKEN)")
        .hasMessageContaining("infobip.webhook.secret (CASCADE_INFOBIP_WEBHOOK_SECRET)")
        .hasMessageNotContaining("dlr.smpp.password");
  }

  @Test
  void withAnSmscItAlsoNamesTheDevelopmentSmppPassword() {
    Settings settings = Settings.of(Map.of(
        "whatsapp.app.secret", "a",
        "whatsapp.verify.token", "b",
        "rbm.client.token", "c",
        "infobip.webhook.secret", "d",
        "dlr.smpp.host", "smsc.example.com"));

    assertThatThrownBy(() -> DlrIngestService.start(settings))
        .hasMessageStartingWith("configuration dlr.smpp.password (CASCADE_DLR_SMPP_PASSWORD)");
  }
}
