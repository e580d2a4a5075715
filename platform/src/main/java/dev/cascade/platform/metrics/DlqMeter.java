package dev.cascade.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code cascade_dlq_total{topic}}: records any service sent to a dead-letter topic. */
public final class DlqMeter {

  private final MeterRegistry registry;

  public DlqMeter(MeterRegistry registry) {
    this.registry = registry;
  }

  public void sent(String dlqTopic) {
    Counter.builder("cascade.dlq")
        .description("Records sent to a dead-letter topic")
        .tag("topic", dlqTopic)
        .register(registry)
        .increment();
  }
}
