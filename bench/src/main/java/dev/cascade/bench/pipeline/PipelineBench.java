package dev.cascade.bench.pipeline;

import dev.cascade.bench.report.Machine;
import dev.cascade.bench.report.Results;
import dev.cascade.bench.report.RunTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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
    Results results = Results.here();
    StringBuilder report = new StringBuilder();
    StringBuilder profiles = new StringBuilder();
    List<String> failures = new ArrayList<>();
    PipelineConfig best = null;
    Map<String, Double> bestMedians = null;
    int bestRuns = 0;
    boolean bestKeptUp = false;
    RatePlan plan = config.plan();
    for (OptionalInt next = plan.next(); next.isPresent(); next = plan.next()) {
      int rate = next.getAsInt();
      PipelineConfig atRate = config.withRate(rate);
      List<PipelineRun.Outcome> outcomes = new ArrayList<>();
      for (int run = 1; run <= config.runs(); run++) {
        System.out.printf("%n== %d msg/s, run %d of %d%n", rate, run, config.runs());
        Optional<PipelineRun.Outcome> outcome;
        try {
          outcome = new PipelineRun(atRate, root, run).execute();
        } catch (Exception e) {
          // one failed run (a starved broker, a service that did not start) does not end the others
          System.out.printf("run FAILED: %s%n", e);
          failures.add(String.format("%d msg/s run %d: %s", rate, run, e.getMessage()));
          continue;
        }
        if (outcome.isEmpty()) {
          System.out.println("SKIPPED: no HTTP load generator; nothing recorded");
          System.exit(3);
        }
        outcomes.add(outcome.get());
        outcome.get().profile().ifPresent(profile -> profiles.append(profile).append('\n'));
        System.out.println(PipelineReport.table(List.of(outcome.get())));
      }
      if (outcomes.isEmpty()) {
        plan.record(rate, false); // a search goes on below a rate that could not even run
        continue;
      }
      Map<String, Double> medians = medians(outcomes);
      report.append(PipelineReport.text(atRate, machine, outcomes)).append('\n');
      boolean keptUp = PipelineReport.keptUp(atRate, medians);
      plan.record(
          rate,
          config.search() == null
              ? keptUp
              : PipelineReport.holdsFirstCommandTarget(atRate, medians));
      // the figures of latest.json: the highest rate that kept up (in a search too: the
      // sustained rate is its own figure), else the lowest offered
      if (best == null || keptUp && (!bestKeptUp || rate > best.rate())) {
        best = atRate;
        bestMedians = medians;
        bestRuns = outcomes.size();
        bestKeptUp = keptUp;
      }
    }
    String rates = "rates offered: " + RatePlan.describe(plan.probes()) + " ("
        + (config.search() == null
            ? "held = kept up"
            : "held = kept up and p99 request → first command ≤ "
                + (long) PipelineReport.FIRST_COMMAND_TARGET_P99_MS + " ms")
        + ")\n";
    report.insert(0, rates);
    if (plan instanceof RatePlan.Search search) {
      report.insert(0, "search: " + search.finding() + "\n");
    }
    if (!failures.isEmpty()) {
      report.append("failed runs (not in the medians):\n");
      failures.forEach(failure -> report.append("  ").append(failure).append('\n'));
    }
    if (best == null) {
      System.out.println("every run failed; nothing recorded\n" + report);
      System.exit(1);
    }
    Path file = results.writeReport(config.name(), report.toString());
    if (!profiles.isEmpty()) {
      System.out.println("profile: "
          + results.writeReport(
              "profile", "Profile of " + config.command() + "\n" + machine + "\n\n" + profiles));
    }
    System.out.printf("%n%s%nwrote %s%n", report, file);
    if (config.profile()) {
      System.out.println("not recorded in latest.json: a profiled run is not a measurement");
    } else if (config.experiment()) {
      System.out.println(
          "not recorded in latest.json: --name " + config.name() + " is an experiment");
    } else {
      Map<String, String> notes = new LinkedHashMap<>();
      Map<String, Double> json =
          PipelineReport.jsonFigures(best, bestMedians, bestRuns, plan.probes(), notes);
      if (plan instanceof RatePlan.Search search) {
        PipelineReport.searchFigure(best, search, json, notes);
      }
      System.out.println("wrote " + results.update(json, notes, config.command(), machine));
    }
    System.exit(0);
  }

  static Map<String, Double> medians(List<PipelineRun.Outcome> outcomes) {
    return RunTable.medians(outcomes.stream().map(PipelineRun.Outcome::figures).toList());
  }
}
