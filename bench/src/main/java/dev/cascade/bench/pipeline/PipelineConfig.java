package dev.cascade.bench.pipeline;

import dev.cascade.bench.Options;
import dev.cascade.bench.stack.Stack.Layout;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code bench/run pipeline} invocation's settings.
 *
 * @param http load over HTTP (wrk → send-intake) rather than a Kafka producer → send.requests
 * @param rate offered messages a second (open loop) of this run
 * @param rates every rate this invocation offers, one after the other (--rate 25,50,100)
 * @param rawRecords at most this many records for the raw ceiling (which also stops after 10 s)
 */
record PipelineConfig(
    boolean http,
    Layout layout,
    int rate,
    List<Integer> rates,
    Duration warmup,
    Duration steady,
    int runs,
    int partitions,
    boolean profile,
    List<String> jvmOptions,
    long rawRecords,
    int wrkThreads,
    int wrkConnections,
    String name) {

  static final String USAGE = """
      usage: bench/run pipeline [--load kafka|http] [--layout all-in-one|separate] [--rate N[,N...]]
                                [--warmup S] [--steady S] [--runs N] [--partitions N] [--profile true]
                                [--jvm-opts "-Xmx1g ..."] [--raw-records N] [--wrk-threads N]
                                [--wrk-connections N] [--name NAME]
        defaults: --load kafka --layout all-in-one --rate 50 --warmup 30 --steady 60 --runs 3
                  --partitions 6 --raw-records 2000000 --wrk-threads 2 --wrk-connections 32""";

  static PipelineConfig parse(String[] args) {
    Options options = new Options(
        args,
        Set.of(
            "load",
            "layout",
            "rate",
            "warmup",
            "steady",
            "runs",
            "partitions",
            "profile",
            "jvm-opts",
            "raw-records",
            "wrk-threads",
            "wrk-connections",
            "name"),
        USAGE);
    boolean http = options.choice("load", "kafka", List.of("kafka", "http")).equals("http");
    Layout layout = Layout.valueOf(options
        .choice("layout", "all-in-one", List.of("all-in-one", "separate"))
        .toUpperCase(Locale.ROOT)
        .replace('-', '_'));
    List<Integer> rates;
    try {
      rates = Arrays.stream(options.string("rate", "50").split(","))
          .map(String::trim)
          .map(Integer::parseInt)
          .toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rate takes whole numbers, comma-separated\n" + USAGE);
    }
    String name = options.string(
        "name",
        "pipeline-" + (http ? "http" : "kafka") + "-"
            + layout.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    String defaultJvm = layout == Layout.ALL_IN_ONE ? "-Xmx2g" : "-Xmx1g";
    return new PipelineConfig(
        http,
        layout,
        rates.get(0),
        rates,
        options.seconds("warmup", 30),
        options.seconds("steady", 60),
        options.integer("runs", 3),
        options.integer("partitions", 6),
        options.flag("profile"),
        options.list("jvm-opts", defaultJvm),
        options.integer("raw-records", 2_000_000),
        options.integer("wrk-threads", 2),
        options.integer("wrk-connections", 32),
        name);
  }

  /** This configuration at one of its rates. */
  PipelineConfig withRate(int offered) {
    return new PipelineConfig(
        http,
        layout,
        offered,
        rates,
        warmup,
        steady,
        runs,
        partitions,
        profile,
        jvmOptions,
        rawRecords,
        wrkThreads,
        wrkConnections,
        name);
  }

  /** The command line that reproduces this invocation (every rate). */
  String command() {
    return String.format(
        Locale.ROOT,
        "bench/run pipeline --load %s --layout %s --rate %s --warmup %d --steady %d --runs %d"
            + " --partitions %d%s",
        http ? "http" : "kafka",
        layout.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        rates.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
        warmup.toSeconds(),
        steady.toSeconds(),
        runs,
        partitions,
        profile ? " --profile true" : "");
  }
}
