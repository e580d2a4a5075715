package dev.cascade.fallback.processing;

import dev.cascade.platform.kafka.Watermarks;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Names a watermark after the partition it was read from ({@code source@partition}) before it is
 * sent on into every partition of a repartition topic: downstream, each input partition is a
 * source of its own that can be behind the others. Records with a value pass unchanged.
 */
public final class WatermarkTagger<V> implements FixedKeyProcessor<String, V, V> {

  private FixedKeyProcessorContext<String, V> context;

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    if (record.value() != null) {
      context.forward(record);
      return;
    }
    int partition = context.recordMetadata().map(meta -> meta.partition()).orElse(-1);
    Watermarks.read(record.headers())
        .ifPresent(beat -> context.forward(record.withHeaders(Watermarks.headers(
            new Watermarks.Beat(beat.source() + "@" + partition, beat.at(), beat.leaving())))));
  }
}
