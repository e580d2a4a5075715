package dev.cascade.callbacks.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential backoff with jitter, for at most {@code retryFor} after the event was read: the
 * n-th retry waits {@code initial * 2^(n-1)}, capped at {@code maxInterval}, of which a random
 * half is taken off (so receivers that failed together are not called again together). The last
 * try falls at the end of the period; after it fails, the callback is given up.
 */
public record RetryPolicy(Duration initial, Duration maxInterval, Duration retryFor) {

  public RetryPolicy {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("the first retry interval must be positive");
    }
    if (maxInterval.compareTo(initial) < 0) {
      throw new IllegalArgumentException("the longest retry interval is shorter than the first");
    }
  }

  /**
   * When to try again after {@code tries} failed tries of a callback read at {@code enqueuedAt},
   * or empty to give up.
   *
   * @param random a number in [0, 1), the jitter
   */
  public Optional<Instant> nextTry(int tries, Instant enqueuedAt, Instant now, double random) {
    Instant deadline = enqueuedAt.plus(retryFor);
    if (!now.isBefore(deadline)) {
      return Optional.empty();
    }
    long ceiling = maxInterval.toMillis();
    long interval = initial.toMillis();
    for (int i = 1; i < tries && interval < ceiling; i++) {
      interval *= 2;
    }
    interval = Math.min(interval, ceiling);
    long wait = interval - (long) (interval / 2.0 * random);
    Instant next = now.plusMillis(Math.max(1, wait));
    return Optional.of(next.isAfter(deadline) ? deadline : next);
  }
}
