package dev.cascade.fallback.watermarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The low watermark of one path through Cascade: every source on the path (a dlr-ingest or
 * channel-workers instance, a correlation task) says "everything I took before this time has been
 * handed on"; the path as a whole has handed on everything taken before the slowest live source's
 * time.
 *
 * <p>A source that stopped speaking cannot be told from a slow one, so it holds the watermark back
 * until it is {@code staleAfter} behind the freshest source; then it counts as gone (a crashed
 * instance that will not come back). Until then timers wait for it, which is what a restart of
 * that source needs: what it had not handed on yet comes again (providers retry) by another
 * source. A source that leaves cleanly says so and counts as gone at once. With no source at all,
 * nothing is in flight that Cascade knows of and nothing waits.
 */
public final class SourceWatermarks {

  private final Duration staleAfter;
  private final Map<String, Instant> sources = new HashMap<>();

  public SourceWatermarks(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }

  /** Records {@code source}'s watermark; a source's watermark never goes back. */
  public void advance(String source, Instant watermark) {
    sources.merge(source, watermark, (before, now) -> now.isAfter(before) ? now : before);
    forgetStale();
  }

  /** {@code source} left cleanly: nothing of it is in flight any more. */
  public void leave(String source) {
    sources.remove(source);
  }

  /** The time before which the path has handed on everything; empty when no source is known. */
  public Optional<Instant> low() {
    return sources.values().stream().min(Instant::compareTo);
  }

  /** The live sources and their watermarks, to store and to restore with {@link #advance}. */
  public Map<String, Instant> sources() {
    return Collections.unmodifiableMap(sources);
  }

  private void forgetStale() {
    Instant freshest = sources.values().stream().max(Instant::compareTo).orElseThrow();
    Instant cutoff = freshest.minus(staleAfter);
    sources.values().removeIf(watermark -> watermark.isBefore(cutoff));
  }
}
