package dev.cascade.fallback.processing;

import dev.cascade.fallback.orchestration.Input;
import dev.cascade.fallback.orchestration.Timer.Watch;
import dev.cascade.platform.kafka.Watermarks;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads one input topic of the orchestrator: a record with a value becomes the message's input,
 * a watermark record (no value, watermark headers) becomes the watermark of the path {@code watch}
 * the topic belongs to. A record with neither says nothing and is dropped.
 */
public final class ArrivalReader<V> implements FixedKeyProcessor<String, V, Arrival> {

  private final Watch watch;
  private final Function<V, Input> toInput;
  private FixedKeyProcessorContext<String, Arrival> context;

  public ArrivalReader(Watch watch, Function<V, Input> toInput) {
    this.watch = watch;
    this.toInput = toInput;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Arrival> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    if (record.value() != null) {
      context.forward(record.withValue(new Arrival.ForMessage(toInput.apply(record.value()))));
      return;
    }
    Watermarks.read(record.headers())
        .ifPresent(beat -> context.forward(record.withValue(
            new Arrival.Watermark(watch, beat.source(), beat.at(), beat.leaving()))));
  }
}
