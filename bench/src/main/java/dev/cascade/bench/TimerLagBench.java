package dev.cascade.bench;

import dev.cascade.bench.report.Machine;
import dev.cascade.bench.report.Results;
import dev.cascade.bench.report.Stats;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * <p>Usage: {@code bench/run timer-lag [messages] [afterSeconds] [spreadSeconds] [measureSeconds|all]
 * [runs] [resultKey]} (defaults 100000, 90, 0, all: until every timer fired, 1 run). Each run
 * starts on a fresh embedded broker; with several runs the medians are reported, and with a
 * {@code resultKey} (e.g. {@code timer_10k_per_s_p99_ms}) the median p99 of fallback-timer's lag
 * goes into bench/results/latest.json.
 */
public final class TimerLagBench {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  /** One run's figures: the lag percentiles and how many timers fired while measuring. */
  record Lag(int fired, long processorP50, long processorP99, long consumerP50, long consumerP99) {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int afterSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 90;
    int spreadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    int measureSeconds =
        args.length > 3 && !args[3].equals("all") ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    String resultKey = args.length > 5 ? args[5] : null;
    String command = "bench/run timer-lag " + String.join(" ", args);
    String machine = Machine.describe();
    List<Lag> lags = new ArrayList<>();
    StringBuilder report = new StringBuilder("Cascade timer lag benchmark\ncommand:  " + command
        + "\nmachine:  " + machine
        + "\nsetup:    fallback-timer in this JVM on an embedded broker, one stream thread,"
        + " 6 partitions\n");
    for (int run = 1; run <= runs; run++) {
      System.out.printf("%n== run %d of %d%n", run, runs);
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
        try (FallbackTimerService timer =
                FallbackTimerService.start(settings, () -> System.exit(2));
            RecordSender producer = RecordSender.create(kafkaSettings, "bench")) {
          TimerLagBench bench = new TimerLagBench();
          Lag lag = bench.run(
              kafkaSettings, producer, messages, afterSeconds, spreadSeconds, measureSeconds);
          lags.add(lag);
          report.append("\nrun ").append(run).append(bench.text);
        }
      }
    }
    if (runs > 1) {
      report.append(String.format(
          "%nmedians of %d runs: fallback-timer p50 %.0f ms, p99 %.0f ms;"
              + " command consumer p50 %.0f ms, p99 %.0f ms%n",
          runs,
          median(lags, Lag::processorP50),
          median(lags, Lag::processorP99),
          median(lags, Lag::consumerP50),
          median(lags, Lag::consumerP99)));
    }
    System.out.println(report);
    if (resultKey != null) {
      Results results = Results.here();
      Path file = results.writeReport(
          "timer-lag-" + messages + "-" + afterSeconds + "-" + spreadSeconds, report.toString());
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put(resultKey, median(lags, Lag::processorP99));
      Map<String, String> notes = Map.of(
          resultKey,
          String.format(
              "ms a timer fired late at p99, as fallback-timer issued the fallback command; median of %d"
                  + " run(s); as a consumer of the command topic saw it (after the exactly-once"
                  + " commit): p99 %.0f ms; %d timers, afterSeconds %d, spread over %d s",
              runs, median(lags, Lag::consumerP99), messages, afterSeconds, spreadSeconds));
      Path latest = results.update(figures, notes, command, machine);
      System.out.printf("wrote %s and %s%n", file, latest);
    }
    System.exit(0);
  }

  private static double median(List<Lag> lags, java.util.function.ToLongFunction<Lag> figure) {
    return Stats.median(
        lags.stream().map(lag -> (double) figure.applyAsLong(lag)).toList());
  }

  private String text = "";

  private Lag run(
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
      return report(messages, afterSeconds, fired, processorLag, consumerLag);
    }
  }

  private static int waitOf(int index, int messages, int afterSeconds, int spreadSeconds) {
    return afterSeconds + (int) ((long) index * spreadSeconds / messages);
  }

  private Lag report(
      int messages, int afterSeconds, int fired, long[] processorLag, long[] consumerLag) {
    long[] p = Stats.sorted(Arrays.copyOf(processorLag, fired));
    long[] c = Stats.sorted(Arrays.copyOf(consumerLag, fired));
    StringBuilder out = new StringBuilder();
    out.append(String.format(
        "%nTimer lag, %d timers pending (afterSeconds %d), %d fired while measuring, %d still pending%n",
        messages, afterSeconds, fired, messages - fired));
    out.append(String.format(
        "%-36s %8s %8s %8s %8s %8s%n", "ms late", "p50", "p99", "p99.9", "max", "min"));
    out.append(row("fallback-timer (command issuedAt)", p));
    out.append(row("command consumer (after EOS commit)", c));
    text = out.toString();
    System.out.print(text);
    return new Lag(
        fired,
        Stats.percentile(p, 0.50),
        Stats.percentile(p, 0.99),
        Stats.percentile(c, 0.50),
        Stats.percentile(c, 0.99));
  }

  private static String row(String name, long[] sorted) {
    return String.format(
        "%-36s %8d %8d %8d %8d %8d%n",
        name,
        Stats.percentile(sorted, 0.50),
        Stats.percentile(sorted, 0.99),
        Stats.percentile(sorted, 0.999),
        Stats.percentile(sorted, 1.0),
        sorted.length == 0 ? -1 : sorted[0]);
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
