package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** channel-workers outside the development profile: no provider is called with a development token. */
class ChannelWorkersSecretsTest {

  @Test
  void unconfiguredItRefusesToStartNamingTheCredentialsOfEveryProviderItWouldCall() {
    assertThatThrownBy(() -> ChannelWorkersService.start(Settings.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("configuration provider.meta.token (CASCADE_PROVIDER_META_TOKEN)")
        .hasMessageContaining("provider.rbm.token (CASCADE_PROVIDER_RBM_TOKEN)")
        .hasMessageContaining("provider.infobip.api.key (CASCADE_PROVIDER_INFOBIP_API_KEY)")
        .hasMessageNotContaining("provider.smpp.password");
  }

  @Test
  void onlyTheProvidersOfItsChannelsCount() {
    Settings settings = Settings.of(Map.of(
        "workers.channels", "SMS",
        "channel.sms.providers", "smpp",
        "provider.smpp.host", "smsc.example.com"));

    assertThatThrownBy(() -> ChannelWorkersService.start(settings))
        .hasMessageStartingWith(
            "configuration provider.smpp.password (CASCADE_PROVIDER_SMPP_PASSWORD)")
        .hasMessageNotContaining("provider.meta.token")
        .hasMessageNotContaining("provider.infobip.api.key");
  }
}
