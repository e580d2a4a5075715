package dev.cascade.fallback.correlation;

import dev.cascade.platform.kafka.Dlq;
import dev.cascade.schemas.RawDeliveryReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A report that met no attempt within the correlation window: passed on with dead-letter headers
 * saying so, for {@code dlr.raw.dlq}.
 */
public final class UnmatchedReports
    implements FixedKeyProcessor<String, RawDeliveryReport, RawDeliveryReport> {

  private final Duration window;
  private FixedKeyProcessorContext<String, RawDeliveryReport> context;

  public UnmatchedReports(Duration window) {
    this.window = window;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, RawDeliveryReport> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, RawDeliveryReport> record) {
    var headers = record.headers();
    headers.add(
        Dlq.ERROR_HEADER,
        ("no attempt with this provider message id within the correlation window of " + window)
            .getBytes(StandardCharsets.UTF_8));
    headers.add(Dlq.ERROR_CLASS_HEADER, "UnmatchedDeliveryReport".getBytes(StandardCharsets.UTF_8));
    headers.add(
        Dlq.FAILED_AT_HEADER,
        Instant.ofEpochMilli(context.currentSystemTimeMs())
            .toString()
            .getBytes(StandardCharsets.UTF_8));
    context.forward(record.withHeaders(headers));
  }
}
