package dev.cascade.fallback.processing;

import dev.cascade.fallback.watermarks.WatermarkThrottle;
import dev.cascade.platform.kafka.Watermarks;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Names a watermark after the partition it was read from ({@code source@partition}) before it is
 * sent on into every partition of a repartition topic: downstream, each input partition is a
 * source of its own that can be behind the others. Records with a value pass unchanged. Each
 * source's watermarks go on at most once per {@code gap} (see {@link WatermarkThrottle}): each one
 * sent is written once per partition of the repartition topic, and a restart's backlog of beacons
 * would otherwise be multiplied by that.
 */
public final class WatermarkTagger<V> implements FixedKeyProcessor<String, V, V> {

  private final Duration gap;
  private final WatermarkThrottle<FixedKeyRecord<String, V>> throttle;
  private FixedKeyProcessorContext<String, V> context;

  public WatermarkTagger(Duration gap) {
    this.gap = gap;
    this.throttle = new WatermarkThrottle<>(gap);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
    if (gap.isPositive()) {
      context.schedule(
          gap,
          PunctuationType.WALL_CLOCK_TIME,
          now -> throttle.due(Instant.ofEpochMilli(now)).forEach(context::forward));
    }
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    if (record.value() != null) {
      context.forward(record);
      return;
    }
    int partition = context.recordMetadata().map(meta -> meta.partition()).orElse(-1);
    Watermarks.read(record.headers()).ifPresent(beat -> {
      Watermarks.Beat tagged =
          new Watermarks.Beat(beat.source() + "@" + partition, beat.at(), beat.leaving());
      FixedKeyRecord<String, V> watermark = record.withHeaders(Watermarks.headers(tagged));
      Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
      if (throttle.offer(tagged.source(), watermark, tagged.leaving(), now)) {
        context.forward(watermark);
      }
    });
  }
}
