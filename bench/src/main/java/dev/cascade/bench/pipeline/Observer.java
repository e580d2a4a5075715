package dev.cascade.bench.pipeline;

import dev.cascade.bench.load.Mix;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.MessageOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Watches the pipeline from outside, as its users do: a read_committed consumer of
 * {@code send.requests} (the request time is the record's timestamp, set when the producer or
 * send-intake wrote it), every {@code channel.commands.*} (the first command of a message) and
 * {@code message.outcomes}. Times are when this consumer saw the record.
 */
final class Observer implements AutoCloseable {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  /** What was seen of one message; times in epoch milliseconds, -1 when not seen yet. */
  static final class Track {
    long requestAt = -1;
    long firstCommandAt = -1;
    long outcomeAt = -1;
    int outcomes;
    boolean unexpected;
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<MessageOutcome> outcomes =
      TOPICS.messageOutcomes.valueSerde().deserializer();
  private final Map<String, Track> tracks = new HashMap<>(1 << 20);
  private final AtomicLong requestsSeen = new AtomicLong();
  private final AtomicLong outcomesSeen = new AtomicLong();
  private final AtomicLong lastOutcomeAt = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  Observer(KafkaSettings kafka) {
    var props = ClientProperties.consumer(kafka, "bench-observer", "bench-observer");
    props.put("max.poll.records", 5000);
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = new ArrayList<>();
    List<String> topics =
        new ArrayList<>(List.of(TOPICS.sendRequests.name(), TOPICS.messageOutcomes.name()));
    for (Channel channel : Channel.values()) {
      topics.add(TOPICS.channelCommands(channel).name());
    }
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::run, "bench-observer");
    thread.start();
  }

  private void run() {
    while (running) {
      var records = consumer.poll(Duration.ofMillis(50));
      long now = System.currentTimeMillis();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        String messageId = new String(record.key(), StandardCharsets.UTF_8);
        Track track = tracks.computeIfAbsent(messageId, id -> new Track());
        String topic = record.topic();
        if (topic.equals(TOPICS.sendRequests.name())) {
          if (track.requestAt < 0) {
            requestsSeen.incrementAndGet();
          }
          track.requestAt = record.timestamp();
        } else if (topic.equals(TOPICS.messageOutcomes.name())) {
          outcome(messageId, track, outcomes.deserialize(topic, record.value()), now);
        } else if (track.firstCommandAt < 0) {
          track.firstCommandAt = now;
        }
      }
    }
    consumer.close();
  }

  private void outcome(String messageId, Track track, MessageOutcome outcome, long now) {
    if (outcome.getRevision() > 1) {
      return; // an amendment (a late delivery after the end): not a second outcome
    }
    track.outcomes++;
    if (track.outcomes == 1) {
      track.outcomeAt = now;
      outcomesSeen.incrementAndGet();
      lastOutcomeAt.set(now);
    }
    if (!Mix.scenarioOf(messageId)
        .expects(String.valueOf(outcome.getStatus()), outcome.getChannel())) {
      track.unexpected = true;
    }
  }

  /** Distinct messages seen on send.requests so far. */
  long requestsSeen() {
    return requestsSeen.get();
  }

  /** Distinct messages with an outcome so far. */
  long outcomesSeen() {
    return outcomesSeen.get();
  }

  long lastOutcomeAt() {
    return lastOutcomeAt.get();
  }

  /** Stops watching; every track, safe to read afterwards. */
  Map<String, Track> finish() {
    close();
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
