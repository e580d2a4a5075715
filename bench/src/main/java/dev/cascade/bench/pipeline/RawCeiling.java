package dev.cascade.bench.pipeline;

import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker's own ceiling on this machine, in the same run as the pipeline: one producer with
 * Cascade's producer settings writes records of the pipeline's size as fast as it can to a topic
 * with the pipeline's partition count, then one consumer with Cascade's consumer settings reads
 * them back.
 */
final class RawCeiling {

  static final String TOPIC = "bench.raw";

  /** Records a second produced (acknowledged) and consumed, of {@code recordBytes} each. */
  record Result(int recordBytes, long records, double producePerSecond, double consumePerSecond) {}

  private RawCeiling() {}

  static Result measure(
      KafkaSettings kafka, int partitions, int recordBytes, long maxRecords, Duration maxTime)
      throws Exception {
    try (Admin admin = Admin.create(ClientProperties.common(kafka, "bench-raw-admin"))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, partitions, kafka.replicationFactor())))
          .all()
          .get();
    }
    byte[] value = new byte[recordBytes];
    new Random(42).nextBytes(value);
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + maxTime.toNanos();
    long sent = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(ClientProperties.producer(kafka, "bench-raw-producer"))) {
      while (sent < maxRecords && System.nanoTime() < deadline) {
        byte[] key = ("raw-" + sent).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(TOPIC, key, value), (metadata, error) -> {
          (error == null ? acked : failed).incrementAndGet();
        });
        sent++;
      }
      producer.flush();
    }
    double produceSeconds = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " raw records were not acknowledged");
    }

    var props = ClientProperties.consumer(kafka, "bench-raw-consumer", "bench-raw-consumer");
    props.put("max.poll.records", 5000);
    long consumed = 0;
    long consumeStart = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> all = consumer.partitionsFor(TOPIC).stream()
          .map(info -> new TopicPartition(TOPIC, info.partition()))
          .toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      long consumeDeadline = System.nanoTime() + maxTime.toNanos() * 3;
      while (consumed < acked.get() && System.nanoTime() < consumeDeadline) {
        consumed += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    double consumeSeconds = (System.nanoTime() - consumeStart) / 1e9;
    return new Result(
        recordBytes, acked.get(), acked.get() / produceSeconds, consumed / consumeSeconds);
  }
}
