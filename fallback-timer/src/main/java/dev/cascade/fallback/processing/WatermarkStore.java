package dev.cascade.fallback.processing;

import dev.cascade.fallback.watermarks.SourceWatermarks;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The watermarks of a task's paths, in memory and in a changelogged store so that a restarted
 * task knows how far each source had got and waits for the backlog behind it. Watermarks move ten
 * times a second; the store is written at most once a second — a restored watermark a second
 * older only holds timers a little longer, never too little.
 */
final class WatermarkStore {

  private static final Duration PERSIST_EVERY = Duration.ofSeconds(1);
  private static final char SEPARATOR = '|';

  private final KeyValueStore<String, Long> store;
  private final Map<String, SourceWatermarks> paths = new LinkedHashMap<>();
  private Map<String, Long> persisted = new HashMap<>();
  private Instant lastPersisted = Instant.EPOCH;

  WatermarkStore(KeyValueStore<String, Long> store, Duration staleAfter, Collection<String> names) {
    this.store = store;
    for (String name : names) {
      paths.put(name, new SourceWatermarks(staleAfter));
    }
    try (KeyValueIterator<String, Long> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> entry = all.next();
        int separator = entry.key.indexOf(SEPARATOR);
        SourceWatermarks path = paths.get(entry.key.substring(0, Math.max(separator, 0)));
        if (path != null) {
          path.advance(entry.key.substring(separator + 1), Instant.ofEpochMilli(entry.value));
          persisted.put(entry.key, entry.value);
        }
      }
    }
  }

  SourceWatermarks path(String name) {
    return paths.get(name);
  }

  /** Takes one source's watermark, or its leaving, on the path {@code name}. */
  void take(String name, String source, Instant at, boolean leaving) {
    SourceWatermarks path = paths.get(name);
    if (leaving) {
      path.leave(source);
    } else {
      path.advance(source, at);
    }
  }

  /** Writes what changed since the last write, if a second has passed. */
  void persistIfDue(Instant now) {
    if (Duration.between(lastPersisted, now).compareTo(PERSIST_EVERY) < 0) {
      return;
    }
    lastPersisted = now;
    Map<String, Long> current = new HashMap<>();
    paths.forEach((name, path) -> path.sources()
        .forEach((source, at) -> current.put(name + SEPARATOR + source, at.toEpochMilli())));
    persisted.keySet().stream().filter(key -> !current.containsKey(key)).forEach(store::delete);
    current.forEach((key, at) -> {
      if (!at.equals(persisted.get(key))) {
        store.put(key, at);
      }
    });
    persisted = current;
  }
}
