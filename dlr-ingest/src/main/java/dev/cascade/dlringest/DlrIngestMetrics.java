package dev.cascade.dlringest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** dlr-ingest's meters. */
public final class DlrIngestMetrics {

  private final MeterRegistry registry;

  public DlrIngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One webhook call: accepted, malformed, unauthorized or unavailable. */
  public void webhook(String provider, String result) {
    Counter.builder("cascade.webhooks").description("Provider webhook calls, by result")
        .tag("provider", provider).tag("result", result).register(registry).increment();
  }

  public void dlq(String topic) {
    Counter.builder("cascade.dlq").description("Records sent to a dead-letter topic")
        .tag("topic", topic).register(registry).increment();
  }
}
