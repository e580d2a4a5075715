package dev.cascade.dlringest.reports;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.metrics.DlqMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * dlr-ingest's own meters (dead letters are counted by platform's DlqMeter). Every counter starts
 * at zero for each provider of the channel catalogue and each result, and {@code dlr.raw.dlq}'s
 * dead-letter counter too, so a dashboard shows 0 rather than "no data".
 */
final class DlrIngestMetrics {

  private static final String WEBHOOKS = "cascade.webhooks";
  private static final String PROVIDER = "provider";
  private static final String RESULT = "result";

  private final MeterRegistry registry;

  DlrIngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (ChannelTraits traits : ChannelCatalogue.all()) {
      for (String provider : traits.providers()) {
        for (WebhookResult result : WebhookResult.values()) {
          webhooks(provider, result);
        }
      }
    }
    new DlqMeter(registry).expect(new CascadeTopics().dlrRaw.dlqName());
  }

  /** One webhook call or SMPP receipt, by provider and result. */
  void received(String provider, WebhookResult result) {
    webhooks(provider, result).increment();
  }

  private Counter webhooks(String provider, WebhookResult result) {
    return Counter.builder(WEBHOOKS)
        .description("Provider webhook calls and SMPP receipts, by result")
        .tag(PROVIDER, provider)
        .tag(RESULT, result.tag())
        .register(registry);
  }
}
