package dev.cascade.fallback.processing;

import dev.cascade.fallback.orchestration.Timer.Watch;
import dev.cascade.fallback.watermarks.WatermarkThrottle;
import dev.cascade.platform.kafka.Watermarks;
import dev.cascade.schemas.DeliveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Carries the report path's watermark across correlation. It runs in the task that matches the
 * reports of one {@code dlr.raw} partition with the attempts of the same partition of the join's
 * attempt side, and takes two kinds of watermark there:
 *
 * <ul>
 *   <li>dlr-ingest's, read from {@code dlr.raw}: every report an instance received before it has
 *       been read by this task;
 *   <li>channel-workers', read from the attempt side (each worker's watermark from each {@code
 *       channel.attempts} partition, sent on into every partition of the attempt side): every
 *       attempt written before it has reached this task, so a report that waited in the join for
 *       its attempt has been matched.
 * </ul>
 *
 * The lower of the two is how far this partition's reports are surely in {@code
 * delivery.reports}; it is written into every {@code delivery.reports} partition, after those
 * reports, whenever it moved on, at most once per {@code gap} (a newer one waits for the gap to
 * be over, see {@link WatermarkThrottle}: each one relayed is a record in every partition). Without the attempt side a restarted fallback-timer would read
 * dlr-ingest's watermark past a report that still waits for its attempt in the backlog, and fire
 * that attempt's overdue timer first.
 */
public final class ReportWatermarkRelay
    implements Processor<String, Arrival, String, DeliveryReport> {

  public static final String STORE = "report-watermark-sources";
  private static final String DLR_INGEST = "dlr-ingest";
  private static final String ATTEMPTS = "attempts";

  private final Duration staleAfter;
  private final Duration gap;
  private final WatermarkThrottle<Instant> throttle;
  private ProcessorContext<String, DeliveryReport> context;
  private WatermarkStore sources;
  private Instant relayed;

  public ReportWatermarkRelay(Duration staleAfter, Duration gap) {
    this.staleAfter = staleAfter;
    this.gap = gap;
    this.throttle = new WatermarkThrottle<>(gap);
  }

  @Override
  public void init(ProcessorContext<String, DeliveryReport> context) {
    this.context = context;
    this.sources =
        new WatermarkStore(context.getStateStore(STORE), staleAfter, List.of(DLR_INGEST, ATTEMPTS));
    if (gap.isPositive()) {
      context.schedule(
          gap,
          PunctuationType.WALL_CLOCK_TIME,
          now -> throttle.due(Instant.ofEpochMilli(now)).forEach(this::relay));
    }
  }

  @Override
  public void process(Record<String, Arrival> record) {
    if (!(record.value() instanceof Arrival.Watermark beat)) {
      return;
    }
    String path = beat.watch() == Watch.ATTEMPTS ? ATTEMPTS : DLR_INGEST;
    sources.take(path, beat.source(), beat.at(), beat.leaving());
    sources.persistIfDue(Instant.ofEpochMilli(context.currentSystemTimeMs()));
    // with no dlr-ingest instance left the partition's watermark stays where it was: reports a
    // provider could not deliver meanwhile come again to the next instance, so timers keep waiting
    Optional<Instant> reports = sources.path(DLR_INGEST).low();
    if (reports.isEmpty()) {
      return;
    }
    Instant low = Stream.concat(reports.stream(), sources.path(ATTEMPTS).low().stream())
        .min(Instant::compareTo)
        .orElseThrow();
    if ((relayed == null || low.isAfter(relayed))
        && throttle.offer(
            DLR_INGEST, low, false, Instant.ofEpochMilli(context.currentSystemTimeMs()))) {
      relay(low);
    }
  }

  private void relay(Instant low) {
    if (relayed != null && !low.isAfter(relayed)) {
      return;
    }
    relayed = low;
    String source = "dlr.raw-" + context.taskId().partition();
    context.forward(new Record<String, DeliveryReport>(
        source,
        null,
        low.toEpochMilli(),
        Watermarks.headers(new Watermarks.Beat(source, low, false))));
  }
}
