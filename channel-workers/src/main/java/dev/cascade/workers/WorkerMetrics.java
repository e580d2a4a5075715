package dev.cascade.workers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** channel-workers' meters (SPEC section 6). */
public final class WorkerMetrics {

  private final MeterRegistry registry;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void attempt(String channel, String provider, String result) {
    Counter.builder("cascade.attempts").description("Provider calls made for commands, by result")
        .tag("channel", channel).tag("provider", provider).tag("result", result).register(registry).increment();
  }

  public void providerCall(String provider, Duration took) {
    Timer.builder("cascade.provider.request").description("Latency of provider API calls")
        .tag("provider", provider).publishPercentileHistogram().register(registry).record(took);
  }

  public void capabilityLookup(boolean hit) {
    Counter.builder("cascade.capability.cache").description("RCS capability cache lookups")
        .tag("result", hit ? "hit" : "miss").register(registry).increment();
  }

  public void dlq(String topic) {
    Counter.builder("cascade.dlq").description("Records sent to a dead-letter topic")
        .tag("topic", topic).register(registry).increment();
  }
}
