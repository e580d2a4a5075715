package dev.cascade.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds dead-letter records: the original bytes plus headers saying what went wrong. */
public final class Dlq {

  public static final String ERROR_HEADER = "cascade.error";
  public static final String ERROR_CLASS_HEADER = "cascade.error.class";
  public static final String SOURCE_TOPIC_HEADER = "cascade.source.topic";
  public static final String FAILED_AT_HEADER = "cascade.failed.at";

  private Dlq() {}

  public static ProducerRecord<byte[], byte[]> record(
      String sourceTopic, byte[] key, byte[] value, Throwable error, Instant now) {
    Headers headers = new RecordHeaders();
    headers.add(ERROR_HEADER, utf8(String.valueOf(error.getMessage())));
    headers.add(ERROR_CLASS_HEADER, utf8(error.getClass().getName()));
    headers.add(SOURCE_TOPIC_HEADER, utf8(sourceTopic));
    headers.add(FAILED_AT_HEADER, utf8(now.toString()));
    return new ProducerRecord<>(sourceTopic + ".dlq", null, key, value, headers);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
