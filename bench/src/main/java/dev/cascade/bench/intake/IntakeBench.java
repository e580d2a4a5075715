package dev.cascade.bench.intake;

import dev.cascade.bench.Options;
import dev.cascade.bench.load.Wrk;
import dev.cascade.bench.process.JvmProcess;
import dev.cascade.bench.process.KafkaBroker;
import dev.cascade.bench.report.Machine;
import dev.cascade.bench.report.Results;
import dev.cascade.bench.report.RunTable;
import dev.cascade.bench.stack.Stack;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bench/run intake}: send-intake alone (its own JVM, a standalone broker) under wrk POSTing
 * the benchmark mix: first as fast as wrk can (the ceiling of requests a second answered 202), then
 * at a fixed rate (latency POST → 202, which includes Kafka's acks=all acknowledgement). Only the
 * intake runs, so nothing reads send.requests.
 */
public final class IntakeBench {

  private static final String USAGE = """
      usage: bench/run intake [--rate N] [--duration S] [--warmup S] [--runs N] [--threads N]
                              [--connections N] [--jvm-opts "-Xmx1g"]
        defaults: --rate 5000 --duration 30 --warmup 15 --runs 3 --threads 2 --connections 64""";

  private IntakeBench() {}

  record Config(
      int rate,
      Duration duration,
      Duration warmup,
      int runs,
      int threads,
      int connections,
      List<String> jvmOptions) {

    String command() {
      return String.format(
          Locale.ROOT,
          "bench/run intake --rate %d --duration %d --warmup %d --runs %d --threads %d"
              + " --connections %d",
          rate,
          duration.toSeconds(),
          warmup.toSeconds(),
          runs,
          threads,
          connections);
    }
  }

  public static void main(String[] args) throws Exception {
    Config config;
    try {
      Options options = new Options(
          args,
          Set.of("rate", "duration", "warmup", "runs", "threads", "connections", "jvm-opts"),
          USAGE);
      config = new Config(
          options.integer("rate", 5000),
          options.seconds("duration", 30),
          options.seconds("warmup", 15),
          options.integer("runs", 3),
          options.integer("threads", 2),
          options.integer("connections", 64),
          options.list("jvm-opts", "-Xmx1g"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path root = Path.of("").toAbsolutePath();
    String machine = Machine.describe();
    System.out.printf("%s%nmachine: %s%n", config.command(), machine);
    List<Map<String, Double>> runs = new ArrayList<>();
    for (int run = 1; run <= config.runs(); run++) {
      System.out.printf("%n== run %d of %d%n", run, config.runs());
      Optional<Map<String, Double>> figures = runOnce(config, root, run);
      if (figures.isEmpty()) {
        System.out.println("SKIPPED: wrk is missing; nothing recorded");
        System.exit(3);
      }
      runs.add(figures.get());
      System.out.println(RunTable.table(List.of(figures.get())));
    }
    Map<String, Double> medians = RunTable.medians(runs);
    String report = "Cascade send-intake benchmark\ncommand:  " + config.command()
        + "\nmachine:  " + machine
        + "\nsetup:    send-intake alone in its own JVM (" + String.join(" ", config.jvmOptions())
        + "), a standalone broker (bin/cascade kafka), wrk on the same machine (" + config.threads()
        + " threads, " + config.connections() + " connections) POSTing the pipeline mix;"
        + " intake.rate.per.second lifted to " + Stack.PROVIDER_RATE + " (default 500)"
        + "\nphases:   warm-up " + config.warmup().toSeconds() + " s as fast as possible; "
        + config.duration().toSeconds() + " s as fast as possible (max_*); "
        + config.duration().toSeconds() + " s at " + config.rate() + " requests/s (fixed_*)"
        + "\nruns:     " + runs.size() + " (each on a fresh broker); the median first\n\n"
        + RunTable.table(runs);
    Results results = Results.here();
    Path file = results.writeReport("intake", report);
    Map<String, Double> json = new LinkedHashMap<>();
    Map<String, String> notes = new LinkedHashMap<>();
    json.put("intake_requests_per_s", medians.get("max_accepted_per_s"));
    notes.put(
        "intake_requests_per_s",
        "202 answers a second, wrk as fast as it can (" + config.connections()
            + " connections), median of " + runs.size() + " runs; wrk shares the 2 cores");
    boolean fixedRateReached = medians.get("fixed_requests_per_s") >= 0.97 * config.rate();
    String p99Key = "intake_p99_ms_at_" + config.rate() + "_rps";
    json.put(p99Key, medians.get("fixed_p99_ms"));
    notes.put(
        p99Key,
        "POST → 202 (after Kafka acks=all), wrk on a fixed schedule, median of " + runs.size()
            + " runs"
            + (fixedRateReached
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; the rate was NOT reached (%.0f/s offered): closed-loop wrk waited on slow"
                        + " answers, so this p99 is of the rate reached",
                    medians.get("fixed_requests_per_s"))));
    json.put("intake_p50_ms_at_" + config.rate() + "_rps", medians.get("fixed_p50_ms"));
    json.put("intake_cpu_ms_per_request", medians.get("max_cpu_ms_per_request.send-intake"));
    Path latest = results.update(json, notes, config.command(), machine);
    System.out.printf("%n%s%nwrote %s and %s%n", report, file, latest);
    System.exit(0);
  }

  private static Optional<Map<String, Double>> runOnce(Config config, Path root, int number)
      throws Exception {
    Path runDir =
        KafkaBroker.runDirectory(root.resolve("bench/target/runs"), "intake-run" + number);
    Optional<Wrk> wrk = Wrk.find(runDir);
    if (wrk.isEmpty()) {
      return Optional.empty();
    }
    System.out.printf("run directory (logs): %s%n", root.relativize(runDir));
    Map<String, Double> figures = new LinkedHashMap<>();
    try (KafkaBroker broker = KafkaBroker.start(root, runDir)) {
      TopicAdmin.ensureTopics(
          new KafkaSettings(broker.bootstrapServers(), 6, (short) 1), new CascadeTopics());
      try (Stack stack = Stack.start(
          Stack.Layout.SEPARATE,
          List.of(Stack.Service.SEND_INTAKE),
          broker.bootstrapServers(),
          6,
          runDir,
          config.jvmOptions())) {
        String url = "http://localhost:" + stack.port(Stack.Service.SEND_INTAKE);
        JvmProcess intake = stack.processes().get(0);
        figures.put("load_avg_1m_start", Double.parseDouble(Machine.loadAverage()));
        System.out.printf("warm-up: as fast as possible for %s%n", config.warmup());
        wrk(config, wrk.get(), url, config.warmup(), "warm", 0, runDir, intake, broker, null);
        System.out.printf("max: as fast as possible for %s%n", config.duration());
        wrk(config, wrk.get(), url, config.duration(), "max", 0, runDir, intake, broker, figures);
        System.out.printf("fixed: %d requests/s for %s%n", config.rate(), config.duration());
        wrk(
            config,
            wrk.get(),
            url,
            config.duration(),
            "fixed",
            config.rate(),
            runDir,
            intake,
            broker,
            figures);
        figures.put("load_avg_1m_end", Double.parseDouble(Machine.loadAverage()));
        figures.put("rss_mb.send-intake", intake.rssBytes() / 1e6);
        figures.put("live_heap_mb.send-intake", intake.liveHeapBytes() / 1e6);
      }
    }
    return Optional.of(figures);
  }

  private static void wrk(
      Config config,
      Wrk wrk,
      String url,
      Duration duration,
      String phase,
      int rate,
      Path runDir,
      JvmProcess intake,
      KafkaBroker broker,
      Map<String, Double> figures) {
    long intakeCpu = intake.cpuMillis();
    long brokerCpu = broker.process().cpuMillis();
    Wrk.Result result = wrk.run(
        url,
        config.threads(),
        config.connections(),
        duration,
        phase,
        rate,
        runDir.resolve("wrk.log"));
    if (figures == null) {
      return;
    }
    double accepted = Math.max(1, result.accepted());
    figures.put(phase + "_requests_per_s", result.requestsPerSecond());
    figures.put(phase + "_accepted_per_s", result.accepted() / result.seconds());
    figures.put(phase + "_errors", (double) (result.statusErrors() + result.socketErrors()));
    figures.put(phase + "_p50_ms", result.p50Micros() / 1000.0);
    figures.put(phase + "_p90_ms", result.p90Micros() / 1000.0);
    figures.put(phase + "_p99_ms", result.p99Micros() / 1000.0);
    figures.put(phase + "_p999_ms", result.p999Micros() / 1000.0);
    figures.put(phase + "_max_ms", result.maxMicros() / 1000.0);
    figures.put(
        phase + "_cpu_ms_per_request.send-intake", (intake.cpuMillis() - intakeCpu) / accepted);
    figures.put(
        phase + "_cpu_ms_per_request.kafka", (broker.process().cpuMillis() - brokerCpu) / accepted);
  }
}
