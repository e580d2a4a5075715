package dev.cascade.bench;

import dev.cascade.fallback.FallbackTimerService;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Timer precision under load: N messages whose WhatsApp step falls back after {@code afterSeconds};
 * every timer is pending before the first comes due. For each SMS fallback command the lag is
 * its issue time minus its due time (acceptance + afterSeconds), as fallback-timer saw it, and
 * as a consumer of the command topic saw it (adds the exactly-once commit).
 *
 * <p>With {@code spreadSeconds}, message i waits {@code afterSeconds + i * spreadSeconds / messages},
 * so timers come due at a steady rate while the rest stay pending; {@code measureSeconds} stops
 * the measurement that long after the first timer came due.
 *
 * <p>Usage: {@code bench/run timer-lag [messages] [afterSeconds] [spreadSeconds] [measureSeconds]}
 * (defaults 100000, 90, 0, until every timer fired).
 */
public final class TimerLagBench {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int afterSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 90;
    int spreadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    int measureSeconds = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), 6, (short) 1);
      TopicAdmin.ensureTopics(kafkaSettings, TOPICS);
      Settings settings = Settings.of(Map.of(
          "kafka.bootstrap.servers",
          kafka.bootstrapServers(),
          "timer.http.port",
          "0",
          "timer.state.dir",
          Files.createTempDirectory("timer-bench").toString()));
      try (FallbackTimerService timer = FallbackTimerService.start(settings, () -> System.exit(2));
          RecordSender producer = RecordSender.create(kafkaSettings, "bench")) {
        new TimerLagBench()
            .run(kafkaSettings, producer, messages, afterSeconds, spreadSeconds, measureSeconds);
      }
    }
    System.exit(0);
  }

  private void run(
      KafkaSettings kafka,
      RecordSender producer,
      int messages,
      int afterSeconds,
      int spreadSeconds,
      int measureSeconds)
      throws Exception {
    Instant start = Instant.now();
    for (int i = 0; i < messages; i++) {
      producer.send(
          TOPICS.sendRequests,
          "bench-" + i,
          request("bench-" + i, waitOf(i, messages, afterSeconds, spreadSeconds)));
    }
    producer.producer().flush();
    System.out.printf(
        "produced %d send requests in %s%n", messages, Duration.between(start, Instant.now()));

    Map<String, Instant> dueAt = new HashMap<>(messages * 2);
    try (KafkaConsumer<byte[], byte[]> whatsapp =
            consumer(kafka, TOPICS.channelCommands(Channel.WHATSAPP).name());
        KafkaConsumer<byte[], byte[]> sms =
            consumer(kafka, TOPICS.channelCommands(Channel.SMS).name())) {
      // play the WhatsApp worker: every send is accepted at once
      while (dueAt.size() < messages) {
        for (ConsumerRecord<byte[], byte[]> record : whatsapp.poll(Duration.ofMillis(200))) {
          ChannelCommand command = decode(record);
          Instant accepted = Instant.now();
          int index = Integer.parseInt(command.getMessageId().substring("bench-".length()));
          dueAt.put(
              command.getMessageId(),
              accepted.plusSeconds(waitOf(index, messages, afterSeconds, spreadSeconds)));
          producer.send(
              TOPICS.channelAttempts, command.getMessageId(), accepted(command, accepted));
        }
      }
      producer.producer().flush();
      Instant firstDue = dueAt.values().stream().min(Instant::compareTo).orElseThrow();
      System.out.printf(
          "all %d accepted by %s; first timer due in %s%n",
          messages, Instant.now(), Duration.between(Instant.now(), firstDue));

      long[] processorLag = new long[messages];
      long[] consumerLag = new long[messages];
      int fired = 0;
      Instant deadline = Instant.now().plusSeconds(afterSeconds + spreadSeconds + 300L);
      if (measureSeconds != Integer.MAX_VALUE) {
        deadline = firstDue.plusSeconds(measureSeconds);
      }
      while (fired < messages && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> record : sms.poll(Duration.ofMillis(100))) {
          ChannelCommand command = decode(record);
          Instant due = dueAt.get(command.getMessageId());
          processorLag[fired] = Duration.between(due, command.getIssuedAt()).toMillis();
          consumerLag[fired] = Duration.between(due, Instant.now()).toMillis();
          fired++;
        }
      }
      report(messages, afterSeconds, fired, processorLag, consumerLag);
    }
  }

  private static int waitOf(int index, int messages, int afterSeconds, int spreadSeconds) {
    return afterSeconds + (int) ((long) index * spreadSeconds / messages);
  }

  private static void report(
      int messages, int afterSeconds, int fired, long[] processorLag, long[] consumerLag) {
    long[] p = Arrays.copyOf(processorLag, fired);
    long[] c = Arrays.copyOf(consumerLag, fired);
    Arrays.sort(p);
    Arrays.sort(c);
    System.out.printf(
        "%nTimer lag, %d timers pending (afterSeconds %d), %d fired while measuring, %d still pending%n",
        messages, afterSeconds, fired, messages - fired);
    System.out.printf(
        "%-34s %8s %8s %8s %8s %8s%n", "ms late", "p50", "p99", "p99.9", "max", "min");
    System.out.printf(
        "%-34s %8d %8d %8d %8d %8d%n",
        "fallback-timer (command issuedAt)",
        at(p, 0.50),
        at(p, 0.99),
        at(p, 0.999),
        p[p.length - 1],
        p[0]);
    System.out.printf(
        "%-34s %8d %8d %8d %8d %8d%n",
        "command consumer (after EOS commit)",
        at(c, 0.50),
        at(c, 0.99),
        at(c, 0.999),
        c[c.length - 1],
        c[0]);
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings kafka, String topic) {
    var props = ClientProperties.consumer(kafka, "bench-" + topic, "bench-" + topic);
    props.put("max.poll.records", 5000);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static ChannelCommand decode(ConsumerRecord<byte[], byte[]> record) {
    return TOPICS
        .channelCommands(Channel.SMS)
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }

  private static SendRequest request(String messageId, int afterSeconds) {
    Step whatsapp = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(Content.newBuilder().setText("Your code is 482913").build())
        .setFallback(Fallback.newBuilder()
            .setOn(List.of(FallbackTrigger.UNDELIVERED))
            .setAfterSeconds(afterSeconds)
            .build())
        .build();
    Step sms = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("Your code is 482913").build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId(messageId)
        .setTo("+393401233000")
        .setSteps(List.of(whatsapp, sms))
        .build();
  }

  private static ChannelAttempt accepted(ChannelCommand command, Instant at) {
    return ChannelAttempt.newBuilder()
        .setAttemptId(command.getAttemptId())
        .setMessageId(command.getMessageId())
        .setStep(command.getStep())
        .setChannel(command.getChannel())
        .setProvider("meta")
        .setCommandType(CommandType.SEND)
        .setOutcome(AttemptResult.ACCEPTED)
        .setProviderMessageIds(List.of("wamid." + command.getAttemptId()))
        .setAttemptedAt(at)
        .build();
  }
}
