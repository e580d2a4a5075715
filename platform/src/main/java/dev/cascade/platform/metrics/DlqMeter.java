package dev.cascade.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code cascade_dlq_total{topic}}: records any service sent to a dead-letter topic. */
public final class DlqMeter {

  private final MeterRegistry registry;

  public DlqMeter(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers {@code dlqTopic}'s counter at zero, so a dashboard shows 0 before the first dead letter. */
  public void expect(String dlqTopic) {
    counter(dlqTopic);
  }

  public void sent(String dlqTopic) {
    counter(dlqTopic).increment();
  }

  private Counter counter(String dlqTopic) {
    return Counter.builder("cascade.dlq")
        .description("Records sent to a dead-letter topic")
        .tag("topic", dlqTopic)
        .register(registry);
  }
}
