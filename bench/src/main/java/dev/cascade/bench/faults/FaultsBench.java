package dev.cascade.bench.faults;

import dev.cascade.bench.report.Machine;
import dev.cascade.bench.report.Results;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run faults}: the fault suite at full size (bench/README.md says what each figure
 * means). Writes {@code bench/results/<date>-<name>.txt} and the headline figures into
 * latest.json.
 */
public final class FaultsBench {

  private FaultsBench() {}

  public static void main(String[] args) throws Exception {
    FaultConfig config;
    try {
      config = FaultConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path root = Path.of("").toAbsolutePath();
    String machine = Machine.describe();
    System.out.printf("%s%nmachine: %s%n", config.command(), machine);
    String loadBefore = Machine.loadAverage();
    FaultSuite.Result result = new FaultSuite(config, root).execute();
    String report = report(config, machine, loadBefore, Machine.loadAverage(), result);
    Results results = Results.here();
    Path file = results.writeReport(config.name(), report);
    System.out.printf("%n%s%nwrote %s%n", report, file);
    Map<String, Double> json = new LinkedHashMap<>();
    for (String key : List.of(
        "messages",
        "lost",
        "duplicate_outcomes",
        "spurious_fallbacks",
        "duplicate_provider_sends",
        "accepted_not_stored")) {
      json.put("faults_" + key, result.figures().get(key));
    }
    Map<String, String> notes = Map.of(
        "faults_spurious_fallbacks",
        "step k+1 sent although dlr-ingest had taken step k's DELIVERED report before its timer"
            + " was due; " + config.messages() + " messages, every service killed once, broker"
            + " restarted once (bench/README.md)");
    System.out.println("wrote " + results.update(json, notes, config.command(), machine));
    System.exit(0);
  }

  static String report(
      FaultConfig config,
      String machine,
      String loadBefore,
      String loadAfter,
      FaultSuite.Result result) {
    StringBuilder text = new StringBuilder();
    text.append(config.command()).append('\n');
    text.append("machine: ").append(machine).append('\n');
    text.append("load average (1 min) at start ")
        .append(loadBefore)
        .append(", at end ")
        .append(loadAfter)
        .append('\n');
    text.append(String.format(
        "each service its own JVM (%s), a standalone broker, two fallback-timer instances;"
            + " WhatsApp → RCS → SMS, afterSeconds %d per step, late WhatsApp deliveries %d s"
            + " after the send; each killed process down %d s; fallback-timer's timer.max.hold %s%n%n",
        String.join(" ", config.jvmOptions()),
        config.afterSeconds(),
        config.lateDelaySeconds(),
        config.downtime().toSeconds(),
        config.maxHold().isEmpty() ? "its default (60 s)" : config.maxHold() + " s"));
    text.append("faults (t = seconds after the load started):\n");
    for (FaultSuite.Injected fault : result.faults()) {
      text.append(String.format(
          "  t=%6.1f  %-60s recovery %6.1f s %s%n",
          fault.atMillis() / 1000.0,
          fault.fault().description,
          fault.recoverySeconds(),
          fault.note()));
    }
    text.append("\nfigures:\n");
    result
        .figures()
        .forEach((key, value) -> text.append(String.format(
            "  %-40s %s%n",
            key,
            value == null
                ? "-"
                : value == Math.rint(value)
                    ? String.valueOf(value.longValue())
                    : String.format("%.1f", value))));
    if (!result.detail().isEmpty()) {
      text.append("\nexamples:\n");
      result.detail().forEach(line -> text.append("  ").append(line).append('\n'));
    }
    return text.toString();
  }
}
