package dev.cascade.bench.faults;

import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.MessageOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches the pipeline from outside through a fault: a read_committed consumer (as a user of the
 * topics) of {@code send.requests} (was an accepted request stored?), every {@code
 * channel.commands.*} (which steps were sent), {@code channel.attempts} (when each step was sent:
 * its fallback timer is due {@code afterSeconds} later) and {@code message.outcomes} (one per
 * message and revision). It keeps reading through a broker restart (the client reconnects).
 */
final class FaultObserver implements AutoCloseable {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  /** What was seen of one message. */
  static final class Track {
    boolean stored;
    /** Per step: when its first SEND attempt was made (epoch ms), absent when none was seen. */
    final Map<Integer, Long> sentAt = new HashMap<>();
    /** Per step: how many SEND commands were issued. */
    final Map<Integer, Integer> sendCommands = new HashMap<>();
    /** Per outcome revision: how many records. */
    final Map<Integer, Integer> outcomes = new HashMap<>();

    String status;
    Channel channel;
    long outcomeSeenAt = -1;
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Track> tracks = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  FaultObserver(KafkaSettings kafka) {
    var props = ClientProperties.consumer(kafka, "faults-observer", "faults-observer");
    props.put("max.poll.records", 5000);
    consumer = new KafkaConsumer<>(props);
    List<String> topics = new ArrayList<>(List.of(
        TOPICS.sendRequests.name(), TOPICS.channelAttempts.name(), TOPICS.messageOutcomes.name()));
    for (Channel channel : FaultMix.STEPS) {
      topics.add(TOPICS.channelCommands(channel).name());
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::run, "faults-observer");
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          see(record, System.currentTimeMillis());
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  private void see(ConsumerRecord<byte[], byte[]> record, long now) {
    if (record.value() == null || record.key() == null) {
      return; // a watermark (SPEC section 4: headers only, no value), not a message's record
    }
    String messageId = new String(record.key(), StandardCharsets.UTF_8);
    Track track = tracks.computeIfAbsent(messageId, id -> new Track());
    String topic = record.topic();
    synchronized (track) {
      if (topic.equals(TOPICS.sendRequests.name())) {
        track.stored = true;
      } else if (topic.equals(TOPICS.channelAttempts.name())) {
        ChannelAttempt attempt =
            TOPICS.channelAttempts.valueSerde().deserializer().deserialize(topic, record.value());
        if (attempt.getCommandType() == CommandType.SEND) {
          track.sentAt.putIfAbsent(attempt.getStep(), attempt.getAttemptedAt().toEpochMilli());
        }
      } else if (topic.equals(TOPICS.messageOutcomes.name())) {
        MessageOutcome outcome =
            TOPICS.messageOutcomes.valueSerde().deserializer().deserialize(topic, record.value());
        track.outcomes.merge(outcome.getRevision(), 1, Integer::sum);
        if (outcome.getRevision() == 1) {
          track.status = String.valueOf(outcome.getStatus());
          track.channel = outcome.getChannel();
          track.outcomeSeenAt = now;
        }
      } else {
        ChannelCommand command = TOPICS
            .channelCommands(Channel.WHATSAPP)
            .valueSerde()
            .deserializer()
            .deserialize(topic, record.value());
        if (command.getType() == CommandType.SEND) {
          track.sendCommands.merge(command.getStep(), 1, Integer::sum);
        }
      }
    }
  }

  /** Whether message {@code messageId} has its outcome (revision 1). */
  boolean ended(String messageId) {
    Track track = tracks.get(messageId);
    return track != null && track.outcomeSeenAt >= 0;
  }

  /** Fails when the consumer stopped on an error. */
  void check() {
    if (failure != null) {
      throw new IllegalStateException("the observer stopped: " + failure, failure);
    }
  }

  /** Stops watching; every track, safe to read afterwards. */
  Map<String, Track> finish() {
    close();
    check();
    return tracks;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
