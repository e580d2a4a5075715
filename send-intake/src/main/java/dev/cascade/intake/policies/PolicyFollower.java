package dev.cascade.intake.policies;

import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.schemas.FallbackPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link PolicyStore} equal to the compacted topic fallback.policies: reads every
 * partition from the beginning (no consumer group: every intake instance reads everything), marks
 * the store loaded once it reached the end offsets it found at start, then follows new records. So
 * a policy stored through any instance reaches every other one.
 */
public final class PolicyFollower implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(PolicyFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> consumer;
  private final TopicSpec<String, FallbackPolicy> topic;
  private final PolicyStore store;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean failed;

  private PolicyFollower(
      Consumer<byte[], byte[]> consumer,
      TopicSpec<String, FallbackPolicy> topic,
      PolicyStore store) {
    this.consumer = consumer;
    this.topic = topic;
    this.store = store;
    this.thread = new Thread(this::run, "policy-follower");
    this.thread.setDaemon(true);
  }

  /** Starts following {@code topic} into {@code store} on a thread of its own. */
  public static PolicyFollower start(
      KafkaSettings kafka, TopicSpec<String, FallbackPolicy> topic, PolicyStore store) {
    Properties props = ClientProperties.common(kafka, "cascade-send-intake-policies");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    PolicyFollower follower = new PolicyFollower(new KafkaConsumer<>(props), topic, store);
    follower.thread.start();
    return follower;
  }

  /** False once following failed: the store no longer learns of new policies. */
  public boolean healthy() {
    return !failed;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitions();
      if (partitions.isEmpty()) {
        return; // closed before the topic was there
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> loadedAt = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          apply(record);
        }
        if (!store.loaded() && reached(loadedAt)) {
          store.markLoaded();
          LOGGER
              .atInfo()
              .addKeyValue("topic", topic.name())
              .addKeyValue("policies", store.all().size())
              .log("policies loaded");
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failed(e);
      }
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void failed(RuntimeException e) {
    failed = true;
    LOGGER.atError().setCause(e).addKeyValue("topic", topic.name()).log("policies not followed");
  }

  /** The topic's partitions, waiting for the topic while it does not exist yet. */
  private List<TopicPartition> partitions() {
    while (running) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic.name());
      } catch (TimeoutException e) {
        infos = List.of(); // Kafka not reachable yet: keep trying, reported not ready meanwhile
      }
      if (infos != null && !infos.isEmpty()) {
        return infos.stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
      }
      LOGGER.atWarn().addKeyValue("topic", topic.name()).log("waiting for the policies topic");
      sleep();
    }
    return List.of();
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  /**
   * One record: a policy, or a tombstone. A record that cannot be read (written by something else
   * than send-intake) is left out, logged, and the rest still load.
   */
  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return; // not a policy: policies are keyed by name
    }
    String name = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
    FallbackPolicy policy;
    try {
      policy = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      LOGGER
          .atError()
          .setCause(e)
          .addKeyValue("topic", record.topic())
          .addKeyValue("partition", record.partition())
          .addKeyValue("offset", record.offset())
          .log("unreadable policy record left out");
      return;
    }
    store.apply(name, policy, record.offset());
  }

  private void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
