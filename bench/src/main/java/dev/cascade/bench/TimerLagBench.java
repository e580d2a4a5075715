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
 * <p>With {@code ratePerSecond} the requests are not all written first: they come at that rate
 * (open loop) while earlier timers fire, as timers are made in production; {@code 200000 5 0 all
 * 1 timer_10k_per_s_p99_ms 10000} is 10,000 new timers a second for 20 s, each due 5 s later.
 *
 * <p>Usage: {@code bench/run timer-lag [messages] [afterSeconds] [spreadSeconds] [measureSeconds|all]
 * [runs] [resultKey] [ratePerSecond]} (defaults 100000, 90, 0, all: until every timer fired, 1
 * run, all at once). Each run
 * starts on a fresh embedded broker; with several runs the medians are reported, and with a
 * {@code resultKey} (e.g. {@code timer_10k_per_s_p99_ms}) the median p99 of fallback-timer's lag
 * goes into bench/results/latest.json.
 */
public final class TimerLagBench {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  /** One run's figures: the lag percentiles and how many timers fired while measuring. */
  record Lag(int fired, long processorP50, long processorP99, long consumerP50, long consumerP99) {}

  /** What one run does: see the class comment; {@code ratePerSecond} 0 is all at once. */
  private static final int WARM_UP_SECONDS = 10;

