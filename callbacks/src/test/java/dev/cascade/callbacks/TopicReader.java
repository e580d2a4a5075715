package dev.cascade.callbacks;

import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Every record of one topic from the beginning, as bytes with headers. */
final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  TopicReader(KafkaSettings kafka, String topic) {
    consumer = new KafkaConsumer<>(
        ClientProperties.consumer(kafka, "callbacks-it-reader", "reader-" + UUID.randomUUID()));
    consumer.subscribe(List.of(topic));
  }

  List<ConsumerRecord<byte[], byte[]>> all() {
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return List.copyOf(records);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
