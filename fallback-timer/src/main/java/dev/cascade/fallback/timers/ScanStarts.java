package dev.cascade.fallback.timers;

import dev.cascade.fallback.orchestration.Timer.Watch;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * Where each tick's scan of the timer index starts, per watch, and whether it needs to run at
 * all. Every timer fired, cancelled or dropped leaves a deletion behind in RocksDB until
 * compaction, and a RocksDB seek walks over every deletion between where it starts and the next
 * live entry, wherever the scan was meant to end. Scanning each watch from {@link
 * TimerIndex#first(Watch)} on every tick walked over every timer ever fired; even from the last
 * scan's end, it walked over every timer cancelled ahead of its due time (a delivery before the
 * fallback, an attempt before the dispatch timeout) up to the next live one. With timers coming
 * due at a few thousand a second, ticks slowed down until fallback-timer fell minutes behind.
 *
 * <p>So each watch remembers a start below which no entry is live, and the first live entry a
 * scan saw beyond its end ({@link #next}): until the clock reaches that one, nothing is due and
 * no seek is made. The rules that keep both right: a timer indexed below either moves it down to
 * the new key ({@link #indexed}), even while a scan is under way; a scan moves them up only past
 * entries it saw gone ({@link #scanned}). Both live in memory and begin at the bottom ("not known")
 * whenever a task starts.
 */
public final class ScanStarts {

  private final Map<Watch, Bytes> starts = new EnumMap<>(Watch.class);
  /** The lowest key indexed since the current scan of each watch began. */
  private final Map<Watch, Bytes> indexedDuringScan = new EnumMap<>(Watch.class);
  /** Per watch, the first live entry above the last scan's end; absent: not known. */
  private final Map<Watch, Bytes> next = new EnumMap<>(Watch.class);

  public ScanStarts() {
    for (Watch watch : Watch.values()) {
      starts.put(watch, TimerIndex.first(watch));
    }
  }

  /** Whether a scan of {@code watch} up to {@code bound} may find anything. */
  public boolean mayHaveEntriesBelow(Watch watch, Bytes bound) {
    Bytes first = next.get(watch);
    return first == null || first.compareTo(bound) < 0;
  }

  /** Where a scan of {@code watch} starts now; from here {@link #indexed} keys are remembered. */
  public Bytes begin(Watch watch) {
    indexedDuringScan.remove(watch);
    return starts.get(watch);
  }

  /** A timer was put into the index under {@code key}. */
  public void indexed(Watch watch, Bytes key) {
    starts.merge(watch, key, ScanStarts::lower);
    indexedDuringScan.merge(watch, key, ScanStarts::lower);
    next.computeIfPresent(watch, (w, first) -> lower(first, key));
  }

  /**
   * The scan of {@code watch} that {@link #begin} started found no live entry below {@code
   * nextStart}, and {@code firstBeyond} as the first live entry past its end ({@link
   * TimerIndex#end} when it saw there is none; null when it did not look). The next scan starts at
   * {@code nextStart}, or lower if a timer was indexed below it meanwhile.
   */
  public void scanned(Watch watch, Bytes nextStart, Bytes firstBeyond) {
    Bytes indexed = indexedDuringScan.remove(watch);
    Bytes start = higher(starts.get(watch), nextStart);
    Bytes first = firstBeyond;
    if (indexed != null) {
      start = lower(start, indexed);
      first = first == null ? null : lower(first, indexed);
    }
    starts.put(watch, start);
    if (first == null) {
      next.remove(watch);
    } else {
      next.put(watch, first);
    }
  }

  private static Bytes lower(Bytes a, Bytes b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Bytes higher(Bytes a, Bytes b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
