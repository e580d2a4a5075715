package dev.cascade.fallback.watermarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a timer that waits for a path may fire (SPEC section 4): once the wall clock and the path's
 * watermark have passed its due time — or once the path has stood still for {@code maxHold}.
 *
 * <p>Stood still, not "was held that long": a path whose watermark keeps moving is catching up (a
 * restarted fallback-timer reading the backlog of its own outage, a broker back from a restart)
 * and the report a timer waits for may be in the next second of it, however long the outage was.
 * Firing at a fixed time after the due time sent a fallback to everyone whose delivery report
 * was still in the backlog once the outage passed that time. A path that does not move at all
 * (dlr-ingest down, a source gone) delays fallbacks by {@code maxHold}, it never stops them.
 */
public record HoldRule(Duration maxHold) {

  /**
   * The latest due time that may fire now: every timer due at or before it fires, every later one
   * due by {@code now} is held. {@code movedAt} is when the watermark last moved on (or when this
   * task started, whichever is later).
   */
  public Instant releasedUpTo(Instant now, Optional<Instant> watermark, Instant movedAt) {
    if (watermark.isEmpty() || stoodStill(now, movedAt)) {
      return now;
    }
    return watermark.get().isBefore(now) ? watermark.get() : now;
  }

  /** Whether a timer due at {@code due} fires now only because its path stood still. */
  public boolean releasedByMaxHold(
      Instant due, Instant now, Optional<Instant> watermark, Instant movedAt) {
    return watermark.isPresent() && watermark.get().isBefore(due) && stoodStill(now, movedAt);
  }

  private boolean stoodStill(Instant now, Instant movedAt) {
    return !now.isBefore(movedAt.plus(maxHold));
  }
}
