package dev.cascade.workers;

import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * What the workers of a channel already did, read back from {@code channel.attempts}: after a
 * restart or a rebalance, the commands of a partition that were carried out but not yet committed
 * come again, and their attempts are written again instead of calling the provider a second time.
 * {@code channel.attempts} is keyed by messageId like the commands, so command partition p's
 * attempts are in attempts partition p; the recent ones ({@code lookback}) are read.
 */
final class AttemptHistory {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration MAX_READ = Duration.ofSeconds(60);

  private final TopicSpec<String, ChannelAttempt> attempts;
  private final Channel channel;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Duration lookback;
  private final Clock clock;

  AttemptHistory(
      TopicSpec<String, ChannelAttempt> attempts,
      Channel channel,
      Supplier<Consumer<byte[], byte[]>> consumers,
      Duration lookback,
      Clock clock) {
    this.attempts = attempts;
    this.channel = channel;
    this.consumers = consumers;
    this.lookback = lookback;
    this.clock = clock;
  }

  /**
   * Hands {@code done} every attempt of this channel written to the given partitions within the
   * lookback, keyed as the command loop keys commands ({@code type:attemptId}).
   */
  void replay(Collection<Integer> partitions, BiConsumer<String, ChannelAttempt> done) {
    if (partitions.isEmpty() || lookback.isZero()) {
      return;
    }
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(attempts.name(), p)).toList();
      consumer.assign(assigned);
      long since = clock.instant().minus(lookback).toEpochMilli();
      Map<TopicPartition, Long> times = new HashMap<>();
      assigned.forEach(partition -> times.put(partition, since));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
      for (TopicPartition partition : assigned) {
        OffsetAndTimestamp start = starts.get(partition);
        consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
      }
      long deadline = clock.millis() + MAX_READ.toMillis();
      while (!caughtUp(consumer, ends) && clock.millis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          if (record.value() == null) {
            continue; // a watermark: no attempt
          }
          ChannelAttempt attempt;
          try {
            attempt =
                attempts.valueSerde().deserializer().deserialize(record.topic(), record.value());
          } catch (RuntimeException unreadable) {
            continue; // fallback-timer sets it aside; it says nothing about what was sent
          }
          if (attempt.getChannel() == channel) {
            done.accept(attempt.getCommandType() + ":" + attempt.getAttemptId(), attempt);
          }
        }
      }
    }
  }

  private static boolean caughtUp(
      Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }
}
