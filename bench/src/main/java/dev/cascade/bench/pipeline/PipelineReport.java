package dev.cascade.bench.pipeline;

import dev.cascade.bench.report.RunTable;
import dev.cascade.bench.stack.Stack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human report of a pipeline benchmark and its figures for latest.json. */
final class PipelineReport {

  private PipelineReport() {}

  static String text(PipelineConfig config, String machine, List<PipelineRun.Outcome> outcomes) {
    Map<String, Double> medians = PipelineBench.medians(outcomes);
    StringBuilder out = new StringBuilder();
    out.append("Cascade pipeline benchmark\n");
    out.append("command:  ").append(config.command()).append('\n');
    out.append("machine:  ").append(machine).append('\n');
    out.append("layout:   ")
        .append(
            config.layout() == Stack.Layout.ALL_IN_ONE
                ? "all-in-one (every service in one JVM, each service's own main)"
                : "separate (one JVM per service, each service's own main)")
        .append(", JVM options ")
        .append(String.join(" ", config.jvmOptions()))
        .append("; a standalone broker in its own JVM (bin/cascade kafka, -Xmx1g), ")
        .append(config.partitions())
        .append(" partitions\n");
    out.append("load:     ")
        .append(
            config.http()
                ? String.format(
                    "wrk (%d threads, %d connections, fixed schedule) POSTing JSON to send-intake",
                    config.wrkThreads(), config.wrkConnections())
                : "a Kafka producer writing Avro SendRequests to send.requests (open loop)")
        .append(String.format(
            " at %d msg/s; warm-up %d s, then a steady window of %d s (measured), then drain%n",
            config.rate(), config.warmup().toSeconds(), config.steady().toSeconds()));
    out.append("provider: ")
        .append(
            config.fastProvider()
                ? "the in-process fast provider (the script, no HTTP; reports straight to dlr.raw;"
                    + " no provider-sim, no dlr-ingest)"
                : "provider-sim over HTTP (each provider's real API), reports as webhooks to dlr-ingest")
        .append('\n');
    out.append(
        "mix:      WhatsApp → RCS → SMS; 50 % delivered on WhatsApp (…4000), 30 % on RCS (…1400),\n"
            + "          15 % on SMS (…1100), 5 % rejected everywhere (…1111); simulator report delay 200 ms\n");
    out.append("lifted:   provider.{meta,rbm,infobip}.rate.per.second=")
        .append(Stack.PROVIDER_RATE)
        .append(" (default 80 for meta, 50 for the others), intake.rate.per.second=")
        .append(Stack.PROVIDER_RATE)
        .append(" (default 500)\n");
    out.append("runs:     ")
        .append(outcomes.size())
        .append(" (each on a fresh broker); the median of the runs first\n");
    out.append("verdict:  ").append(verdict(config, medians)).append("\n\n");
    out.append(table(outcomes)).append('\n');
    for (int i = 0; i < outcomes.size(); i++) {
      out.append("run ")
          .append(i + 1)
          .append(":\n")
          .append(outcomes.get(i).detail())
          .append('\n');
    }
    return out.toString();
  }

  /** One row per figure: the median, then each run. */
  static String table(List<PipelineRun.Outcome> outcomes) {
    return RunTable.table(outcomes.stream().map(PipelineRun.Outcome::figures).toList());
  }

  /** A request → outcome p99 above this means a backlog, not the scripted path (~1 s). */
  static final double KEPT_UP_P99_MS = 10_000;

  /**
   * Whether the pipeline carried the offered rate: outcomes kept pace, every request ended, no
   * backlog at the end (drain under 10 s) nor during the window (outcome p99 under 10 s).
   */
  static boolean keptUp(PipelineConfig config, Map<String, Double> medians) {
    return medians.get("outcomes_per_s") >= 0.97 * config.rate()
        && medians.get("requests_per_s") >= 0.97 * config.rate()
        && medians.get("outcomes_missing") == 0
        && medians.get("outcome_p99_ms") < KEPT_UP_P99_MS
        && medians.get("drain_s") != null
        && medians.get("drain_s") < 10;
  }

  /** Issue 9's latency target for the rate search: p99 request → first command. */
  static final double FIRST_COMMAND_TARGET_P99_MS = 1_000;

