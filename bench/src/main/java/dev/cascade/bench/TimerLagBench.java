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
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
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
      if (runs == 1) {
        TimerLagBench bench = new TimerLagBench();
        lags.add(bench.runInThisJvm(messages, afterSeconds, spreadSeconds, measureSeconds));
        report.append(bench.text);
      } else {
        // a fresh JVM each run: an embedded broker started again in one JVM is not a clean slate
        String output = runInChildJvm(messages, afterSeconds, spreadSeconds, measureSeconds);
        lags.add(parse(output));
        report
            .append("\nrun ")
            .append(run)
            .append(
                output,
                output.indexOf("\nTimer lag"),
                output.indexOf("Cascade timer lag benchmark"));
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

  private Lag runInThisJvm(int messages, int afterSeconds, int spreadSeconds, int measureSeconds)
      throws Exception {
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
        return run(kafkaSettings, producer, messages, afterSeconds, spreadSeconds, measureSeconds);
      }
    }
  }

  /** One run in a child JVM (this class, one run, no result key); its output. */
  private static String runInChildJvm(
      int messages, int afterSeconds, int spreadSeconds, int measureSeconds) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
        "-cp",
        System.getProperty("java.class.path"),
        TimerLagBench.class.getName(),
        String.valueOf(messages),
        String.valueOf(afterSeconds),
        String.valueOf(spreadSeconds),
        measureSeconds == Integer.MAX_VALUE ? "all" : String.valueOf(measureSeconds),
        "1"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (var lines = child.inputReader().lines()) {
      lines.forEach(line -> {
        System.out.println(line);
        output.append(line).append('\n');
      });
    }
    if (child.waitFor() != 0 || output.indexOf("\nTimer lag") < 0) {
      throw new IllegalStateException("a timer-lag run failed (exit " + child.exitValue() + ")");
    }
    return output.toString();
  }

  /** The figures of a run's printed table. */
  static Lag parse(String output) {
    long[] processor = numbers(output, "fallback-timer (command issuedAt)");
    long[] consumer = numbers(output, "command consumer (after EOS commit)");
    int fired =
        Integer.parseInt(output.replaceAll("(?s).*\\), (\\d+) fired while measuring.*", "$1"));
    return new Lag(fired, processor[0], processor[1], consumer[0], consumer[1]);
  }

  private static long[] numbers(String output, String row) {
    String line =
        output.lines().filter(l -> l.startsWith(row)).reduce((a, b) -> b).orElseThrow();
    return java.util.Arrays.stream(line.substring(row.length()).trim().split("\\s+"))
        .mapToLong(Long::parseLong)
        .toArray();
  }

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
          TimerTraffic.request("bench-" + i, waitOf(i, messages, afterSeconds, spreadSeconds)));
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
      Instant acceptDeadline = Instant.now().plusSeconds(900);
      while (dueAt.size() < messages) {
        if (Instant.now().isAfter(acceptDeadline)) {
          throw new IllegalStateException(
              "only " + dueAt.size() + " of " + messages + " WhatsApp sends in 15 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> record : whatsapp.poll(Duration.ofMillis(200))) {
          ChannelCommand command = decode(record);
          Instant accepted = Instant.now();
          int index = Integer.parseInt(command.getMessageId().substring("bench-".length()));
          dueAt.put(
              command.getMessageId(),
              accepted.plusSeconds(waitOf(index, messages, afterSeconds, spreadSeconds)));
          producer.send(
              TOPICS.channelAttempts,
              command.getMessageId(),
              TimerTraffic.accepted(command, accepted));
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
}
