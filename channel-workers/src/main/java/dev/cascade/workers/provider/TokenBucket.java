package dev.cascade.workers.provider;

/** Paces calls to one provider: {@code ratePerSecond} calls a second, bursts up to the same. */
public final class TokenBucket {

  private final double ratePerSecond;
  private double tokens;
  private long refilledAt = System.nanoTime();

  public TokenBucket(double ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
    this.tokens = ratePerSecond;
  }

  /** Blocks until a call may go. */
  public synchronized void acquire() throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      tokens = Math.min(ratePerSecond, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      long waitNanos = (long) ((1 - tokens) / ratePerSecond * 1e9);
      wait(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
    }
  }
}
