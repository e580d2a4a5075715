package dev.cascade.bench.pipeline;

import dev.cascade.bench.report.Machine;
import dev.cascade.bench.report.Results;
import dev.cascade.bench.report.RunTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run pipeline}: the whole pipeline under an open-loop load of the {@link
 * dev.cascade.bench.load.Mix}, on a standalone broker, with the HTTP provider simulator; repeated
 * {@code --runs} times (a fresh broker each), reported as medians. See bench/README.md for what
 * each figure means.
 */
public final class PipelineBench {

  private PipelineBench() {}

  public static void main(String[] args) throws Exception {
    PipelineConfig config;
    try {
      config = PipelineConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path root = Path.of("").toAbsolutePath();
    String machine = Machine.describe();
    System.out.printf("%s%nmachine: %s%n", config.command(), machine);
    List<PipelineRun.Outcome> outcomes = new ArrayList<>();
    for (int run = 1; run <= config.runs(); run++) {
      System.out.printf("%n== run %d of %d%n", run, config.runs());
      var outcome = new PipelineRun(config, root, run).execute();
      if (outcome.isEmpty()) {
        System.out.println("SKIPPED: no HTTP load generator; nothing recorded");
        System.exit(3);
      }
      outcomes.add(outcome.get());
      System.out.println(PipelineReport.table(List.of(outcome.get())));
    }
    Results results = Results.here();
    String report = PipelineReport.text(config, machine, outcomes);
    Path file = results.writeReport(config.name(), report);
    outcomes.stream()
        .flatMap(o -> o.profile().stream())
        .reduce((a, b) -> a + "\n" + b)
        .ifPresent(profile -> System.out.println("profile: "
            + results.writeReport(
                "profile", "Profile of " + config.command() + "\n" + machine + "\n\n" + profile)));
    Map<String, Double> medians = medians(outcomes);
    Map<String, String> notes = new LinkedHashMap<>();
    Map<String, Double> json = PipelineReport.jsonFigures(config, medians, outcomes.size(), notes);
    Path latest = results.update(json, notes, config.command(), machine);
    System.out.printf("%n%s%nwrote %s and %s%n", report, file, latest);
    System.exit(0);
  }

  static Map<String, Double> medians(List<PipelineRun.Outcome> outcomes) {
    return RunTable.medians(outcomes.stream().map(PipelineRun.Outcome::figures).toList());
  }
}
