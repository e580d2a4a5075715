package dev.cascade.workers.rbm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RCS capability answers per number (seed 002: cached 4 h by default), bounded in size: the
 * least recently used number goes first. Hits and misses are counted.
 */
public final class CapabilityCache {

  /** Told of every lookup: {@code true} for a hit. */
  public interface Observer {
    void lookedUp(boolean hit);
  }

  private record Answer(boolean capable, Instant expires) {}

  private final Duration ttl;
  private final Clock clock;
  private final Observer observer;
  private final Map<String, Answer> entries;

  public CapabilityCache(Duration ttl, int maxEntries, Clock clock, Observer observer) {
    this.ttl = ttl;
    this.clock = clock;
    this.observer = observer;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public synchronized Optional<Boolean> get(String number) {
    Answer entry = entries.get(number);
    boolean hit = entry != null && clock.instant().isBefore(entry.expires());
    observer.lookedUp(hit);
    return hit ? Optional.of(entry.capable()) : Optional.empty();
  }

  public synchronized void put(String number, boolean capable) {
    entries.put(number, new Answer(capable, clock.instant().plus(ttl)));
  }
}
