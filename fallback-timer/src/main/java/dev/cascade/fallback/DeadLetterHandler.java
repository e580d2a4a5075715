package dev.cascade.fallback;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.platform.kafka.Dlq;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record fallback-timer cannot decode goes to {@code <topic>.dlq} with its original bytes and
 * error headers, and processing goes on: one poison record never stops every message.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

  static final String METRICS_CONFIG = "cascade.metrics";
  static final String CLOCK_CONFIG = "cascade.clock";
  private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetterHandler.class);

  private FallbackTimerMetrics metrics;
  private Clock clock = Clock.systemUTC();

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = (FallbackTimerMetrics) configs.get(METRICS_CONFIG);
    if (configs.get(CLOCK_CONFIG) instanceof Clock configured) {
      clock = configured;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
    LOGGER
        .atWarn()
        .addKeyValue("topic", record.topic())
        .addKeyValue("partition", record.partition())
        .addKeyValue("offset", record.offset())
        .log("undecodable record sent to the dead-letter topic: " + error.getMessage());
    if (metrics != null) {
      metrics.dlq(record.topic() + ".dlq");
    }
    return Response.resume(
        List.of(Dlq.record(record.topic(), record.key(), record.value(), error, clock.instant())));
  }
}
