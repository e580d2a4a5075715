package dev.cascade.callbacks.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The time of a status or outcome record, one millisecond later than written. fallback-timer
 * gives the first status of a message its request's timestamp; Kafka Streams takes a task's
 * records in timestamp order, so without the millisecond a tie could let the status come first,
 * before the callbacks service knows the message has a callback.
 */
public final class AfterItsRequest implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long written = record.timestamp();
    return written < 0 ? Math.max(0, partitionTime) : written + 1;
  }
}
