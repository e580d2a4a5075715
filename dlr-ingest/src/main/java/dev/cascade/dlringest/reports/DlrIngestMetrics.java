package dev.cascade.dlringest.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** dlr-ingest's own meters (dead letters are counted by platform's DlqMeter). */
final class DlrIngestMetrics {

  private static final String WEBHOOKS = "cascade.webhooks";
  private static final String PROVIDER = "provider";
  private static final String RESULT = "result";

  private final MeterRegistry registry;

  DlrIngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One webhook call or SMPP receipt, by provider and result. */
  void received(String provider, WebhookResult result) {
    Counter.builder(WEBHOOKS)
        .description("Provider webhook calls and SMPP receipts, by result")
        .tag(PROVIDER, provider)
        .tag(RESULT, result.tag())
        .register(registry)
        .increment();
  }
}
