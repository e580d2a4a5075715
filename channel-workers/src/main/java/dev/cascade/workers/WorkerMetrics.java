package dev.cascade.workers;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.provider.ProviderContext.CacheLookup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * channel-workers' meters (SPEC section 6). Every tag value is bounded: enums, or a provider name
 * from the loaded plugins ({@link #UNKNOWN_PROVIDER} for a name a command made up).
 */
final class WorkerMetrics {

  /** The provider label of attempts whose command named no provider this worker can use. */
  static final String UNKNOWN_PROVIDER = "unknown";

  private final MeterRegistry registry;

  WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void attempt(Channel channel, String provider, AttemptResult result) {
    Counter.builder("cascade.attempts")
        .description("Provider calls made for commands, by result")
        .tag("channel", channel.name())
        .tag("provider", provider)
        .tag("result", result.name())
        .register(registry)
        .increment();
  }

  void providerCall(String provider, Duration took) {
    Timer.builder("cascade.provider.request")
        .description("Latency of provider API calls")
        .tag("provider", provider)
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  void capabilityLookup(CacheLookup lookup) {
    Counter.builder("cascade.capability.cache")
        .description("RCS capability cache lookups")
        .tag("result", lookup.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
