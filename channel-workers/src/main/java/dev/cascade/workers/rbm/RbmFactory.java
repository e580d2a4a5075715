package dev.cascade.workers.rbm;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderSettings;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The {@code rbm} provider plugin: RCS over Google RCS Business Messaging. */
@Plugin(name = RbmProvider.NAME, configType = RbmConfig.class)
public final class RbmFactory implements ProviderFactory<RbmConfig> {

  /** Always configured: without settings it talks to the simulator, as in development. */
  @Override
  public Optional<RbmConfig> configure(ProviderSettings settings) {
    Path keyFile = settings.optional("service.account.file").map(Path::of).orElse(null);
    if (keyFile != null && !Files.isReadable(keyFile)) {
      throw new ConfigException(
          settings.key("service.account.file"),
          keyFile.toString(),
          "a readable Google service account JSON key file");
    }
    Settings all = settings.all();
    return Optional.of(new RbmConfig(
        settings.url("base.url", settings.simulatorUrl()),
        settings.string("token", "dev-token"),
        keyFile,
        ttl(all),
        size(all),
        settings.ratePerSecond()));
  }

  @Override
  public RbmConfig simulatorConfig(ProviderSettings settings) {
    Settings all = settings.all();
    return new RbmConfig(
        settings.simulatorUrl(), "dev-token", null, ttl(all), size(all), settings.ratePerSecond());
  }

  /**
   * Each instance gets its own capability cache, so an answer the simulator gave never steers a
   * real send.
   */
  @Override
  public ChannelProvider create(RbmConfig config, ProviderContext context) {
    RbmAccessToken token;
    if (config.serviceAccountFile() == null) {
      token = RbmAccessToken.fixed(config.token());
    } else {
      try {
        token = RbmAccessToken.serviceAccount(config.serviceAccountFile());
      } catch (UncheckedIOException e) {
        throw new ConfigException("provider.rbm.service.account.file", e.getMessage());
      }
    }
    return new RbmProvider(
        context.http(),
        config.baseUrl(),
        token,
        RbmProvider.capabilityCache(
            config.capabilityTtl(),
            config.capabilityCacheSize(),
            context.capabilityLookups(),
            Ticker.systemTicker()));
  }

  private static Duration ttl(Settings settings) {
    return settings.duration("capability.cache.ttl", Duration.ofHours(4));
  }

  private static long size(Settings settings) {
    return settings.longValue("capability.cache.size", 100_000);
  }
}
