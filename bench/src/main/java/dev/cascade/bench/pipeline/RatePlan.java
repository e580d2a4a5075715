package dev.cascade.bench.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Which rates one {@code bench/run pipeline} invocation offers, one after the other: a given list
 * ({@code --rate 300,500}), or a search for the highest rate that holds the target ({@code
 * --search 100,1000}). Pure bookkeeping, so it is tested without a pipeline.
 */
interface RatePlan {

  /** The next rate to offer, or empty when the plan is done. */
  OptionalInt next();

  /** What the runs at {@code rate} showed: whether they held the target. */
  void record(int rate, boolean held);

  /** Every rate offered with its verdict, in order ("300 held, 600 missed"). */
  List<Probe> probes();

  record Probe(int rate, boolean held) {
    @Override
    public String toString() {
      return rate + (held ? " held" : " missed");
    }
  }

  static String describe(List<Probe> probes) {
    return probes.stream().map(Probe::toString).collect(Collectors.joining(", "));
  }

  /** The rates given, each once, whatever they show. */
  final class Fixed implements RatePlan {
    private final Iterator<Integer> rates;
    private final List<Probe> probes = new ArrayList<>();

    Fixed(List<Integer> rates) {
      this.rates = List.copyOf(rates).iterator();
    }

    @Override
    public OptionalInt next() {
      return rates.hasNext() ? OptionalInt.of(rates.next()) : OptionalInt.empty();
    }

    @Override
    public void record(int rate, boolean held) {
      probes.add(new Probe(rate, held));
    }

    @Override
    public List<Probe> probes() {
      return List.copyOf(probes);
    }
  }

  /**
   * Bisection between {@code low} and {@code high}: the low end first (if it misses, nothing
   * below is tried: the search says so), then the high end (if it holds, the ceiling is above the
   * range), then midpoints until the highest rate held and the lowest missed are at most {@code
   * step} apart. Assumes what holds at a rate holds at every lower one — true of a pipeline that
   * is not overloaded, and why one noisy probe can end the search a step low.
   */
  final class Search implements RatePlan {
    private final int low;
    private final int high;
    private final int step;
    private final List<Probe> probes = new ArrayList<>();
    private int highestHeld = -1;
    private int lowestMissed = Integer.MAX_VALUE;
    private boolean done;

    Search(int low, int high, int step) {
      check(low, high, step);
      this.low = low;
      this.high = high;
      this.step = step;
    }

    /** Refuses a range nothing can be searched in. */
    static void check(int low, int high, int step) {
      if (low <= 0 || high <= low || step <= 0) {
        throw new IllegalArgumentException(String.format(
            Locale.ROOT,
            "--search needs 0 < LOW < HIGH and --search-step > 0 (got %d,%d step %d)",
            low,
            high,
            step));
      }
    }

    @Override
    public OptionalInt next() {
      if (done) {
        return OptionalInt.empty();
      }
      if (probes.isEmpty()) {
        return OptionalInt.of(low);
      }
      if (probes.size() == 1) {
        return OptionalInt.of(high);
      }
      return OptionalInt.of(highestHeld + (lowestMissed - highestHeld) / 2);
    }

    @Override
    public void record(int rate, boolean held) {
      probes.add(new Probe(rate, held));
      if (held) {
        highestHeld = Math.max(highestHeld, rate);
      } else {
        lowestMissed = Math.min(lowestMissed, rate);
      }
      boolean lowMissed = rate == low && !held;
      boolean highHeld = rate == high && held;
      done = lowMissed || highHeld || (highestHeld >= 0 && lowestMissed - highestHeld <= step);
    }

    @Override
    public List<Probe> probes() {
      return List.copyOf(probes);
    }

    /** The highest rate that held, empty if even the low end missed. */
    OptionalInt highestHeld() {
      return highestHeld < 0 ? OptionalInt.empty() : OptionalInt.of(highestHeld);
    }

    /** What the search found, in words, for the report and latest.json's note. */
    String finding() {
      if (highestHeld < 0) {
        return "not even the low end (" + low + " msg/s) held";
      }
      if (highestHeld == high) {
        return "the high end (" + high + " msg/s) held: the ceiling is above the range searched";
      }
      return String.format(
          Locale.ROOT,
          "%d msg/s held, %d missed (search between %d and %d, step %d)",
          highestHeld,
          lowestMissed,
          low,
          high,
          step);
    }
  }
}
