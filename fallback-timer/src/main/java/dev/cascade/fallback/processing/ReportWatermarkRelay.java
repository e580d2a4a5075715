package dev.cascade.fallback.processing;

import dev.cascade.platform.kafka.Watermarks;
import dev.cascade.schemas.DeliveryReport;
import dev.cascade.schemas.RawDeliveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Carries dlr-ingest's watermarks across correlation. It runs in the task that matches reports
 * of one {@code dlr.raw} partition: once it read a dlr-ingest instance's watermark from that
 * partition, every report of that instance received before it has been matched and written to
 * {@code delivery.reports} by this task (or waits for an attempt the orchestrator has not seen
 * either). So it writes the partition's low watermark into every {@code delivery.reports}
 * partition, after those reports, whenever it moved on.
 */
public final class ReportWatermarkRelay
    implements Processor<String, RawDeliveryReport, String, DeliveryReport> {

  public static final String STORE = "report-watermark-sources";
  private static final String DLR_INGEST = "dlr-ingest";

  private final Duration staleAfter;
  private ProcessorContext<String, DeliveryReport> context;
  private WatermarkStore instances;
  private Instant relayed;

  public ReportWatermarkRelay(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }

  @Override
  public void init(ProcessorContext<String, DeliveryReport> context) {
    this.context = context;
    this.instances =
        new WatermarkStore(context.getStateStore(STORE), staleAfter, List.of(DLR_INGEST));
  }

  @Override
  public void process(Record<String, RawDeliveryReport> record) {
    Optional<Watermarks.Beat> read = Watermarks.read(record.headers());
    if (record.value() != null || read.isEmpty()) {
      return;
    }
    Watermarks.Beat beat = read.get();
    instances.take(DLR_INGEST, beat.source(), beat.at(), beat.leaving());
    instances.persistIfDue(Instant.ofEpochMilli(context.currentSystemTimeMs()));
    // with no instance left the partition's watermark stays where it was: reports a provider
    // could not deliver meanwhile come again to the next instance, so timers keep waiting
    instances
        .path(DLR_INGEST)
        .low()
        .filter(low -> relayed == null || low.isAfter(relayed))
        .ifPresent(this::relay);
  }

  private void relay(Instant low) {
    relayed = low;
    String source = "dlr.raw-" + context.taskId().partition();
    context.forward(new Record<String, DeliveryReport>(
        source,
        null,
        low.toEpochMilli(),
        Watermarks.headers(new Watermarks.Beat(source, low, false))));
  }
}