  record Workload(
      int messages, int afterSeconds, int spreadSeconds, int measureSeconds, int ratePerSecond) {

    /** With a rate, the first 10 s of requests warm the JVM up: they fire but are not measured. */
    int warmUpMessages() {
      return Math.min(messages / 2, ratePerSecond * WARM_UP_SECONDS);
    }

    int waitOf(int index) {
      return afterSeconds + (int) ((long) index * spreadSeconds / messages);
    }
  }

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int afterSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 90;
    int spreadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    int measureSeconds =
        args.length > 3 && !args[3].equals("all") ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    String resultKey = args.length > 5 && !args[5].equals("-") ? args[5] : null;
    int ratePerSecond = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    Workload workload =
        new Workload(messages, afterSeconds, spreadSeconds, measureSeconds, ratePerSecond);
    String command = "bench/run timer-lag " + String.join(" ", args);
    String machine = Machine.describe();
    List<Lag> lags = new ArrayList<>();
    StringBuilder report = new StringBuilder("Cascade timer lag benchmark\ncommand:  " + command
        + "\nmachine:  " + machine
        + "\nsetup:    fallback-timer in this JVM on an embedded broker, its default stream"
        + " threads (timer.stream.threads),"
        + " 6 partitions\n");
    for (int run = 1; run <= runs; run++) {
      System.out.printf("%n== run %d of %d%n", run, runs);
      if (runs == 1) {
        TimerLagBench bench = new TimerLagBench();
        lags.add(bench.runInThisJvm(workload));
        report.append(bench.text);
      } else {
        // a fresh JVM each run: an embedded broker started again in one JVM is not a clean slate
        String output = runInChildJvm(workload);
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
          "timer-lag-" + messages + "-" + afterSeconds + "-" + spreadSeconds
              + (ratePerSecond > 0 ? "-at-" + ratePerSecond + "-per-s" : ""),
          report.toString());
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put(resultKey, median(lags, Lag::processorP99));
      Map<String, String> notes = Map.of(
          resultKey,
          String.format(
              "ms a timer fired late at p99, as fallback-timer issued the fallback command; median of %d"
                  + " run(s); as a consumer of the command topic saw it (after the exactly-once"
                  + " commit): p99 %.0f ms; %d timers, afterSeconds %d, spread over %d s, %s",
              runs,
              median(lags, Lag::consumerP99),
              messages,
              afterSeconds,
              spreadSeconds,
              ratePerSecond > 0
                  ? "requests written at " + ratePerSecond + " a second while timers fire"
                  : "every request written before the first timer is due"));
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

  private Lag runInThisJvm(Workload workload) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), 6, (short) 1);
      TopicAdmin.ensureTopics(kafkaSettings, TOPICS);
      // the bench's settings over the environment's CASCADE_* (e.g. CASCADE_TIMER_STREAM_THREADS)
      Settings settings = Settings.fromEnvironment()
          .with(Map.of(
              "kafka.bootstrap.servers",
              kafka.bootstrapServers(),
              "timer.http.port",
              "0",
              "timer.state.dir",
              Files.createTempDirectory("timer-bench").toString()));
      try (FallbackTimerService timer = FallbackTimerService.start(settings, () -> System.exit(2));
          RecordSender producer = RecordSender.create(kafkaSettings, "bench")) {
        awaitRunning(timer);
        return run(kafkaSettings, producer, workload);
      }
    }
  }

  /** Until Kafka Streams has its tasks assigned and restored, so start-up is not measured. */
  private static void awaitRunning(FallbackTimerService timer) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (timer.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("fallback-timer not running after 2 minutes");
      }
      Thread.sleep(100);
    }
    Thread.sleep(2000);
  }

  /** One run in a child JVM (this class, one run, no result key); its output. */
  private static String runInChildJvm(Workload workload) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
        "-cp",
        System.getProperty("java.class.path"),
        TimerLagBench.class.getName(),
        String.valueOf(workload.messages()),
        String.valueOf(workload.afterSeconds()),
        String.valueOf(workload.spreadSeconds()),
        workload.measureSeconds() == Integer.MAX_VALUE
            ? "all"
            : String.valueOf(workload.measureSeconds()),
        "1",
        "-",
        String.valueOf(workload.ratePerSecond())));
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

  private Lag run(KafkaSettings kafka, RecordSender producer, Workload workload) throws Exception {
    int messages = workload.messages();
    Thread requests =
        Thread.ofPlatform().name("timer-lag-requests").start(() -> produce(producer, workload));
    if (workload.ratePerSecond() == 0) {
      requests.join();
    }

    Map<String, Instant> dueAt = new HashMap<>(messages * 2);
    long[] processorLag = new long[messages];
    long[] consumerLag = new long[messages];
    int fired = 0;
    int measured = 0;
    Instant acceptDeadline = Instant.now().plusSeconds(900);
    Instant deadline = null;
    try (KafkaConsumer<byte[], byte[]> whatsapp =
            consumer(kafka, TOPICS.channelCommands(Channel.WHATSAPP).name());
        KafkaConsumer<byte[], byte[]> sms =
            consumer(kafka, TOPICS.channelCommands(Channel.SMS).name())) {
      while (fired < messages && (deadline == null || Instant.now().isBefore(deadline))) {
        if (dueAt.size() < messages) {
          if (Instant.now().isAfter(acceptDeadline)) {
            throw new IllegalStateException(
                "only " + dueAt.size() + " of " + messages + " WhatsApp sends in 15 minutes");
          }
          // play the WhatsApp worker: every send is accepted at once
          for (ConsumerRecord<byte[], byte[]> record : whatsapp.poll(Duration.ofMillis(20))) {
            ChannelCommand command = decode(record);
            Instant accepted = Instant.now();
            int index = Integer.parseInt(command.getMessageId().substring("bench-".length()));
            dueAt.put(command.getMessageId(), accepted.plusSeconds(workload.waitOf(index)));
            producer.send(
                TOPICS.channelAttempts,
                command.getMessageId(),
                TimerTraffic.accepted(command, accepted));
          }
          if (dueAt.size() == messages) {
            producer.producer().flush();
            Instant firstDue = dueAt.values().stream().min(Instant::compareTo).orElseThrow();
            System.out.printf(
                "all %d accepted by %s; first timer due in %s%n",
                messages, Instant.now(), Duration.between(Instant.now(), firstDue));
            deadline = workload.measureSeconds() == Integer.MAX_VALUE
                ? Instant.now()
                    .plusSeconds(workload.afterSeconds() + workload.spreadSeconds() + 300L)
                : firstDue.plusSeconds(workload.measureSeconds());
          }
        }
        for (ConsumerRecord<byte[], byte[]> record : sms.poll(Duration.ofMillis(20))) {
          ChannelCommand command = decode(record);
          Instant due = dueAt.get(command.getMessageId());
          fired++;
          int index = Integer.parseInt(command.getMessageId().substring("bench-".length()));
          if (index < workload.warmUpMessages()) {
            continue;
          }
          processorLag[measured] = Duration.between(due, command.getIssuedAt()).toMillis();
          consumerLag[measured] = Duration.between(due, Instant.now()).toMillis();
          measured++;
        }
      }
    }
    requests.join();
    Lag lag = report(
        messages - workload.warmUpMessages(),
        workload.afterSeconds(),
        measured,
        processorLag,
        consumerLag);
    double dueSpan = Duration.between(
                dueAt.values().stream().min(Instant::compareTo).orElseThrow(),
                dueAt.values().stream().max(Instant::compareTo).orElseThrow())
            .toMillis()
        / 1000.0;
    String rate = String.format(
        "timers came due over %.0f s: %.0f a second on average; %d warm-up timers (the first"
            + " %d s of requests) fired and were not measured%n",
        dueSpan,
        messages / Math.max(dueSpan, 1),
        workload.warmUpMessages(),
        workload.ratePerSecond() > 0 ? WARM_UP_SECONDS : 0);
    System.out.print(rate);
    text += rate;
    return lag;
  }

  /** Writes the requests: all at once, or message i at start + i / rate (open loop). */
  private static void produce(RecordSender producer, Workload workload) {
    Instant start = Instant.now();
    long startNanos = System.nanoTime();
    for (int i = 0; i < workload.messages(); i++) {
      if (workload.ratePerSecond() > 0) {
        long dueNanos = startNanos + i * 1_000_000_000L / workload.ratePerSecond();
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
      producer.send(
          TOPICS.sendRequests,
          "bench-" + i,
          TimerTraffic.request("bench-" + i, workload.waitOf(i)));
    }
    producer.producer().flush();
    System.out.printf(
        "produced %d send requests in %s%n",
        workload.messages(), Duration.between(start, Instant.now()));
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
