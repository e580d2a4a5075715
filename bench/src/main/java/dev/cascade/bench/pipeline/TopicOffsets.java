package dev.cascade.bench.pipeline;

import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of every topic on the broker (Cascade's, Kafka Streams' changelogs and
 * repartition topics, Kafka's own {@code __consumer_offsets} and {@code __transaction_state}),
 * summed over partitions. The difference between two snapshots is what was written in between;
 * under exactly-once each transaction's commit marker takes an offset too.
 */
final class TopicOffsets {

  private TopicOffsets() {}

  static Map<String, Long> snapshot(KafkaSettings kafka)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(ClientProperties.common(kafka, "bench-offsets"))) {
      var names =
          admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      Map<String, TopicDescription> topics =
          admin.describeTopics(names).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      topics
          .values()
          .forEach(topic -> topic
              .partitions()
              .forEach(partition -> request.put(
                  new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
      Map<String, Long> sums = new TreeMap<>();
      admin
          .listOffsets(request)
          .all()
          .get()
          .forEach((partition, info) -> sums.merge(partition.topic(), info.offset(), Long::sum));
      return sums;
    }
  }

  /** Offsets written per topic between {@code before} and {@code after}, topics with none left out. */
  static Map<String, Long> written(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> written = new TreeMap<>();
    after.forEach((topic, end) -> {
      long delta = end - before.getOrDefault(topic, 0L);
      if (delta > 0) {
        written.put(topic, delta);
      }
    });
    return written;
  }
}
