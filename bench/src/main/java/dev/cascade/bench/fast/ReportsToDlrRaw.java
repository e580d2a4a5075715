package dev.cascade.bench.fast;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.InFlightReceipts;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.WatermarkBeacon;
import dev.cascade.platform.providers.ProviderIdForms;
import dev.cascade.platform.serde.RecordSerdes;
import dev.cascade.schemas.RawDeliveryReport;
import java.time.Clock;

/**
 * Writes the fast provider's reports to {@code dlr.raw} as dlr-ingest writes a webhook's, with
 * its own watermark beacon (the report path's progress, which holds fallback timers): the
 * provider is a report source in place of dlr-ingest. Connects on the first report, so a worker
 * that never uses the provider opens nothing.
 */
final class ReportsToDlrRaw implements ReportSink {

  private final Settings settings;
  /** Receipt times of the reports being handed to the producer, for the watermark. */
  private final InFlightReceipts inFlight = new InFlightReceipts(Clock.systemUTC());

  private CascadeTopics topics;
  private RecordSender sender;
  private WatermarkBeacon beacon;

  ReportsToDlrRaw(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void report(RawDeliveryReport report) {
    InFlightReceipts.Receipt receipt = inFlight.open(report.getReceivedAt());
    try {
      connected().send(topics.dlrRaw, key(report), report);
    } finally {
      receipt.close();
    }
  }

  private synchronized RecordSender connected() {
    if (sender == null) {
      topics = new CascadeTopics(RecordSerdes.from(settings));
      sender = RecordSender.create(KafkaSettings.from(settings), "cascade-fast-provider");
      beacon = WatermarkBeacon.start(
          sender,
          topics.dlrRaw.name(),
          WatermarkBeacon.sourceName("fast-provider"),
          WatermarkBeacon.interval(settings),
          inFlight::watermark);
    }
    return sender;
  }

  private static String key(RawDeliveryReport report) {
    return ProviderIdForms.reportKey(report.getProvider(), report.getProviderMessageId())
        .asKey();
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      beacon.close();
      sender.close();
    }
  }
}