  /** Kept up, and the first channel's command went out within the target for 99 % of requests. */
  static boolean holdsFirstCommandTarget(PipelineConfig config, Map<String, Double> medians) {
    return keptUp(config, medians)
        && medians.get("first_command_p99_ms") <= FIRST_COMMAND_TARGET_P99_MS;
  }

  /** The search's answer: the highest rate that held (0 when none did), with its probes. */
  static void searchFigure(
      PipelineConfig best,
      RatePlan.Search search,
      Map<String, Double> json,
      Map<String, String> notes) {
    String key = "pipeline_" + best.path() + "_max_msgs_per_s_first_command_p99_1s";
    json.put(key, (double) search.highestHeld().orElse(0));
    notes.put(
        key,
        String.format(
            Locale.ROOT,
            "the highest offered rate whose runs (median of %d) kept up with p99 request → first"
                + " command ≤ %.0f ms: %s; probes: %s; steady window %d s",
            best.runs(),
            FIRST_COMMAND_TARGET_P99_MS,
            search.finding(),
            RatePlan.describe(search.probes()),
            best.steady().toSeconds()));
  }

  private static String verdict(PipelineConfig config, Map<String, Double> medians) {
    return keptUp(config, medians)
        ? String.format(
            Locale.ROOT,
            "kept up with %d msg/s (every request ended, drained in %.1f s)",
            config.rate(),
            medians.get("drain_s"))
        : String.format(
            Locale.ROOT,
            "did NOT keep up with %d msg/s (outcomes %.0f/s, %.0f missing, outcome p99 %.1f s,"
                + " drain %s s): the figures are for an overloaded pipeline",
            config.rate(),
            medians.get("outcomes_per_s"),
            medians.get("outcomes_missing"),
            medians.get("outcome_p99_ms") / 1000,
            medians.get("drain_s") == null
                ? "-"
                : String.format(Locale.ROOT, "%.1f", medians.get("drain_s")));
  }

  /** The keys of latest.json this benchmark measures, with notes on how to read them. */
  static Map<String, Double> jsonFigures(
      PipelineConfig config,
      Map<String, Double> medians,
      int runs,
      List<RatePlan.Probe> probes,
      Map<String, String> notes) {
    String path = config.path();
    Map<String, Double> json = new LinkedHashMap<>();
    String rateKey = "pipeline_" + path + "_msgs_per_s";
    json.put(rateKey, medians.get("sustained_msgs_per_s"));
    notes.put(
        rateKey,
        String.format(
            Locale.ROOT,
            "median of %d runs at the highest offered rate carried (offered: %s msg/s), %s provider,"
                + " load over %s, layout %s, offered %d msg/s: %s; sustained = min(requests,"
                + " outcomes) a second in the steady window",
            runs,
            RatePlan.describe(probes),
            config.fastProvider() ? "in-process fast" : "provider-sim (HTTP)",
            config.http() ? "HTTP (wrk)" : "a Kafka producer",
            config.layout().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            config.rate(),
            verdict(config, medians)));
    json.put("raw_produce_records_per_s", medians.get("raw_produce_records_per_s"));
    notes.put(
        "raw_produce_records_per_s",
        String.format(
            Locale.ROOT,
            "one producer, acks=all, idempotent, linger 5 ms, %.0f-byte records, %d partitions;"
                + " consume %.0f records/s",
            medians.get("raw_record_bytes"),
            config.partitions(),
            medians.get("raw_consume_records_per_s")));
    for (String figure : List.of(
        "first_command_p50_ms",
        "first_command_p99_ms",
        "first_command_p999_ms",
        "outcome_p50_ms",
        "outcome_p99_ms",
        "outcome_p999_ms",
        "records_per_msg",
        "pipeline_to_raw_produce_ratio",
        "cpu_ms_per_msg.services",
        "cpu_ms_per_msg.kafka")) {
      json.put("pipeline_" + path + "_" + figure.replace('.', '_'), medians.get(figure));
    }
    if (!config.fastProvider()) {
      json.put("cpu_ms_per_message_http", medians.get("cpu_ms_per_msg.services"));
      notes.put(
          "cpu_ms_per_message_http",
          "CPU of every service JVM (not the broker, not the load generator) over the steady window"
              + " per request in it; layout "
              + config.layout().name().toLowerCase(Locale.ROOT).replace('_', '-')
              + ", median of " + runs + " runs");
    }
    return json;
  }
}
