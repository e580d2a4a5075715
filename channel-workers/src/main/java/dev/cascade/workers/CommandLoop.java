package dev.cascade.workers;

import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.RetryingCaller;
import dev.cascade.workers.provider.TransientProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's worker: reads commands, calls the provider, writes the attempt, and commits the
 * command's offset only after Kafka acknowledged the attempt (at least once: a crash never loses
 * a command). A command this worker already carried out is not sent again; its attempt is
 * written again instead.
 */
final class CommandLoop implements Runnable {

  private static final Logger LOGGER = LoggerFactory.getLogger(CommandLoop.class);
  private static final int REMEMBERED_ATTEMPTS = 100_000;

  private final TopicSpec<String, ChannelCommand> topic;
  private final Consumer<byte[], byte[]> consumer;
  private final RecordSender sender;
  private final CascadeTopics topics;
  private final ProviderRegistry providers;
  private final RetryingCaller retrying;
  private final WorkerMetrics metrics;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean polling = new AtomicBoolean();
  private final Map<String, ChannelAttempt> done = new LinkedHashMap<>(1024, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ChannelAttempt> eldest) {
      return size() > REMEMBERED_ATTEMPTS;
    }
  };

  CommandLoop(TopicSpec<String, ChannelCommand> topic, Consumer<byte[], byte[]> consumer, RecordSender sender,
      CascadeTopics topics, ProviderRegistry providers, RetryingCaller retrying, WorkerMetrics metrics) {
    this.topic = topic;
    this.consumer = consumer;
    this.sender = sender;
    this.topics = topics;
    this.providers = providers;
    this.retrying = retrying;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic.name()));
      while (running.get()) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          acks.add(handle(record));
        }
        polling.set(true);
        if (!acks.isEmpty()) {
          CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
          consumer.commitSync();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private CompletableFuture<?> handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    ChannelCommand command;
    try {
      command = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    } catch (RuntimeException e) {
      LOGGER.atWarn().addKeyValue("topic", record.topic()).addKeyValue("offset", record.offset())
          .log("undecodable command sent to the dead-letter topic");
      metrics.dlq(topic.dlqName());
      return sender.sendBytes(Dlq.record(record.topic(), record.key(), record.value(), e, Instant.now()));
    }
    String key = command.getType() + ":" + command.getAttemptId();
    ChannelAttempt attempt = done.get(key);
    if (attempt == null) {
      attempt = carryOut(command);
      done.put(key, attempt);
    }
    return sender.send(topics.channelAttempts, command.getMessageId(), attempt);
  }

  private ChannelAttempt carryOut(ChannelCommand command) throws InterruptedException {
    var selected = providers.select(command);
    String providerName = command.getProvider() != null ? command.getProvider() : "none";
    ProviderResult result;
    if (selected.isEmpty()) {
      result = ProviderResult.rejected("UNKNOWN_PROVIDER", "no provider '" + providerName + "' is configured");
    } else {
      providerName = selected.get().provider().name();
      try {
        selected.get().pace().acquire();
        result = retrying.call(() -> command.getType() == CommandType.SEND
            ? selected.get().provider().send(command)
            : selected.get().provider().revoke(command));
      } catch (TransientProviderException e) {
        // the provider stayed unavailable through every retry: the attempt did not go out
        result = failed(command, "PROVIDER_UNAVAILABLE", e.getMessage());
      } catch (RuntimeException e) {
        // a command this provider cannot express (e.g. content it does not carry): the message
        // must move on rather than wait for an attempt that will never be made
        LOGGER.atWarn().setCause(e).addKeyValue("messageId", command.getMessageId())
            .addKeyValue("provider", providerName).log("command could not be sent");
        result = failed(command, "INVALID_COMMAND", String.valueOf(e.getMessage()));
      }
    }
    metrics.attempt(command.getChannel().name(), providerName, result.outcome().name());
    LOGGER.atDebug().addKeyValue("messageId", command.getMessageId()).addKeyValue("channel", command.getChannel())
        .addKeyValue("provider", providerName).addKeyValue("result", result.outcome()).log("attempt");
    return ChannelAttempt.newBuilder()
        .setAttemptId(command.getAttemptId())
        .setMessageId(command.getMessageId())
        .setStep(command.getStep())
        .setChannel(command.getChannel())
        .setProvider(providerName)
        .setCommandType(command.getType())
        .setOutcome(result.outcome())
        .setProviderMessageIds(result.outcome() == AttemptResult.ACCEPTED ? result.providerMessageIds() : List.of())
        .setProviderCode(result.providerCode())
        .setReason(result.reason())
        .setEncoding(result.encoding())
        .setParts(result.parts())
        .setAttemptedAt(Instant.now())
        .build();
  }

  private static ProviderResult failed(ChannelCommand command, String code, String reason) {
    return command.getType() == CommandType.SEND
        ? ProviderResult.rejected(code, reason)
        : ProviderResult.revokeFailed(code, reason);
  }

  boolean polling() {
    return polling.get();
  }

  void stop() {
    running.set(false);
    consumer.wakeup();
  }
}
