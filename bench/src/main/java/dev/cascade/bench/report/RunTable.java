package dev.cascade.bench.report;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Figures of repeated runs: the median of each, and a table of the median and every run. */
public final class RunTable {

  private RunTable() {}

  /** Per figure, the median over the runs that have it (null when none has a value). */
  public static Map<String, Double> medians(List<Map<String, Double>> runs) {
    Set<String> keys = new LinkedHashSet<>();
    runs.forEach(run -> keys.addAll(run.keySet()));
    Map<String, Double> medians = new LinkedHashMap<>();
    for (String key : keys) {
      medians.put(key, Stats.median(runs.stream().map(run -> run.get(key)).toList()));
    }
    return medians;
  }

  /** One row per figure: the median, then each run. */
  public static String table(List<Map<String, Double>> runs) {
    Map<String, Double> medians = medians(runs);
    StringBuilder out = new StringBuilder(String.format("%-44s %12s", "figure", "median"));
    for (int i = 0; i < runs.size(); i++) {
      out.append(String.format(" %12s", "run " + (i + 1)));
    }
    out.append('\n');
    for (var entry : medians.entrySet()) {
      out.append(String.format("%-44s %12s", entry.getKey(), format(entry.getValue())));
      for (Map<String, Double> run : runs) {
        out.append(String.format(" %12s", format(run.get(entry.getKey()))));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Whole numbers as such, others to 3 significant digits (whole above 100); null as "-". */
  public static String format(Double value) {
    if (value == null) {
      return "-";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e12) {
      return String.format(Locale.ROOT, "%d", value.longValue());
    }
    return Math.abs(value) >= 100
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.3g", value);
  }
}
