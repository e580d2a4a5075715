package dev.cascade.fallback.watermarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a path's low watermark last moved on, by the wall clock — what {@link HoldRule} needs to
 * tell a path catching up from one that stands still. It starts at the task's start: time the
 * task was not running (a crash, a rebalance) never counts as the path standing still.
 *
 * <p>Nor does time the task was running but stalled: the task looks at the path on every timer
 * tick (every few milliseconds) and on every watermark it reads, and a gap of more than {@link
 * #STALL} between two looks — a stream thread blocked on a broker that is down, a long pause
 * — moves {@code movedAt} on by the gap. A path is only said to stand still while the task was
 * there to read it: a fault bench run had a restarted fallback-timer blocked 40 s on a broker
 * restart right after its start, and the max hold then released hundreds of timers whose delivery
 * reports were already in its unread input.
 */
public final class PathProgress {

  /** A gap between two looks longer than this is time the task did not run. */
  public static final Duration STALL = Duration.ofSeconds(1);

  private Optional<Instant> low = Optional.empty();
  private Instant movedAt;
  private Instant lookedAt;

  public PathProgress(Instant startedAt) {
    this.movedAt = startedAt;
    this.lookedAt = startedAt;
  }

  /** Takes the path's low watermark as it is at {@code now}. */
  public void observe(Optional<Instant> current, Instant now) {
    Duration gap = Duration.between(lookedAt, now);
    if (gap.compareTo(STALL) > 0) {
      movedAt = movedAt.plus(gap);
    }
    if (now.isAfter(lookedAt)) {
      lookedAt = now;
    }
    if (!current.equals(low)) {
      low = current;
      movedAt = now;
    }
  }

  public Instant movedAt() {
    return movedAt;
  }
}
