package dev.cascade.bench.pipeline;

import dev.cascade.bench.load.KafkaLoad;
import dev.cascade.bench.load.Mix;
import dev.cascade.bench.load.Wrk;
import dev.cascade.bench.process.JvmProcess;
import dev.cascade.bench.process.KafkaBroker;
import dev.cascade.bench.process.ProcStat;
import dev.cascade.bench.report.Machine;
import dev.cascade.bench.stack.Stack;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the pipeline benchmark, on a fresh broker: the raw ceiling, then the services, the
 * load (warm-up, then the steady window that is measured), the drain, and the figures.
 */
final class PipelineRun {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration DRAIN_STALL = Duration.ofSeconds(30);
  private static final int PROBE_MESSAGES = 20;
  private static final Duration RAW_TIME = Duration.ofSeconds(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(180);

  /** What a run measured: named figures, and text for the report (topics written, profile). */
  record Outcome(Map<String, Double> figures, String detail, Optional<String> profile) {}

  private final PipelineConfig config;
  private final Path root;
  private final Path runDir;
  private final Map<String, Double> figures = new LinkedHashMap<>();
  private final StringBuilder detail = new StringBuilder();

  PipelineRun(PipelineConfig config, Path root, int number) {
    this.config = config;
    this.root = root;
    this.runDir = KafkaBroker.runDirectory(
        root.resolve("bench/target/runs"), config.name() + "-run" + number);
  }

  /** Runs it; empty when the load generator is missing (wrk), which was said already. */
  Optional<Outcome> execute() throws Exception {
    Optional<Wrk> wrk = Optional.empty();
    if (config.http()) {
      wrk = Wrk.find(runDir);
      if (wrk.isEmpty()) {
        return Optional.empty();
      }
    }
    System.out.printf("run directory (logs): %s%n", root.relativize(runDir));
    try (KafkaBroker broker = KafkaBroker.start(root, runDir)) {
      KafkaSettings kafka =
          new KafkaSettings(broker.bootstrapServers(), config.partitions(), (short) 1);
      TopicAdmin.ensureTopics(kafka, TOPICS);
      rawCeiling(kafka);
      Map<String, Long> offsetsBefore = TopicOffsets.snapshot(kafka);
      try (Stack stack = Stack.start(
              config.layout(),
              config.services(),
              broker.bootstrapServers(),
              config.partitions(),
              runDir,
              config.jvmOptions(),
              config.extraSettings());
          Observer observer = new Observer(kafka);
          KafkaLoad producer = config.http() ? null : new KafkaLoad(kafka)) {
        startMoreInstances(stack);
        List<JvmProcess> measured = new ArrayList<>(stack.processes());
        measured.add(broker.process());
        Load load = wrk.isPresent()
            ? new HttpLoad(wrk.get(), stack.port(Stack.Service.SEND_INTAKE), config, runDir)
            : new ProducerLoad(producer, config.rate());

        probe(kafka, observer);
        figures.put("load_avg_1m_start", Double.parseDouble(Machine.loadAverage()));
        System.out.printf("warm-up: %d msg/s for %s%n", config.rate(), config.warmup());
        load.run("warm", config.warmup());
        Map<String, Long> cpuBefore = cpu(measured);
        long steadyFrom = System.currentTimeMillis();
        List<Profiler> profilers = new ArrayList<>();
        if (config.profile()) {
          for (JvmProcess process : stack.processes()) {
            profilers.add(
                Profiler.start(process, config.steady(), runDir.resolve(process.name() + ".jfr")));
          }
        }
        System.out.printf("steady: %d msg/s for %s (measured)%n", config.rate(), config.steady());
        load.run("steady", config.steady());
        long steadyTo = System.currentTimeMillis();
        Map<String, Long> cpuAfter = cpu(measured);
        figures.put("load_avg_1m_end", Double.parseDouble(Machine.loadAverage()));
        memory(stack.processes(), broker.process());

        long drainStart = System.currentTimeMillis();
        drain(observer);
        figures.put(
            "drain_s",
            observer.lastOutcomeAt() == 0
                ? null
                : Math.max(0, observer.lastOutcomeAt() - drainStart) / 1000.0);
        Map<String, Long> written =
            TopicOffsets.written(offsetsBefore, TopicOffsets.snapshot(kafka));
        for (JvmProcess process : stack.processes()) {
          figures.put("live_heap_mb." + process.name(), process.liveHeapBytes() / 1e6);
        }
        StringBuilder profile = new StringBuilder();
        for (Profiler profiler : profilers) {
          profile.append(profiler.summarize()).append('\n');
        }

        Map<String, Observer.Track> tracks = observer.finish();
        if (config.instances() > 1) {
          GetRouting.check(stack, config.instances(), tracks.keySet(), figures, detail);
        }
        RunFigures.Window window = new RunFigures.Window(steadyFrom, steadyTo);
        long inWindow = RunFigures.requestsIn(tracks, window);
        figures.put("offered_msgs_per_s", (double) config.rate());
        RunFigures.throughputAndLatency(tracks, window, figures, detail);
        RunFigures.correctness(tracks, load.sent(), figures);
        load.figures(figures);
        RunFigures.cpu(cpuBefore, cpuAfter, inWindow, window, stack.processes(), figures);
        RunFigures.recordsWritten(written, tracks.size(), figures, detail);
        figures.put(
            "sustained_msgs_per_s",
            Math.min(figures.get("requests_per_s"), figures.get("outcomes_per_s")));
        figures.put(
            "pipeline_to_raw_produce_ratio",
            figures.get("sustained_msgs_per_s") / figures.get("raw_produce_records_per_s"));
        return Optional.of(new Outcome(
            figures,
            detail.toString(),
            config.profile() ? Optional.of(profile.toString()) : Optional.empty()));
      }
    }
  }

  /**
   * The second and later fallback-timer and channel-workers instances ({@code --instances}), each
   * with its own HTTP port and (fallback-timer) state directory: Kafka spreads the partitions
   * over them; which instance owns a message is Kafka Streams' assignment.
   */
  private void startMoreInstances(Stack stack) {
    for (int instance = 2; instance <= config.instances(); instance++) {
      stack.startInstance(
          Stack.Service.FALLBACK_TIMER,
          GetRouting.timerName(instance),
          Map.of(
              "timer.http.port", String.valueOf(KafkaBroker.freePort()),
              "timer.state.dir", runDir.resolve("timer-state-" + instance).toString()));
      stack.startInstance(
          Stack.Service.CHANNEL_WORKERS,
          "channel-workers-" + instance,
          Map.of("workers.http.port", String.valueOf(KafkaBroker.freePort())));
    }
  }

  /**
   * Twenty messages (every scenario) through the whole pipeline before the warm-up starts, so that
   * start-up (internal topics created, consumer groups and Streams tasks assigned) is over.
   */
  private static void probe(KafkaSettings kafka, Observer observer) throws InterruptedException {
    long deadline = System.currentTimeMillis() + PROBE_TIMEOUT.toMillis();
    try (KafkaLoad probe = new KafkaLoad(kafka)) {
      probe.run("probe", PROBE_MESSAGES, Duration.ofSeconds(1));
      probe.flush();
    }
    while (observer.outcomesSeen() < PROBE_MESSAGES) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the pipeline ended " + observer.outcomesSeen() + " of "
            + PROBE_MESSAGES + " probe messages in " + PROBE_TIMEOUT + "; see the run's logs");
      }
      Thread.sleep(100);
    }
    System.out.printf("pipeline ready: %d probe messages ended%n", PROBE_MESSAGES);
  }

  private void rawCeiling(KafkaSettings kafka) throws Exception {
    int recordBytes = TOPICS
        .sendRequests
        .valueSerde()
        .serializer()
        .serialize(TOPICS.sendRequests.name(), Mix.request("bench-000000", 123_456))
        .length;
    System.out.printf(
        "raw ceiling: %d-byte records, one producer then one consumer%n", recordBytes);
    RawCeiling.Result ceiling =
        RawCeiling.measure(kafka, config.partitions(), recordBytes, config.rawRecords(), RAW_TIME);
    figures.put("raw_record_bytes", (double) ceiling.recordBytes());
    figures.put("raw_produce_records_per_s", ceiling.producePerSecond());
    figures.put("raw_consume_records_per_s", ceiling.consumePerSecond());
    figures.put("raw_produce_failed", (double) ceiling.failed());
    System.out.printf(
        "raw ceiling: produce %.0f records/s, consume %.0f records/s (%d records)%n",
        ceiling.producePerSecond(), ceiling.consumePerSecond(), ceiling.records());
  }

  /** CPU milliseconds so far of each process, and of this JVM (load generator, observer, wrk). */
  private static Map<String, Long> cpu(List<JvmProcess> processes) {
    Map<String, Long> cpu = new LinkedHashMap<>();
    for (JvmProcess process : processes) {
      cpu.put(process.name(), process.cpuMillis());
    }
    cpu.put("bench", ProcStat.cpuMillisWithChildren(0));
    return cpu;
  }

  private void memory(List<JvmProcess> services, JvmProcess broker) {
    for (JvmProcess process : services) {
      long[] heap = process.heap();
      figures.put("heap_used_mb." + process.name(), heap[0] / 1e6);
      figures.put("heap_committed_mb." + process.name(), heap[1] / 1e6);
      figures.put("rss_mb." + process.name(), process.rssBytes() / 1e6);
      figures.put("peak_rss_mb." + process.name(), process.peakRssBytes() / 1e6);
    }
    figures.put("rss_mb.kafka", broker.rssBytes() / 1e6);
  }

  /** Waits until every request seen has its outcome, for at most 3 minutes or 30 s without news. */
  private static void drain(Observer observer) throws InterruptedException {
    long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT.toMillis();
    long lastProgress = System.currentTimeMillis();
    long lastCount = -1;
    while (observer.outcomesSeen() < observer.requestsSeen()
        && System.currentTimeMillis() < deadline
        && System.currentTimeMillis() - lastProgress < DRAIN_STALL.toMillis()) {
      if (observer.outcomesSeen() != lastCount) {
        lastCount = observer.outcomesSeen();
        lastProgress = System.currentTimeMillis();
      }
      Thread.sleep(200);
    }
    // a last look: outcomes of requests the observer saw only now
    Thread.sleep(1000);
    System.out.printf(
        "drained: %d requests, %d outcomes%n", observer.requestsSeen(), observer.outcomesSeen());
  }
}
