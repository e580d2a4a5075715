package dev.cascade.workers;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.metrics.DlqMeter;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.provider.ProviderContext.CacheLookup;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * channel-workers' meters (SPEC section 6). Every tag value is bounded: enums, or a provider name
 * from the loaded plugins ({@link #UNKNOWN_PROVIDER} for a name a command made up). Built for a
 * set of channels, every meter starts at zero for each label value those channels can give it
 * (providers from the channel catalogue), so a dashboard shows 0 rather than "no data".
 */
final class WorkerMetrics {

  /** The provider label of attempts whose command named no provider this worker can use. */
  static final String UNKNOWN_PROVIDER = "unknown";

  private final MeterRegistry registry;

  WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters of a worker serving {@code channels}, registered at zero. */
  WorkerMetrics(MeterRegistry registry, Set<Channel> channels) {
    this(registry);
    CascadeTopics topics = new CascadeTopics();
    DlqMeter dlq = new DlqMeter(registry);
    Set<String> providers = new LinkedHashSet<>();
    for (Channel channel : channels) {
      dlq.expect(topics.channelCommands(channel).dlqName());
      for (String provider : ChannelCatalogue.of(channel).providers()) {
        providers.add(provider);
        for (AttemptResult result : AttemptResult.values()) {
          attempts(channel, provider, result);
        }
      }
    }
    providers.forEach(this::providerRequests);
    for (Channel channel : channels) {
      List<String> ofChannel = ChannelCatalogue.of(channel).providers();
      for (String from : ofChannel) {
        for (String to : ofChannel) {
          if (!from.equals(to)) {
            failovers(channel, from, to);
          }
        }
      }
    }
    for (CacheLookup lookup : CacheLookup.values()) {
      capabilityLookups(lookup);
    }
  }

  void attempt(Channel channel, String provider, AttemptResult result) {
    attempts(channel, provider, result).increment();
  }

  void providerCall(String provider, Duration took) {
    providerRequests(provider).record(took);
  }

  /** A SEND moved from {@code from}, unavailable, to {@code to} (SPEC section 10). */
  void failover(Channel channel, String from, String to) {
    failovers(channel, from, to).increment();
  }

  /**
   * Shows each provider instance's circuit as {@code cascade_provider_circuit_state{provider}}:
   * 0 closed, 1 half-open (one probe call let through), 2 open (calls refused, commands fail over).
   * The gauge reads the circuit at each scrape, so it starts at 0 with the provider.
   */
  void circuits(Map<String, CircuitBreaker> byProvider) {
    byProvider.forEach((provider, circuit) -> Gauge.builder(
            "cascade.provider.circuit.state", circuit, c -> circuitState(c.getState()))
        .description("Provider circuit: 0 closed, 1 half-open, 2 open")
        .tag("provider", provider)
        .register(registry));
  }

  static int circuitState(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED, DISABLED, METRICS_ONLY -> 0; // every call goes through
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
    };
  }

  void capabilityLookup(CacheLookup lookup) {
    capabilityLookups(lookup).increment();
  }

  private Counter attempts(Channel channel, String provider, AttemptResult result) {
    return Counter.builder("cascade.attempts")
        .description("Provider calls made for commands, by result")
        .tag("channel", channel.name())
        .tag("provider", provider)
        .tag("result", result.name())
        .register(registry);
  }

  private Counter failovers(Channel channel, String from, String to) {
    return Counter.builder("cascade.provider.failover")
        .description("SEND commands moved to the next provider while one was unavailable")
        .tag("channel", channel.name())
        .tag("from", from)
        .tag("to", to)
        .register(registry);
  }

  private Timer providerRequests(String provider) {
    return Timer.builder("cascade.provider.request")
        .description("Latency of provider API calls")
        .tag("provider", provider)
        .publishPercentileHistogram()
        .register(registry);
  }

  private Counter capabilityLookups(CacheLookup lookup) {
    return Counter.builder("cascade.capability.cache")
        .description("RCS capability cache lookups")
        .tag("result", lookup.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }
}
