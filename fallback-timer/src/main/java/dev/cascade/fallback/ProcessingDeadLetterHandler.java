package dev.cascade.fallback;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.platform.kafka.Dlq;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that makes processing throw (a bug, or a record the state machine cannot take) goes
 * to {@code <source topic>.dlq} with its original bytes and error headers, is counted, and the
 * application goes on. Under exactly-once the alternative is a crash loop: the record would be
 * read again after every restart.
 */
public final class ProcessingDeadLetterHandler implements ProcessingExceptionHandler {

  private static final Logger LOGGER = LoggerFactory.getLogger(ProcessingDeadLetterHandler.class);

  private FallbackTimerMetrics metrics;
  private Clock clock = Clock.systemUTC();

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = (FallbackTimerMetrics) configs.get(DeadLetterHandler.METRICS_CONFIG);
    if (configs.get(DeadLetterHandler.CLOCK_CONFIG) instanceof Clock configured) {
      clock = configured;
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
    LOGGER
        .atError()
        .setCause(error)
        .addKeyValue("topic", context.topic())
        .addKeyValue("partition", context.partition())
        .addKeyValue("offset", context.offset())
        .addKeyValue("processor", context.processorNodeId())
        .log("processing failed; the record goes to the dead-letter topic");
    if (context.topic() == null || context.sourceRawValue() == null) {
      return Response.resume(); // a punctuation has no source record to set aside
    }
    String dlq = context.topic() + ".dlq";
    if (metrics != null) {
      metrics.dlq(dlq);
    }
    return Response.resume(List.of(Dlq.record(
        context.topic(),
        context.sourceRawKey(),
        context.sourceRawValue(),
        error,
        clock.instant())));
  }
}
