package dev.cascade.bench.report;

import java.util.Arrays;
import java.util.List;

/** Percentiles and medians, nearest-rank, over exact samples (no histogram buckets). */
public final class Stats {

  private Stats() {}

  /** The nearest-rank {@code quantile} (0 < q ≤ 1) of {@code sorted}; -1 when it is empty. */
  public static long percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** {@code values} sorted, as a new array. */
  public static long[] sorted(long[] values) {
    long[] copy = Arrays.copyOf(values, values.length);
    Arrays.sort(copy);
    return copy;
  }

  /** The median of {@code values} (the mean of the middle two for an even count); null when empty. */
  public static Double median(List<Double> values) {
    double[] sorted = values.stream()
        .filter(v -> v != null)
        .mapToDouble(Double::doubleValue)
        .sorted()
        .toArray();
    if (sorted.length == 0) {
      return null;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
