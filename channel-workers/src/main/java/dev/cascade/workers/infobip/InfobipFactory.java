package dev.cascade.workers.infobip;

import dev.cascade.platform.config.Settings;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderSettings;
import java.util.Optional;

/** The {@code infobip} provider plugin: Viber, SMS and RCS over Infobip's HTTP API. */
@Plugin(name = InfobipProvider.NAME, configType = InfobipConfig.class)
public final class InfobipFactory implements ProviderFactory<InfobipConfig> {

  /** Always configured: without settings it talks to the simulator, as in development. */
  @Override
  public Optional<InfobipConfig> configure(ProviderSettings settings) {
    Settings all = settings.all();
    return Optional.of(new InfobipConfig(
        settings.url("base.url", settings.simulatorUrl()),
        settings.string("api.key", "dev-key"),
        settings.url("notify.url", null),
        settings.ratePerSecond(),
        all.bool(settings.key("rcs.capability.check"), true),
        all.duration("capability.cache.ttl", InfobipConfig.DEFAULT_CAPABILITY_TTL),
        all.longValue("capability.cache.size", InfobipConfig.DEFAULT_CAPABILITY_CACHE_SIZE)));
  }

  /** The simulator reports to dlr-ingest by itself, so no notify URL travels with its messages. */
  @Override
  public InfobipConfig simulatorConfig(ProviderSettings settings) {
    Settings all = settings.all();
    return new InfobipConfig(
        settings.simulatorUrl(),
        "dev-key",
        null,
        settings.ratePerSecond(),
        true,
        all.duration("capability.cache.ttl", InfobipConfig.DEFAULT_CAPABILITY_TTL),
        all.longValue("capability.cache.size", InfobipConfig.DEFAULT_CAPABILITY_CACHE_SIZE));
  }

  /**
   * Each instance gets its own RCS capability cache, so an answer the simulator gave never steers
   * a real send.
   */
  @Override
  public ChannelProvider create(InfobipConfig config, ProviderContext context) {
    return new InfobipProvider(
        context.http(),
        config,
        new InfobipRcs(context.http(), config, context.capabilityLookups()));
  }
}
