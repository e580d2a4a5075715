package dev.cascade.fallback.watermarks;

import java.time.Instant;
import java.util.Optional;

/**
 * When a path's low watermark last moved on, by the wall clock — what {@link HoldRule} needs to
 * tell a path catching up from one that stands still. It starts at the task's start: time the
 * task was not running (a crash, a rebalance) never counts as the path standing still.
 */
public final class PathProgress {

  private Optional<Instant> low = Optional.empty();
  private Instant movedAt;

  public PathProgress(Instant startedAt) {
    this.movedAt = startedAt;
  }

  /** Takes the path's low watermark as it is at {@code now}. */
  public void observe(Optional<Instant> current, Instant now) {
    if (!current.equals(low)) {
      low = current;
      movedAt = now;
    }
  }

  public Instant movedAt() {
    return movedAt;
  }
}
