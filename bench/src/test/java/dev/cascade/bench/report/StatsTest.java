package dev.cascade.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = Stats.sorted(new long[] {5, 1, 4, 2, 3, 10, 9, 8, 7, 6});
    assertThat(Stats.percentile(sorted, 0.5)).isEqualTo(5);
    assertThat(Stats.percentile(sorted, 0.99)).isEqualTo(10);
    assertThat(Stats.percentile(sorted, 0.1)).isEqualTo(1);
    assertThat(Stats.percentile(new long[0], 0.99)).isEqualTo(-1);
  }

  @Test
  void medianOfOddAndEvenCountsIgnoringMissingValues() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    assertThat(Stats.median(Arrays.asList(null, 7.0))).isEqualTo(7.0);
    assertThat(Stats.median(List.of())).isNull();
  }
}
