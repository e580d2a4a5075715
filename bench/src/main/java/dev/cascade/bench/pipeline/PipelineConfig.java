package dev.cascade.bench.pipeline;

import dev.cascade.bench.Options;
import dev.cascade.bench.stack.Stack;
import dev.cascade.bench.stack.Stack.Layout;
import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelTraits;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code bench/run pipeline} invocation's settings.
 *
 * @param http load over HTTP (wrk → send-intake) rather than a Kafka producer → send.requests
 * @param fastProvider the in-process fast provider ({@code dev.cascade.bench.fast}: the script,
 *     no HTTP, reports straight to dlr.raw) instead of provider-sim and dlr-ingest
 * @param rate offered messages a second (open loop) of this run
 * @param rates every rate this invocation offers, one after the other (--rate 25,50,100)
 * @param instances fallback-timer and channel-workers instances (more than one: separate layout)
 * @param rawRecords at most this many records for the raw ceiling (which also stops after 10 s)
 */
record PipelineConfig(
    boolean http,
    boolean fastProvider,
    Layout layout,
    int rate,
    List<Integer> rates,
    Duration warmup,
    Duration steady,
    int runs,
    int partitions,
    int instances,
    boolean profile,
    List<String> jvmOptions,
    long rawRecords,
    int wrkThreads,
    int wrkConnections,
    String name) {

  static final String USAGE = """
      usage: bench/run pipeline [--load kafka|http] [--provider sim|fast] [--layout all-in-one|separate]
                                [--rate N[,N...]]
                                [--warmup S] [--steady S] [--runs N] [--partitions N] [--instances N]
                                [--profile true]
                                [--jvm-opts "-Xmx1g ..."] [--raw-records N] [--wrk-threads N]
                                [--wrk-connections N] [--name NAME]
        defaults: --load kafka --provider sim --layout all-in-one --rate 50 --warmup 30 --steady 60 --runs 3
                  --partitions 6 --instances 1 --raw-records 2000000 --wrk-threads 2 --wrk-connections 32""";

  static PipelineConfig parse(String[] args) {
    Options options = new Options(
        args,
        Set.of(
            "load",
            "provider",
            "layout",
            "rate",
            "warmup",
            "steady",
            "runs",
            "partitions",
            "instances",
            "profile",
            "jvm-opts",
            "raw-records",
            "wrk-threads",
            "wrk-connections",
            "name"),
        USAGE);
    boolean http = options.choice("load", "kafka", List.of("kafka", "http")).equals("http");
    boolean fast = options.choice("provider", "sim", List.of("sim", "fast")).equals("fast");
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
    String name = options.string("name", defaultName(http, layout, fast));
    int instances = options.integer("instances", 1);
    if (instances > 1 && layout != Layout.SEPARATE) {
      throw new IllegalArgumentException("--instances needs --layout separate\n" + USAGE);
    }
    String defaultJvm = layout == Layout.ALL_IN_ONE ? "-Xmx2g" : "-Xmx1g";
    return new PipelineConfig(
        http,
        fast,
        layout,
        rates.get(0),
        rates,
        options.seconds("warmup", 30),
        options.seconds("steady", 60),
        options.integer("runs", 3),
        options.integer("partitions", 6),
        instances,
        options.flag("profile"),
        options.list("jvm-opts", defaultJvm),
        options.integer("raw-records", 2_000_000),
        options.integer("wrk-threads", 2),
        options.integer("wrk-connections", 32),
        name);
  }

  private static String defaultName(boolean http, Layout layout, boolean fast) {
    return "pipeline-" + (http ? "http" : "kafka") + "-"
        + layout.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + (fast ? "-fast" : "");
  }

  /**
   * A run given its own {@code --name} is an experiment (a scaling comparison, a setting tried):
   * its report is written, but latest.json keeps the figures of the standard runs.
   */
  boolean experiment() {
    return !name.equals(defaultName(http, layout, fastProvider));
  }

  /** This configuration at one of its rates. */
  PipelineConfig withRate(int offered) {
    return new PipelineConfig(
        http,
        fastProvider,
        layout,
        offered,
        rates,
        warmup,
        steady,
        runs,
        partitions,
        instances,
        profile,
        jvmOptions,
        rawRecords,
        wrkThreads,
        wrkConnections,
        name);
  }

  /**
   * The services this run starts: with the fast provider neither provider-sim nor dlr-ingest
   * (its reports go straight to dlr.raw), and send-intake only for HTTP load.
   */
  List<Stack.Service> services() {
    return Arrays.stream(Stack.Service.values())
        .filter(service -> !fastProvider
            || (service != Stack.Service.PROVIDER_SIM && service != Stack.Service.DLR_INGEST))
        .filter(service -> http || !fastProvider || service != Stack.Service.SEND_INTAKE)
        .toList();
  }

  /** Settings on top of the stack's: every channel over the fast provider when it is chosen. */
  Map<String, String> extraSettings() {
    Map<String, String> settings = new HashMap<>();
    if (fastProvider) {
      for (ChannelTraits traits : ChannelCatalogue.all()) {
        settings.put("channel." + traits.slug() + ".providers", "fast");
      }
    }
    return settings;
  }

  /**
   * Which of latest.json's pipeline keys this run fills (issue 9's two paths): {@code kafka},
   * the pipeline's own ceiling with the in-process fast provider; {@code http}, the provider-sim
   * path, where every provider call and report is HTTP.
   */
  String path() {
    return fastProvider ? "kafka" : "http";
  }

  /** The command line that reproduces this invocation (every rate). */
  String command() {
    return String.format(
        Locale.ROOT,
        "bench/run pipeline --load %s%s --layout %s --rate %s --warmup %d --steady %d --runs %d"
            + " --partitions %d%s%s",
        http ? "http" : "kafka",
        fastProvider ? " --provider fast" : "",
        layout.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        rates.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
        warmup.toSeconds(),
        steady.toSeconds(),
        runs,
        partitions,
        instances > 1 ? " --instances " + instances : "",
        profile ? " --profile true" : "");
  }
}
