package dev.cascade.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class RatePlanTest {

  /** Runs a plan against a pipeline whose verdict at each rate is {@code holds}. */
  private static List<Integer> drive(RatePlan plan, IntPredicate holds) {
    List<Integer> offered = new ArrayList<>();
    for (OptionalInt rate = plan.next(); rate.isPresent(); rate = plan.next()) {
      offered.add(rate.getAsInt());
      plan.record(rate.getAsInt(), holds.test(rate.getAsInt()));
      assertThat(offered).as("a search ends").hasSizeLessThan(50);
    }
    return offered;
  }

  @Test
  void fixedPlanOffersEachRateOnceWhateverItShows() {
    RatePlan plan = new RatePlan.Fixed(List.of(300, 500, 200));

    assertThat(drive(plan, rate -> false)).containsExactly(300, 500, 200);
    assertThat(RatePlan.describe(plan.probes())).isEqualTo("300 missed, 500 missed, 200 missed");
  }

  @Test
  void searchBisectsToWithinOneStepOfTheCeiling() {
    RatePlan.Search search = new RatePlan.Search(100, 1000, 25);

    List<Integer> offered = drive(search, rate -> rate <= 437);

    assertThat(offered).containsExactly(100, 1000, 550, 325, 437, 493, 465, 451);
    assertThat(search.highestHeld()).hasValue(437);
    assertThat(search.finding())
        .isEqualTo("437 msg/s held, 451 missed (search between 100 and 1000, step 25)");
  }

  @Test
  void searchEndsAtOnceWhenTheLowEndMisses() {
    RatePlan.Search search = new RatePlan.Search(100, 1000, 25);

    assertThat(drive(search, rate -> false)).containsExactly(100);
    assertThat(search.highestHeld()).isEmpty();
    assertThat(search.finding()).isEqualTo("not even the low end (100 msg/s) held");
  }

  @Test
  void searchSaysSoWhenTheCeilingIsAboveTheRange() {
    RatePlan.Search search = new RatePlan.Search(100, 1000, 25);

    assertThat(drive(search, rate -> true)).containsExactly(100, 1000);
    assertThat(search.highestHeld()).hasValue(1000);
    assertThat(search.finding()).contains("ceiling is above the range");
  }

  @Test
  void searchRefusesAnEmptyRange() {
    assertThatThrownBy(() -> new RatePlan.Search(500, 500, 25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < LOW < HIGH");
    assertThatThrownBy(() -> new RatePlan.Search(100, 500, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
