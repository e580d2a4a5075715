package dev.cascade.intake.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Counts of the last {@code window}: fallbacks by reason and outcomes by channel and final status,
 * kept in one-second buckets so a count is exact to the second and memory stays bounded by the
 * window, not by the traffic. Thread-safe: the reader adds while HTTP requests read.
 */
public final class RecentActivity {

  private final Duration window;
  private final NavigableMap<Long, Bucket> buckets = new TreeMap<>();

  public RecentActivity(Duration window) {
    this.window = window;
  }

  /** What the console shows: the window's bounds and its counts. */
  public record Snapshot(
      Instant since,
      Instant until,
      long fallbacks,
      Map<String, Long> fallbacksByReason,
      long outcomes,
      Map<String, Map<String, Long>> outcomesByChannel) {}

  public Duration window() {
    return window;
  }

  /** A message fell back to its next step at {@code at} for {@code reason}. */
  public synchronized void fallback(Instant at, String reason) {
    bucket(at).fallbacks.merge(reason == null ? "UNKNOWN" : reason, 1L, Long::sum);
  }

  /** A message ended at {@code at} as {@code status} on {@code channel} (null: none). */
  public synchronized void outcome(Instant at, String channel, String status) {
    bucket(at)
        .outcomes
        .computeIfAbsent(channel == null ? "NONE" : channel, c -> new TreeMap<>())
        .merge(status, 1L, Long::sum);
  }

  /** The counts of what happened after {@code now - window} and up to {@code now}. */
  public synchronized Snapshot snapshot(Instant now) {
    long first = now.minus(window).getEpochSecond() + 1;
    buckets.headMap(first, false).clear(); // older than any window still to be asked for
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Map<String, Long>> byChannel = new TreeMap<>();
    long fallbacks = 0;
    long outcomes = 0;
    for (Bucket bucket : buckets.subMap(first, true, now.getEpochSecond(), true).values()) {
      for (var entry : bucket.fallbacks.entrySet()) {
        byReason.merge(entry.getKey(), entry.getValue(), Long::sum);
        fallbacks += entry.getValue();
      }
      for (var channel : bucket.outcomes.entrySet()) {
        Map<String, Long> statuses =
            byChannel.computeIfAbsent(channel.getKey(), c -> new TreeMap<>());
        for (var status : channel.getValue().entrySet()) {
          statuses.merge(status.getKey(), status.getValue(), Long::sum);
          outcomes += status.getValue();
        }
      }
    }
    return new Snapshot(
        Instant.ofEpochSecond(first), now, fallbacks, byReason, outcomes, byChannel);
  }

  private Bucket bucket(Instant at) {
    // what fell out of the window of the newest record goes, so memory stays bounded unread
    buckets.headMap(at.minus(window).getEpochSecond(), false).clear();
    return buckets.computeIfAbsent(at.getEpochSecond(), second -> new Bucket());
  }

  private static final class Bucket {
    final Map<String, Long> fallbacks = new TreeMap<>();
    final Map<String, Map<String, Long>> outcomes = new TreeMap<>();
  }
}
