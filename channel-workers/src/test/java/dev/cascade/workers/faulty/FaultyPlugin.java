package dev.cascade.workers.faulty;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderConfig;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.ProviderSettings;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A test plugin whose SMS provider has a bug: every send fails with an exception nobody
 * foresaw. Registered only on the test class path, it also shows what a plugin is: a factory, a
 * provider, a config record and one line in {@code META-INF/services}.
 */
@Plugin(name = FaultyPlugin.NAME, configType = FaultyPlugin.Config.class)
public final class FaultyPlugin implements ProviderFactory<FaultyPlugin.Config> {

  public static final String NAME = "faulty";

  /** {@code provider.faulty.rate.per.second}. */
  public record Config(double ratePerSecond) implements ProviderConfig {}

  @Override
  public Optional<Config> configure(ProviderSettings settings) {
    return Optional.of(new Config(settings.ratePerSecond()));
  }

  @Override
  public Config simulatorConfig(ProviderSettings settings) {
    return new Config(settings.ratePerSecond());
  }

  @Override
  public ChannelProvider create(Config config, ProviderContext context) {
    return new ChannelProvider() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Set<Channel> channels() {
        return Set.of(Channel.SMS);
      }

      @Override
      public CompletionStage<ProviderResult> send(ChannelCommand command) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("a bug in the faulty provider"));
      }
    };
  }
}
