package dev.cascade.fallback.watermarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a timer that waits for a path may fire (SPEC section 4): once the wall clock and the
 * path's watermark have passed its due time, or once it has been held {@code maxHold} — a stalled
 * path (dlr-ingest down, a backlog after a restart) delays a fallback, it never stops one.
 */
public record HoldRule(Duration maxHold) {

  /**
   * The latest due time that may fire now: every timer due at or before it fires, every later one
   * due by {@code now} is held.
   */
  public Instant releasedUpTo(Instant now, Optional<Instant> watermark) {
    if (watermark.isEmpty()) {
      return now;
    }
    Instant caughtUp = watermark.get().isBefore(now) ? watermark.get() : now;
    Instant heldLongEnough = now.minus(maxHold);
    return caughtUp.isAfter(heldLongEnough) ? caughtUp : heldLongEnough;
  }

  /** Whether a timer due at {@code due} fires now only because it was held {@code maxHold}. */
  public boolean releasedByMaxHold(Instant due, Instant now, Optional<Instant> watermark) {
    return watermark.isPresent()
        && watermark.get().isBefore(due)
        && !due.isAfter(now.minus(maxHold));
  }
}
