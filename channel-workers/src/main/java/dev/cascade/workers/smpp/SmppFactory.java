package dev.cascade.workers.smpp;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderSettings;
import java.util.Optional;

/** The {@code smpp} provider plugin: SMS to any SMSC over SMPP 3.4. */
@Plugin(name = SmppProvider.NAME, configType = SmppConfig.class)
public final class SmppFactory implements ProviderFactory<SmppConfig> {

  private static final int DEFAULT_PORT = 2775;
  private static final String DEFAULT_PASSWORD = "devpass";

  /** Configured only when {@code provider.smpp.host} names an SMSC: there is no default one. */
  @Override
  public Optional<SmppConfig> configure(ProviderSettings settings) {
    return settings
        .optional("host")
        .map(host -> new SmppConfig(
            host,
            settings.all().integer(settings.key("port"), DEFAULT_PORT),
            settings.string("system.id", "cascade"),
            settings.string("password", DEFAULT_PASSWORD),
            settings.ratePerSecond()));
  }

  /** provider-sim's SMSC: {@code sim.smpp.port} and {@code sim.smpp.password} on this host. */
  @Override
  public SmppConfig simulatorConfig(ProviderSettings settings) {
    Settings all = settings.all();
    int port = all.integer("sim.smpp.port", DEFAULT_PORT);
    if (!SmppConfig.validPort(port)) {
      throw new ConfigException("sim.smpp.port", String.valueOf(port), "a TCP port, 1 to 65535");
    }
    return new SmppConfig(
        "localhost",
        port,
        "cascade",
        all.string("sim.smpp.password", DEFAULT_PASSWORD),
        settings.ratePerSecond());
  }

  @Override
  public ChannelProvider create(SmppConfig config, ProviderContext context) {
    return new SmppProvider(config);
  }
}
