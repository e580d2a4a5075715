package dev.cascade.intake.policies;

import dev.cascade.schemas.FallbackPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every named fallback policy, in memory, as the compacted topic fallback.policies holds them.
 * Two writers feed it: the {@link PolicyFollower} reading the topic (what any instance stored), and
 * this instance's own PUT and DELETE once Kafka acknowledged them (so a client reads its own
 * write at once). Each record is applied with its offset and an older one never replaces a newer
 * one, so the follower catching up with a write this instance already applied changes nothing.
 * A name's records are all in one partition (the key decides), so their offsets compare.
 */
public final class PolicyStore {

  /** The latest record of one name: a policy, or null when it was deleted (a tombstone). */
  private record Entry(FallbackPolicy policy, long offset) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile boolean loaded;

  /**
   * Applies the record at {@code offset} of the name's partition.
   *
   * @param policy the stored policy, or null for a deletion
   */
  public void apply(String name, FallbackPolicy policy, long offset) {
    Objects.requireNonNull(name, "name");
    entries.merge(
        name,
        new Entry(policy, offset),
        (held, arriving) -> arriving.offset() >= held.offset() ? arriving : held);
  }

  public Optional<FallbackPolicy> find(String name) {
    Entry entry = entries.get(name);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.policy());
  }

  /** Every stored policy, by name. */
  public List<FallbackPolicy> all() {
    return entries.values().stream()
        .map(Entry::policy)
        .filter(Objects::nonNull)
        .sorted(Comparator.comparing(FallbackPolicy::getName))
        .toList();
  }

  /**
   * True once the topic was read to the end it had when this instance started: until then an
   * unknown name may just not be read yet, so nothing is answered from the store.
   */
  public boolean loaded() {
    return loaded;
  }

  void markLoaded() {
    loaded = true;
  }
}
