package dev.cascade.workers;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
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

  /** The providers to call, in failover order: the next only while the one before is unavailable. */
  record Found(List<GuardedProvider> providers) implements Selection {

    Found {
      providers = List.copyOf(providers);
    }

    List<String> names() {
      return providers.stream().map(p -> p.provider().name()).toList();
    }
  }

  /** No call is made: the attempt is rejected with {@code code}. */
  record Refused(String provider, String code, String reason) implements Selection {}

  static final String UNKNOWN_PROVIDER = "UNKNOWN_PROVIDER";
  static final String PROVIDER_CHANNEL_MISMATCH = "PROVIDER_CHANNEL_MISMATCH";

  private final Map<String, GuardedProvider> real = new HashMap<>();
  private final Map<String, GuardedProvider> simulated = new HashMap<>();
  private final Map<Channel, String> defaults;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService failoverCalls = Executors.newVirtualThreadPerTaskExecutor();

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

  /**
   * The command's providers ({@code providers}, else its {@code provider}, else the channel's
   * default) that this worker has and that carry the channel. A provider listed but not
   * configured here (no credentials in this deployment) is left out of the failover order; only
   * when none is left is the command refused, naming the first.
   */
  Selection select(ChannelCommand command) {
    Map<String, GuardedProvider> pool = command.getSimulation() ? simulated : real;
    List<GuardedProvider> usable = new ArrayList<>();
    Refused firstRefusal = null;
    for (String name : candidates(command)) {
      GuardedProvider provider = pool.get(name);
      Refused refusal = null;
      if (provider == null) {
        refusal = new Refused(name, UNKNOWN_PROVIDER, "no provider '" + name + "' is configured");
      } else if (!provider.provider().channels().contains(command.getChannel())) {
        refusal = new Refused(
            name, PROVIDER_CHANNEL_MISMATCH, name + " does not carry " + command.getChannel());
      } else {
        usable.add(provider);
      }
      if (firstRefusal == null) {
        firstRefusal = refusal;
      }
    }
    return usable.isEmpty() ? firstRefusal : new Found(usable);
  }

  private List<String> candidates(ChannelCommand command) {
    if (!command.getProviders().isEmpty()) {
      return command.getProviders();
    }
    return List.of(
        command.getProvider() != null ? command.getProvider() : defaults.get(command.getChannel()));
  }

  /** Every provider instance's circuit by instance name ({@code smpp}, {@code smpp-sim}, ...). */
  Map<String, CircuitBreaker> circuits() {
    Map<String, CircuitBreaker> circuits = new TreeMap<>();
    real.forEach((name, provider) -> circuits.put(name, provider.circuit()));
    simulated.forEach((name, provider) -> circuits.put(name + "-sim", provider.circuit()));
    return circuits;
  }

  /**
   * Where a failover's next call starts: off the thread that completed the previous call (a
   * retry scheduler or an HTTP client thread), since a call may wait for a free slot at its
   * provider and those threads must never block.
   */
  Executor failoverCalls() {
    return failoverCalls;
  }

  @Override
  public void close() {
    real.values().forEach(GuardedProvider::close);
    simulated.values().forEach(GuardedProvider::close);
    scheduler.shutdownNow();
    failoverCalls.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
