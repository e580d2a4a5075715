package dev.cascade.workers.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.config.Settings;
import dev.cascade.workers.provider.ProviderSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaWhatsAppFactoryTest {

  private final MetaWhatsAppFactory factory = new MetaWhatsAppFactory();

  @Test
  void cloudApiIsPacedAtItsDocumentedDefaultThroughputUnlessConfigured() {
    MetaConfig unset =
        factory.configure(new ProviderSettings(Settings.of(Map.of()), "meta")).orElseThrow();
    MetaConfig upgraded = factory
        .configure(new ProviderSettings(
            Settings.of(Map.of("provider.meta.rate.per.second", "1000")), "meta"))
        .orElseThrow();

    assertThat(unset.ratePerSecond()).isEqualTo(80);
    assertThat(upgraded.ratePerSecond()).isEqualTo(1000);
  }
}
