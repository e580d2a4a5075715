package dev.cascade.bench;

import dev.cascade.bench.process.JvmProcess;
import dev.cascade.bench.process.KafkaBroker;
import dev.cascade.bench.report.Machine;
import dev.cascade.bench.report.Results;
import dev.cascade.bench.report.RunTable;
import dev.cascade.bench.stack.Stack;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code bench/run timer-state}: what pending timers cost fallback-timer, and how fast it fires
 * again after a restart. fallback-timer runs alone in its own JVM on a standalone broker. N
 * messages each arm one WhatsApp → SMS timer (the benchmark accepts every WhatsApp send at once);
 * once fallback-timer has committed every attempt, its live heap and resident memory are compared
 * with those before (per pending timer). Then it is stopped (SIGTERM), the timers come due while it
 * is down, and it is started again on the same state directory: the time from its start to the
 * first fallback command, and to the last, is how long a restart holds overdue timers.
 */
public final class TimerStateBench {

  private static final String USAGE = """
      usage: bench/run timer-state [--timers N] [--after S] [--runs N] [--jvm-opts "-Xmx2g"]
        defaults: --timers 200000 --after 60 --runs 1""";
  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final String TIMER_GROUP = "cascade-fallback-timer";

  private TimerStateBench() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = new Options(args, Set.of("timers", "after", "runs", "jvm-opts"), USAGE);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int timers = options.integer("timers", 200_000);
    int after = options.integer("after", 60);
    int runs = options.integer("runs", 1);
    List<String> jvm = options.list("jvm-opts", "-Xmx2g");
    String command = String.format(
        "bench/run timer-state --timers %d --after %d --runs %d", timers, after, runs);
    String machine = Machine.describe();
    Path root = Path.of("").toAbsolutePath();
    List<Map<String, Double>> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      System.out.printf("%n== run %d of %d%n", run, runs);
      results.add(runOnce(root, run, timers, after, jvm));
      System.out.println(RunTable.table(List.of(results.get(results.size() - 1))));
    }
    Map<String, Double> medians = RunTable.medians(results);
    String report = "Cascade timer state benchmark\ncommand:  " + command + "\nmachine:  " + machine
        + "\nsetup:    fallback-timer alone in its own JVM (" + String.join(" ", jvm)
        + "), standalone broker, 6 partitions, one stream thread; " + timers
        + " timers armed for " + after + " s, then a restart after they came due\nruns:     "
        + runs + "\n\n" + RunTable.table(results);
    Results files = Results.here();
    Path file = files.writeReport("timer-state-" + timers, report);
    Map<String, Double> json = new LinkedHashMap<>();
    Map<String, String> notes = new LinkedHashMap<>();
    json.put("timer_heap_bytes_per_pending", medians.get("live_heap_bytes_per_pending"));
    notes.put(
        "timer_heap_bytes_per_pending",
        String.format(
            "live heap (after a full GC) of fallback-timer with %d timers pending minus before,"
                + " per timer, median of %d run(s); timers and message state live in RocksDB (off"
                + " heap): resident memory grew %.0f bytes per pending timer",
            timers, runs, medians.get("rss_bytes_per_pending")));
    String restartKey = timers == 1_000_000
        ? "timer_restart_to_firing_s_1m"
        : "timer_restart_to_firing_s_" + timers;
    json.put(restartKey, medians.get("restart_to_first_firing_s"));
    notes.put(
        restartKey,
        String.format(
            "from fallback-timer's process start (same state directory) to the first overdue"
                + " fallback command a consumer saw; all %d fired %.1f s after the start; median"
                + " of %d run(s)",
            timers, medians.get("restart_to_all_fired_s"), runs));
    System.out.printf(
        "%n%s%nwrote %s and %s%n", report, file, files.update(json, notes, command, machine));
    System.exit(0);
  }

  private static Map<String, Double> runOnce(
      Path root, int run, int timers, int after, List<String> jvm) throws Exception {
    Path runDir =
        KafkaBroker.runDirectory(root.resolve("bench/target/runs"), "timer-state-run" + run);
    System.out.printf("run directory (logs): %s%n", root.relativize(runDir));
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("load_avg_1m_start", Double.parseDouble(Machine.loadAverage()));
    try (KafkaBroker broker = KafkaBroker.start(root, runDir)) {
      KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), 6, (short) 1);
      TopicAdmin.ensureTopics(kafka, TOPICS);
      Instant lastDue;
      try (Stack timer = startTimer(broker, runDir, jvm);
          RecordSender producer = RecordSender.create(kafka, "bench")) {
        JvmProcess process = timer.processes().get(0);
        long heapBefore = process.liveHeapBytes();
        long rssBefore = process.rssBytes();
        Instant start = Instant.now();
        lastDue = arm(kafka, producer, timers, after);
        awaitCommitted(kafka, TOPICS.channelAttempts.name());
        figures.put("arm_s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
        long heapAfter = process.liveHeapBytes();
        long rssAfter = process.rssBytes();
        figures.put("live_heap_mb_before", heapBefore / 1e6);
        figures.put("live_heap_mb_pending", heapAfter / 1e6);
        figures.put("rss_mb_before", rssBefore / 1e6);
        figures.put("rss_mb_pending", rssAfter / 1e6);
        figures.put("live_heap_bytes_per_pending", (double) (heapAfter - heapBefore) / timers);
        figures.put("rss_bytes_per_pending", (double) (rssAfter - rssBefore) / timers);
        System.out.printf("%d timers armed; stopping fallback-timer%n", timers);
      }
      long wait = Duration.between(Instant.now(), lastDue).toMillis() + 2_000;
      if (wait > 0) {
        System.out.printf("waiting %d s until every timer is overdue%n", wait / 1000);
        Thread.sleep(wait);
      }
      try (KafkaConsumer<byte[], byte[]> sms = smsCommands(kafka)) {
        Instant restart = Instant.now();
        try (Stack timer = startTimer(broker, runDir, jvm)) {
          figures.put(
              "restart_to_healthy_s", Duration.between(restart, Instant.now()).toMillis() / 1000.0);
          Instant first = null;
          int fired = 0;
          Instant deadline = Instant.now().plusSeconds(600);
          while (fired < timers && Instant.now().isBefore(deadline)) {
            int seen = sms.poll(Duration.ofMillis(100)).count();
            if (seen > 0 && first == null) {
              first = Instant.now();
            }
            fired += seen;
          }
          figures.put("restart_to_first_firing_s", seconds(restart, first));
          figures.put(
              "restart_to_all_fired_s", fired < timers ? null : seconds(restart, Instant.now()));
          figures.put("fired_after_restart", (double) fired);
        }
      }
    }
    figures.put("load_avg_1m_end", Double.parseDouble(Machine.loadAverage()));
    return figures;
  }

  private static Double seconds(Instant from, Instant to) {
    return to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
  }

  private static Stack startTimer(KafkaBroker broker, Path runDir, List<String> jvm) {
    return Stack.start(
        Stack.Layout.SEPARATE,
        List.of(Stack.Service.FALLBACK_TIMER),
        broker.bootstrapServers(),
        6,
        runDir,
        jvm);
  }

  /** Sends the requests and accepts every WhatsApp send; the due time of the last timer. */
  private static Instant arm(KafkaSettings kafka, RecordSender producer, int timers, int after) {
    for (int i = 0; i < timers; i++) {
      producer.send(TOPICS.sendRequests, "timer-" + i, TimerTraffic.request("timer-" + i, after));
    }
    producer.producer().flush();
    var props = ClientProperties.consumer(kafka, "bench-whatsapp", "bench-whatsapp");
    props.put("max.poll.records", 5000);
    Instant lastAccepted = Instant.now();
    try (KafkaConsumer<byte[], byte[]> whatsapp = new KafkaConsumer<>(props)) {
      whatsapp.subscribe(List.of(TOPICS.channelCommands(Channel.WHATSAPP).name()));
      int accepted = 0;
      Instant deadline = Instant.now().plusSeconds(900);
      while (accepted < timers) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("only " + accepted + " WhatsApp sends in 15 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> record : whatsapp.poll(Duration.ofMillis(200))) {
          ChannelCommand command = TOPICS
              .channelCommands(Channel.WHATSAPP)
              .valueSerde()
              .deserializer()
              .deserialize(record.topic(), record.value());
          lastAccepted = Instant.now();
          producer.send(
              TOPICS.channelAttempts,
              command.getMessageId(),
              TimerTraffic.accepted(command, lastAccepted));
          accepted++;
        }
      }
    }
    producer.producer().flush();
    return lastAccepted.plusSeconds(after);
  }

  /** Waits until fallback-timer has committed everything written to {@code topic}. */
  private static void awaitCommitted(KafkaSettings kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(ClientProperties.common(kafka, "bench-lag"))) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (int p = 0; p < kafka.partitions(); p++) {
        ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      var end = admin.listOffsets(ends).all().get();
      Instant deadline = Instant.now().plusSeconds(600);
      while (Instant.now().isBefore(deadline)) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin
            .listConsumerGroupOffsets(TIMER_GROUP)
            .partitionsToOffsetAndMetadata()
            .get();
        boolean done = end.entrySet().stream()
            .allMatch(e -> committed.get(e.getKey()) != null
                && committed.get(e.getKey()).offset() >= e.getValue().offset());
        if (done) {
          return;
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("fallback-timer did not commit " + topic + " in 10 minutes");
    }
  }

  private static KafkaConsumer<byte[], byte[]> smsCommands(KafkaSettings kafka) {
    var props = ClientProperties.consumer(kafka, "bench-sms", "bench-sms");
    props.put("max.poll.records", 5000);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
    String topic = TOPICS.channelCommands(Channel.SMS).name();
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
