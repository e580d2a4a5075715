package dev.cascade.workers;

import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.platform.metrics.DlqMeter;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's worker. For each polled batch it starts every command's provider call at once
 * (bounded per provider), writes each attempt as soon as its provider answered, and commits the
 * batch's offsets only after Kafka acknowledged every attempt: at least once, a crash never loses
 * a command. A command this worker already carried out is not sent again; its attempt is
 * written again instead. When Kafka does not take an attempt in time (a broker away for longer than
 * the producer's delivery timeout) the batch is read again from its first offsets, after a pause,
 * and nothing of it is committed: its provider calls are not made twice, their attempts are
 * written again. Any other unexpected error stops the loop and makes it not ready.
 */
final class CommandLoop implements Runnable {

  private static final Logger LOGGER = LoggerFactory.getLogger(CommandLoop.class);
  private static final int REMEMBERED_ATTEMPTS = 100_000;
  private static final CompletableFuture<Void> NOTHING_BEFORE =
      CompletableFuture.completedFuture(null);
  private static final Duration PAUSE_BEFORE_AGAIN = Duration.ofSeconds(1);

  private final TopicSpec<String, ChannelCommand> commands;
  private final TopicSpec<String, ChannelAttempt> attempts;
  private final Consumer<byte[], byte[]> consumer;
  private final RecordSender sender;
  private final Dispatcher dispatcher;
  private final DlqMeter dlq;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean polling = new AtomicBoolean();
  private final AtomicBoolean failed = new AtomicBoolean();
  /** Attempts by command type and attempt id, the call's future kept from its start. */
  private final AttemptHistory history;

  private final Map<String, CompletableFuture<ChannelAttempt>> done =
      new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(
            Map.Entry<String, CompletableFuture<ChannelAttempt>> eldest) {
          return size() > REMEMBERED_ATTEMPTS;
        }
      };

  CommandLoop(
      TopicSpec<String, ChannelCommand> commands,
      TopicSpec<String, ChannelAttempt> attempts,
      Consumer<byte[], byte[]> consumer,
      RecordSender sender,
      Dispatcher dispatcher,
      DlqMeter dlq,
      AttemptHistory history,
      Clock clock) {
    this.commands = commands;
    this.attempts = attempts;
    this.consumer = consumer;
    this.sender = sender;
    this.dispatcher = dispatcher;
    this.dlq = dlq;
    this.history = history;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(commands.name()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          // commands carried out before a crash or a rebalance but not committed come again
          history.replay(
              partitions.stream().map(TopicPartition::partition).toList(),
              (key, attempt) -> done.putIfAbsent(key, CompletableFuture.completedFuture(attempt)));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
      });
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        polling.set(true);
        if (!batch.isEmpty() && carriedOutOrRewound(batch)) {
          commit();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        logStop(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      logStop(e);
    } finally {
      // ended without stop(): not ready any more, and nothing of the batch was committed, so
      // the group hands its commands to another worker
      failed.set(running.get());
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /**
   * Carries out the batch; false when Kafka did not acknowledge all of its attempts in time, after
   * the batch was rewound to be read again.
   */
  private boolean carriedOutOrRewound(ConsumerRecords<byte[], byte[]> batch)
      throws InterruptedException {
    try {
      carryOut(batch).join();
      return true;
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof RetriableException cause)) {
        throw e;
      }
      LOGGER
          .atWarn()
          .addKeyValue("topic", commands.name())
          .log("Kafka did not take the batch's attempts (" + cause.getMessage()
              + "); reading the batch again");
      for (TopicPartition partition : batch.partitions()) {
        if (consumer.assignment().contains(partition)) {
          consumer.seek(partition, batch.records(partition).getFirst().offset());
        }
      }
      Thread.sleep(PAUSE_BEFORE_AGAIN);
      return false;
    }
  }

  /**
   * Commits the batch. A commit refused because the group rebalanced is no reason to stop: the
   * batch's commands go to the partitions' new owner, which finds their attempts written and does
   * not call the provider again (see {@link AttemptHistory}).
   */
  private void commit() {
    try {
      consumer.commitSync();
    } catch (CommitFailedException | RebalanceInProgressException e) {
      LOGGER
          .atWarn()
          .addKeyValue("topic", commands.name())
          .log("commit refused by a rebalance; the new owner of the partitions carries on");
    }
  }

  private void logStop(RuntimeException e) {
    LOGGER
        .atError()
        .setCause(e)
        .addKeyValue("topic", commands.name())
        .log("worker stopped on an unexpected error");
  }

  /** Completes when Kafka acknowledged every attempt (and dead letter) of the batch. */
  private CompletableFuture<Void> carryOut(ConsumerRecords<byte[], byte[]> batch) {
    List<CompletableFuture<?>> acks = new ArrayList<>();
    // a message's attempts are written in command order, as a one-at-a-time worker would
    Map<String, CompletableFuture<?>> lastOfMessage = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      ChannelCommand command;
      try {
        command = commands.valueSerde().deserializer().deserialize(commands.name(), record.value());
      } catch (RuntimeException e) {
        acks.add(deadLetter(record, e));
        continue;
      }
      CompletableFuture<ChannelAttempt> attempt = done.computeIfAbsent(
          command.getType() + ":" + command.getAttemptId(), key -> dispatcher.carryOut(command));
      CompletableFuture<?> ack = attempt
          .thenCombine(
              lastOfMessage.getOrDefault(command.getMessageId(), NOTHING_BEFORE),
              (written, before) -> written)
          .thenCompose(written -> sender.send(attempts, command.getMessageId(), written));
      lastOfMessage.put(command.getMessageId(), ack);
      acks.add(ack);
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<?> deadLetter(
      ConsumerRecord<byte[], byte[]> record, RuntimeException error) {
    LOGGER
        .atWarn()
        .addKeyValue("topic", record.topic())
        .addKeyValue("partition", record.partition())
        .addKeyValue("offset", record.offset())
        .log("undecodable command sent to the dead-letter topic");
    dlq.sent(commands.dlqName());
    return sender.sendBytes(
        Dlq.record(record.topic(), record.key(), record.value(), error, clock.instant()));
  }

  /** Ready once it polled, until it stopped on an unexpected error. */
  boolean ready() {
    return polling.get() && !failed.get();
  }

  /** Whether the loop ended on an error rather than being stopped. */
  boolean failed() {
    return failed.get();
  }

  void stop() {
    running.set(false);
    consumer.wakeup();
  }
}
