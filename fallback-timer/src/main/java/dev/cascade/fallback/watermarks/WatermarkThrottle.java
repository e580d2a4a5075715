package dev.cascade.fallback.watermarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets through at most one watermark per source every {@code gap} of wall-clock time. A watermark
 * that comes sooner is held, replacing the one held before it (a newer watermark says all an older
 * one says), and goes once the gap is over. A watermark only ever promises something about the
 * records before it, so sending it later is always safe; what the throttle saves is volume: beacons
 * that arrive at their own pace pass at once, while a backlog read after a restart, thousands of
 * beacons in a second, leaves as a few.
 *
 * @param <T> what a watermark is to the caller (a record to forward, an instant)
 */
public final class WatermarkThrottle<T> {

  private final Duration gap;
  private final Map<String, Instant> lastSent = new HashMap<>();
  private final Map<String, T> held = new LinkedHashMap<>();

  public WatermarkThrottle(Duration gap) {
    this.gap = gap;
  }

  /**
   * True when {@code watermark} goes now; false when it is held. An {@code urgent} one (a source
   * leaving) always goes now, and drops what was held for its source.
   */
  public boolean offer(String source, T watermark, boolean urgent, Instant now) {
    Instant last = lastSent.get(source);
    if (urgent || last == null || !now.isBefore(last.plus(gap))) {
      lastSent.put(source, now);
      held.remove(source);
      return true;
    }
    held.put(source, watermark);
    return false;
  }

  /** The held watermarks whose gap is over at {@code now}, taken out as sent now. */
  public List<T> due(Instant now) {
    List<T> due = new ArrayList<>();
    Iterator<Map.Entry<String, T>> entries = held.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, T> entry = entries.next();
      if (!now.isBefore(lastSent.get(entry.getKey()).plus(gap))) {
        due.add(entry.getValue());
        lastSent.put(entry.getKey(), now);
        entries.remove();
      }
    }
    return due;
  }
}
