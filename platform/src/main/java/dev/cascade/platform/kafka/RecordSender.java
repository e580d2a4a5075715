package dev.cascade.platform.kafka;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes typed records to any {@link TopicSpec} through one shared byte producer. The returned
 * future completes only when Kafka has acknowledged the record (acks=all).
 */
public final class RecordSender implements AutoCloseable {

  private final Producer<byte[], byte[]> producer;
  private volatile boolean connected;

  public RecordSender(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  public static RecordSender create(KafkaSettings kafka, String clientId) {
    return new RecordSender(new KafkaProducer<>(ClientProperties.producer(kafka, clientId)));
  }

  public <K, V> CompletableFuture<RecordMetadata> send(TopicSpec<K, V> topic, K key, V value) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    return sendBytes(new ProducerRecord<>(topic.name(), keyBytes, valueBytes));
  }

  public CompletableFuture<RecordMetadata> sendBytes(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        acked.completeExceptionally(error);
      } else {
        acked.complete(metadata);
      }
    });
    return acked;
  }

  /**
   * Whether the producer has reached the cluster: true once it fetched {@code topic}'s metadata
   * (the check is made until it succeeds, then remembered). Services report it on /health.
   */
  public boolean connectedTo(TopicSpec<?, ?> topic) {
    if (!connected) {
      try {
        producer.partitionsFor(topic.name());
        connected = true;
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  /** The underlying producer, for binding its client metrics. */
  public Producer<byte[], byte[]> producer() {
    return producer;
  }

  /** Waits a bounded time for records in flight: with Kafka down, closing must not hang. */
  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
