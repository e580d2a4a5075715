package dev.cascade.intake.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The messageIds this intake instance took in recently, with the fingerprint of their request, so
 * POSTs racing with one id get one answer: the first goes on to Kafka, an equal one waits for
 * the first's answer, a different one is a conflict — without asking fallback-timer, which has
 * not seen a request still on its way. Kept {@code idempotency.retention}, bounded in size.
 */
final class RecentRequests {

  /** What a POST with this id and fingerprint should do. */
  sealed interface Claim {
    /** The first with this id: go on, then {@link #settle} the outcome. */
    record First(Entry entry) implements Claim {}

    /** An equal request went first: answer as it was answered once it is settled. */
    record Same(Entry entry) implements Claim {}

    /** A different request holds this id. */
    record Conflict() implements Claim {}
  }

  /** One id's request: its fingerprint and whether it was stored (completes once known). */
  record Entry(String fingerprint, CompletableFuture<Boolean> stored) {}

  private final Cache<String, Entry> entries;

  RecentRequests(Duration retention, long maxEntries, Ticker ticker) {
    this.entries = Caffeine.newBuilder()
        .expireAfterWrite(retention)
        .maximumSize(maxEntries)
        .ticker(ticker)
        .build();
  }

  Claim claim(String messageId, String fingerprint) {
    Entry mine = new Entry(fingerprint, new CompletableFuture<>());
    Entry held = entries.asMap().putIfAbsent(messageId, mine);
    if (held == null) {
      return new Claim.First(mine);
    }
    return held.fingerprint().equals(fingerprint) ? new Claim.Same(held) : new Claim.Conflict();
  }

  /**
   * Records whether the first request was stored. One that was not (Kafka did not acknowledge)
   * is forgotten, so a retry starts afresh.
   */
  void settle(String messageId, Entry entry, boolean stored) {
    if (!stored) {
      entries.asMap().remove(messageId, entry);
    }
    entry.stored().complete(stored);
  }
}
