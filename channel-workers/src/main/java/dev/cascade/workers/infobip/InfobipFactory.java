package dev.cascade.workers.infobip;

import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderSettings;
import java.util.Optional;

/** The {@code infobip} provider plugin: Viber and SMS over Infobip's HTTP API. */
@Plugin(name = InfobipProvider.NAME, configType = InfobipConfig.class)
public final class InfobipFactory implements ProviderFactory<InfobipConfig> {

  /** Always configured: without settings it talks to the simulator, as in development. */
  @Override
  public Optional<InfobipConfig> configure(ProviderSettings settings) {
    return Optional.of(new InfobipConfig(
        settings.url("base.url", settings.simulatorUrl()),
        settings.string("api.key", "dev-key"),
        settings.url("notify.url", null),
        settings.ratePerSecond()));
  }

  /** The simulator reports to dlr-ingest by itself, so no notify URL travels with its messages. */
  @Override
  public InfobipConfig simulatorConfig(ProviderSettings settings) {
    return new InfobipConfig(settings.simulatorUrl(), "dev-key", null, settings.ratePerSecond());
  }

  @Override
  public ChannelProvider create(InfobipConfig config, ProviderContext context) {
    return new InfobipProvider(context.http(), config);
  }
}
