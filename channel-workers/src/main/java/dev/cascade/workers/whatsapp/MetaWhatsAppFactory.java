package dev.cascade.workers.whatsapp;

import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderSettings;
import java.util.Optional;

/** The {@code meta} provider plugin: WhatsApp over Meta's Cloud API. */
@Plugin(name = MetaWhatsAppProvider.NAME, configType = MetaConfig.class)
public final class MetaWhatsAppFactory implements ProviderFactory<MetaConfig> {

  /**
   * Cloud API's default throughput per business phone number: 80 messages a second (Meta,
   * "WhatsApp Business Platform — Throughput"; more with an upgrade, then set the setting).
   */
  static final double DOCUMENTED_MESSAGES_PER_SECOND = 80;

  /** Always configured: without settings it talks to the simulator, as in development. */
  @Override
  public Optional<MetaConfig> configure(ProviderSettings settings) {
    return Optional.of(new MetaConfig(
        settings.url("base.url", settings.simulatorUrl()),
        settings.string("token", "dev-token"),
        settings.ratePerSecond(DOCUMENTED_MESSAGES_PER_SECOND)));
  }

  @Override
  public MetaConfig simulatorConfig(ProviderSettings settings) {
    return new MetaConfig(settings.simulatorUrl(), "dev-token", settings.ratePerSecond());
  }

  @Override
  public ChannelProvider create(MetaConfig config, ProviderContext context) {
    return new MetaWhatsAppProvider(context.http(), config);
  }
}
