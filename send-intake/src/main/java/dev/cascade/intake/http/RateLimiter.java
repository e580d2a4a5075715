package dev.cascade.intake.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per API key: {@code ratePerSecond} tokens a second, bursts up to the same number. */
final class RateLimiter {

  private final int ratePerSecond;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int ratePerSecond, LongSupplier nanoClock) {
    this.ratePerSecond = ratePerSecond;
    this.nanoClock = nanoClock;
  }

  boolean tryAcquire(String keyId) {
    return buckets
        .computeIfAbsent(keyId, id -> new Bucket(ratePerSecond, nanoClock.getAsLong()))
        .tryTake(nanoClock.getAsLong(), ratePerSecond);
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.refilledAt = now;
    }

    synchronized boolean tryTake(long now, int ratePerSecond) {
      tokens = Math.min(ratePerSecond, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
