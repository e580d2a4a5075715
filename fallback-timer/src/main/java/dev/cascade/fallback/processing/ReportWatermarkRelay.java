package dev.cascade.fallback.processing;

import dev.cascade.fallback.watermarks.SourceWatermarks;
import dev.cascade.platform.kafka.Watermarks;
import dev.cascade.schemas.DeliveryReport;
import dev.cascade.schemas.RawDeliveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

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

  private final Duration staleAfter;
  private ProcessorContext<String, DeliveryReport> context;
  private KeyValueStore<String, Long> stored;
  private SourceWatermarks sources;
  private Instant relayed;

  public ReportWatermarkRelay(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }

  @Override
  public void init(ProcessorContext<String, DeliveryReport> context) {
    this.context = context;
    this.stored = context.getStateStore(STORE);
    this.sources = new SourceWatermarks(staleAfter);
    try (KeyValueIterator<String, Long> all = stored.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> source = all.next();
        sources.advance(source.key, Instant.ofEpochMilli(source.value));
      }
    }
  }

  @Override
  public void process(Record<String, RawDeliveryReport> record) {
    Optional<Watermarks.Beat> read = Watermarks.read(record.headers());
    if (record.value() != null || read.isEmpty()) {
      return;
    }
    Watermarks.Beat beat = read.get();
    Set<String> before = new HashSet<>(sources.sources().keySet());
    if (beat.leaving()) {
      sources.leave(beat.source());
    } else {
      sources.advance(beat.source(), beat.at());
    }
    before.removeAll(sources.sources().keySet());
    before.forEach(stored::delete);
    if (!beat.leaving()) {
      stored.put(beat.source(), sources.sources().get(beat.source()).toEpochMilli());
    }
    // with no instance left the partition's watermark stays where it was: reports a provider
    // could not deliver meanwhile come again to the next instance, so timers keep waiting
    sources.low().filter(low -> relayed == null || low.isAfter(relayed)).ifPresent(this::relay);
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
