package dev.cascade.intake.activity;

import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link RecentActivity} from the result topics: every {@code SWITCHING_CHANNEL} on
 * {@code message.status} is a fallback (with its reason), every first outcome on
 * {@code message.outcomes} an outcome (an amended one is the same message again). It reads every
 * partition without a consumer group, from {@code window} ago, so each send-intake instance sees
 * the whole cluster's traffic whichever fallback-timer instance produced it.
 */
public final class ActivityReader implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(ActivityReader.class);
  static final String SWITCHING_CHANNEL = "SWITCHING_CHANNEL";

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicSpec<String, MessageStatus> statusTopic;
  private final TopicSpec<String, MessageOutcome> outcomeTopic;
  private final RecentActivity activity;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;

  public ActivityReader(
      KafkaSettings kafka, CascadeTopics topics, RecentActivity activity, Clock clock) {
    this.consumer =
        new KafkaConsumer<>(ClientProperties.reader(kafka, "cascade-send-intake-activity"));
    this.statusTopic = topics.messageStatus;
    this.outcomeTopic = topics.messageOutcomes;
    this.activity = activity;
    this.clock = clock;
    this.thread = Thread.ofPlatform().daemon().name("activity-reader").unstarted(this::run);
  }

  public ActivityReader start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      while (running && !assignAll()) {
        Thread.sleep(1000); // the topics are not there yet (created by another service)
      }
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          take(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The console's counts stop; sending is unaffected, so the service keeps running.
      LOGGER.atError().setCause(e).log("the activity reader stopped");
    } finally {
      consumer.close();
    }
  }

  /** Assigns every partition of both topics, each from the first record of the window. */
  private boolean assignAll() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(statusTopic.name(), outcomeTopic.name())) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        return false;
      }
      if (infos == null || infos.isEmpty()) {
        return false;
      }
      infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    long since = clock.instant().minus(activity.window()).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, since));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
    List<TopicPartition> nothingSince = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = offsets.get(partition);
      if (offset == null) {
        nothingSince.add(partition);
      } else {
        consumer.seek(partition, offset.offset());
      }
    }
    consumer.seekToEnd(nothingSince);
    return true;
  }

  private void take(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      count(record);
    } catch (RuntimeException e) {
      // a record this version cannot read is left out of the counts, not fatal to them
      LOGGER
          .atWarn()
          .setCause(e)
          .addKeyValue("topic", record.topic())
          .addKeyValue("partition", record.partition())
          .addKeyValue("offset", record.offset())
          .log("record left out of the console's counts");
    }
  }

  private void count(ConsumerRecord<byte[], byte[]> record) {
    if (record.topic().equals(statusTopic.name())) {
      MessageStatus status =
          statusTopic.valueSerde().deserializer().deserialize(record.topic(), record.value());
      if (SWITCHING_CHANNEL.equals(status.getStatus())) {
        activity.fallback(status.getUpdatedAt(), status.getReason());
      }
    } else {
      MessageOutcome outcome =
          outcomeTopic.valueSerde().deserializer().deserialize(record.topic(), record.value());
      if (outcome.getRevision() == 1) {
        activity.outcome(
            outcome.getEndedAt(),
            outcome.getChannel() == null ? null : outcome.getChannel().name(),
            outcome.getStatus().name());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
