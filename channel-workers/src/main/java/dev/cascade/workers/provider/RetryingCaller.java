package dev.cascade.workers.provider;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls a provider again after transient failures: exponential backoff with full jitter, or the
 * provider's Retry-After when it gave one, at most {@code maxAttempts} calls in all.
 */
public final class RetryingCaller {

  /** One provider call. */
  public interface Call {
    ProviderResult run() throws TransientProviderException;
  }

  /** How to wait between tries (a real sleep in production). */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;

  public RetryingCaller(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.sleeper = sleeper;
  }

  /** The provider's answer, or the last transient failure once every try was used. */
  public ProviderResult call(Call call) throws TransientProviderException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (TransientProviderException e) {
        if (attempt >= maxAttempts) {
          throw e;
        }
        int tries = attempt;
        sleeper.sleep(e.retryAfter().orElseGet(() -> backoff(tries)));
      }
    }
  }

  Duration backoff(int attempt) {
    long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }
}
