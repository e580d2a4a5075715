package dev.cascade.workers;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The providers a worker can call, each twice: at its configured endpoint, and at the simulator
 * for {@code simulation: true} commands, which never reach a real provider. Each instance has its
 * own guards, so simulated traffic never paces or trips a real provider.
 */
final class ProviderRegistry implements AutoCloseable {

  /** What a command is sent through, or why it cannot be sent. */
  sealed interface Selection {}

  /** The provider to call. */
  record Found(GuardedProvider provider) implements Selection {}

  /** No call is made: the attempt is rejected with {@code code}. */
  record Refused(String provider, String code, String reason) implements Selection {}

  static final String UNKNOWN_PROVIDER = "UNKNOWN_PROVIDER";
  static final String PROVIDER_CHANNEL_MISMATCH = "PROVIDER_CHANNEL_MISMATCH";

  private final Map<String, GuardedProvider> real = new HashMap<>();
  private final Map<String, GuardedProvider> simulated = new HashMap<>();
  private final Map<Channel, String> defaults;
  private final ScheduledExecutorService scheduler;

  /**
   * Guards every built provider and checks that each channel this worker serves has a default
   * provider that is configured and carries it; else a {@link ConfigException} naming the key.
   */
  ProviderRegistry(List<ProviderPlugins.Built> built, WorkersConfig config) {
    this.defaults = config.defaultProviders();
    // retry waits and paced calls are scheduled here; nothing on it blocks
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("provider-calls-scheduler").factory());
    for (ProviderPlugins.Built b : built) {
      String name = b.provider().name();
      String instance = b.simulator() ? name + "-sim" : name;
      GuardedProvider guarded = new GuardedProvider(
          b.provider(),
          instance,
          b.ratePerSecond(),
          config.maxInFlight(),
          config.calls(),
          scheduler);
      (b.simulator() ? simulated : real).put(name, guarded);
    }
    try {
      for (Channel channel : config.channels()) {
        checkDefault(channel);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void checkDefault(Channel channel) {
    String name = defaults.get(channel);
    GuardedProvider provider = real.get(name);
    if (provider == null || !provider.provider().channels().contains(channel)) {
      throw new ConfigException(
          WorkersConfig.defaultProviderKey(channel),
          name,
          "a configured provider that carries " + channel + ": one of " + serving(channel));
    }
  }

  private Set<String> serving(Channel channel) {
    Set<String> names = new TreeSet<>();
    real.forEach((name, provider) -> {
      if (provider.provider().channels().contains(channel)) {
        names.add(name);
      }
    });
    return names;
  }

  /** The provider named on the command, else the channel's default. */
  Selection select(ChannelCommand command) {
    String name =
        command.getProvider() != null ? command.getProvider() : defaults.get(command.getChannel());
    GuardedProvider provider = (command.getSimulation() ? simulated : real).get(name);
    if (provider == null) {
      return new Refused(name, UNKNOWN_PROVIDER, "no provider '" + name + "' is configured");
    }
    if (!provider.provider().channels().contains(command.getChannel())) {
      return new Refused(
          name, PROVIDER_CHANNEL_MISMATCH, name + " does not carry " + command.getChannel());
    }
    return new Found(provider);
  }

  @Override
  public void close() {
    real.values().forEach(GuardedProvider::close);
    simulated.values().forEach(GuardedProvider::close);
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
