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
import java.util.stream.Collectors;

/**
 * One {@code bench/run pipeline} invocation's settings.
 *
 * @param http load over HTTP (wrk → send-intake) rather than a Kafka producer → send.requests
 * @param fastProvider the in-process fast provider ({@code dev.cascade.bench.fast}: the script,
 *     no HTTP, reports straight to dlr.raw) instead of provider-sim and dlr-ingest
 * @param rate offered messages a second (open loop) of this run
 * @param rates every rate this invocation offers, one after the other (--rate 25,50,100)
 * @param search instead of {@code rates}, search for the highest rate holding p99 request → first
 *     command ≤ 1 s ({@code --search LOW,HIGH}); null when the rates are given
 * @param instances fallback-timer and channel-workers instances (more than one: separate layout)
 * @param rawRecords at most this many records for the raw ceiling (which also stops after 10 s)
 */
record PipelineConfig(
    boolean http,
    boolean fastProvider,
    Layout layout,
    int rate,
    List<Integer> rates,
    SearchRange search,
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
                                [--rate N[,N...] | --search LOW,HIGH [--search-step N]]
                                [--warmup S] [--steady S] [--runs N] [--partitions N] [--instances N]
                                [--profile true]
                                [--jvm-opts "-Xmx1g ..."] [--raw-records N] [--wrk-threads N]
                                [--wrk-connections N] [--name NAME]
        defaults: --load kafka --provider sim --layout all-in-one --rate 50 --warmup 30 --steady 60 --runs 3
                  --partitions 6 --instances 1 --raw-records 2000000 --wrk-threads 2 --wrk-connections 32
                  --search-step 25""";

  /**
   * {@code --search LOW,HIGH}: bisect for the highest rate whose runs hold p99 request → first
   * command ≤ 1 s, to within {@code step} msg/s.
   */
  record SearchRange(int low, int high, int step) {
    SearchRange {
      RatePlan.Search.check(low, high, step);
    }
  }

  static PipelineConfig parse(String[] args) {
    Options options = new Options(
        args,
        Set.of(
            "load",
            "provider",
            "layout",
            "rate",
            "search",
            "search-step",
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
    List<Integer> rates = wholeNumbers(options.string("rate", "50"), "--rate");
    SearchRange search = null;
    if (!options.string("search", "").isEmpty()) {
      if (!options.string("rate", "").isEmpty()) {
        throw new IllegalArgumentException("--rate and --search exclude each other\n" + USAGE);
      }
      List<Integer> bounds = wholeNumbers(options.string("search", ""), "--search");
      if (bounds.size() != 2) {
        throw new IllegalArgumentException("--search takes LOW,HIGH\n" + USAGE);
      }
      search = new SearchRange(bounds.get(0), bounds.get(1), options.integer("search-step", 25));
      rates = List.of(search.low());
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
        search,
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

  private static List<Integer> wholeNumbers(String commaSeparated, String option) {
    try {
      return Arrays.stream(commaSeparated.split(","))
          .map(String::trim)
          .map(Integer::parseInt)
          .toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " takes whole numbers, comma-separated\n" + USAGE);
    }
  }

  /** The rates this invocation offers: the list given, or the search's probes. */
  RatePlan plan() {
    return search == null
        ? new RatePlan.Fixed(rates)
        : new RatePlan.Search(search.low(), search.high(), search.step());
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
        search,
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
        "bench/run pipeline --load %s%s --layout %s %s --warmup %d --steady %d --runs %d"
            + " --partitions %d%s%s",
        http ? "http" : "kafka",
        fastProvider ? " --provider fast" : "",
        layout.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        search == null
            ? "--rate " + rates.stream().map(String::valueOf).collect(Collectors.joining(","))
            : String.format(
                Locale.ROOT,
                "--search %d,%d --search-step %d",
                search.low(),
                search.high(),
                search.step()),
        warmup.toSeconds(),
        steady.toSeconds(),
        runs,
        partitions,
        instances > 1 ? " --instances " + instances : "",
        profile ? " --profile true" : "");
  }
}
