package dev.cascade.bench.pipeline;

import dev.cascade.bench.load.Mix;
import dev.cascade.bench.process.JvmProcess;
import dev.cascade.bench.report.Stats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A run's figures from what the observer saw, the CPU counters and the offsets written. */
final class RunFigures {

  /** The steady window, epoch milliseconds, end excluded. */
  record Window(long from, long to) {
    boolean contains(long millis) {
      return millis >= from && millis < to;
    }

    double seconds() {
      return (to - from) / 1000.0;
    }
  }

  private RunFigures() {}

  static long requestsIn(Map<String, Observer.Track> tracks, Window window) {
    return tracks.values().stream().filter(t -> window.contains(t.requestAt)).count();
  }

  /**
   * Requests and outcomes a second in the window; latencies of the window's requests: request →
   * first command and request → outcome (p50, p99, p99.9, max), and per scenario in the detail.
   */
  static void throughputAndLatency(
      Map<String, Observer.Track> tracks,
      Window window,
      Map<String, Double> figures,
      StringBuilder detail) {
    long requests = 0;
    long outcomes = 0;
    List<Long> firstCommand = new ArrayList<>();
    List<Long> outcome = new ArrayList<>();
    Map<Mix.Scenario, List<Long>> byScenario = new EnumMap<>(Mix.Scenario.class);
    for (var entry : tracks.entrySet()) {
      Observer.Track track = entry.getValue();
      if (window.contains(track.outcomeAt)) {
        outcomes++;
      }
      if (!window.contains(track.requestAt)) {
        continue;
      }
      requests++;
      if (track.firstCommandAt >= 0) {
        firstCommand.add(track.firstCommandAt - track.requestAt);
      }
      if (track.outcomeAt >= 0) {
        long latency = track.outcomeAt - track.requestAt;
        outcome.add(latency);
        byScenario
            .computeIfAbsent(Mix.scenarioOf(entry.getKey()), s -> new ArrayList<>())
            .add(latency);
      }
    }
    figures.put("requests_in_window", (double) requests);
    figures.put("requests_per_s", requests / window.seconds());
    figures.put("outcomes_per_s", outcomes / window.seconds());
    percentiles("first_command", firstCommand, figures);
    percentiles("outcome", outcome, figures);
    detail.append("request → outcome by scenario, ms (steady window):\n");
    byScenario.forEach((scenario, latencies) -> {
      long[] sorted = sorted(latencies);
      detail.append(String.format(
          "  %-20s %7d messages  p50 %6d  p99 %6d  max %6d%n",
          scenario,
          sorted.length,
          Stats.percentile(sorted, 0.50),
          Stats.percentile(sorted, 0.99),
          Stats.percentile(sorted, 1.0)));
    });
  }

  private static void percentiles(String name, List<Long> values, Map<String, Double> figures) {
    long[] sorted = sorted(values);
    figures.put(name + "_p50_ms", (double) Stats.percentile(sorted, 0.50));
    figures.put(name + "_p99_ms", (double) Stats.percentile(sorted, 0.99));
    figures.put(name + "_p999_ms", (double) Stats.percentile(sorted, 0.999));
    figures.put(name + "_max_ms", (double) Stats.percentile(sorted, 1.0));
  }

  private static long[] sorted(List<Long> values) {
    return Stats.sorted(values.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * Every request exactly one outcome, the one its scenario scripts: requests seen, requests the
   * load generator had accepted, outcomes missing, doubled, unexpected, or without a request.
   */
  static void correctness(
      Map<String, Observer.Track> tracks, long loadAccepted, Map<String, Double> figures) {
    long requests = 0;
    long missing = 0;
    long doubled = 0;
    long unexpected = 0;
    long orphans = 0;
    for (Observer.Track track : tracks.values()) {
      if (track.requestAt >= 0) {
        requests++;
        if (track.outcomes == 0) {
          missing++;
        }
      } else if (track.outcomes > 0 || track.firstCommandAt >= 0) {
        orphans++;
      }
      if (track.outcomes > 1) {
        doubled++;
      }
      if (track.unexpected) {
        unexpected++;
      }
    }
    figures.put("requests_total", (double) requests);
    figures.put("load_accepted_total", (double) loadAccepted);
    figures.put("outcomes_missing", (double) missing);
    figures.put("outcomes_doubled", (double) doubled);
    figures.put("outcomes_unexpected", (double) unexpected);
    figures.put("outcomes_without_request", (double) orphans);
  }

  /** CPU ms per message of the window's requests, and cores busy on average, per process. */
  static void cpu(
      Map<String, Long> before,
      Map<String, Long> after,
      long messages,
      Window window,
      List<JvmProcess> services,
      Map<String, Double> figures) {
    long servicesTotal = 0;
    for (String name : before.keySet()) {
      long used = after.get(name) - before.get(name);
      figures.put("cpu_ms_per_msg." + name, (double) used / messages);
      figures.put("cpu_cores." + name, used / 1000.0 / window.seconds());
      if (services.stream().anyMatch(p -> p.name().equals(name))) {
        servicesTotal += used;
      }
    }
    figures.put("cpu_ms_per_msg.services", (double) servicesTotal / messages);
  }

  /**
   * Offsets written per message over the whole run (warm-up, steady and drain), by kind of topic,
   * with the per-topic table in the detail.
   */
  static void recordsWritten(
      Map<String, Long> written, long messages, Map<String, Double> figures, StringBuilder detail) {
    Map<String, Long> byKind = new TreeMap<>();
    long total = 0;
    detail.append("offsets written per message (whole run, incl. transaction markers):\n");
    for (var entry : written.entrySet()) {
      String kind = entry.getKey().startsWith("__")
          ? "kafka_internal"
          : entry.getKey().startsWith("cascade-") ? "streams_internal" : "cascade_topics";
      byKind.merge(kind, entry.getValue(), Long::sum);
      total += entry.getValue();
      detail.append(
          String.format("  %-60s %8.2f%n", entry.getKey(), (double) entry.getValue() / messages));
    }
    figures.put("records_per_msg", (double) total / messages);
    byKind.forEach(
        (kind, count) -> figures.put("records_per_msg." + kind, (double) count / messages));
  }
}
