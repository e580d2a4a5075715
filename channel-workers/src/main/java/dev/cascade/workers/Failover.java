package dev.cascade.workers;

import dev.cascade.workers.provider.TransientProviderException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.util.List;

/**
 * When a SEND moves on to the next of its providers (SPEC section 10): only while the provider is
 * unavailable, so that nothing went out. Unavailable is its circuit open ({@link
 * CallNotPermittedException}), a transient failure through every retry (429, 5xx, a timeout, a
 * refused connection, an SMPP bind that failed: {@link TransientProviderException}), or no turn at
 * its rate within the pacing wait ({@link RequestNotPermitted}). An answer never moves on: an
 * acceptance is the provider's to deliver, and a rejection (4xx, a provider error code, a device
 * not capable) is the channel fallback's business, as is content the provider cannot express.
 */
final class Failover {

  /** What the dispatcher does after one provider's call. */
  sealed interface Decision {}

  /** The call's answer, or its failure, is the attempt's. */
  record Answer() implements Decision {}

  /** The provider was unavailable: call {@code next} (its index in the command's list). */
  record MoveOn(int next) implements Decision {}

  private static final Answer ANSWER = new Answer();

  private Failover() {}

  /**
   * @param providers the command's providers, in order
   * @param current the index of the provider just called
   * @param failure how its call failed; {@code null} when it answered
   */
  static Decision after(List<String> providers, int current, Throwable failure) {
    if (failure == null || !unavailable(failure) || current + 1 >= providers.size()) {
      return ANSWER;
    }
    return new MoveOn(current + 1);
  }

  /** Whether the failure says the provider could not be reached, so nothing went out. */
  static boolean unavailable(Throwable failure) {
    Throwable cause = GuardedProvider.unwrap(failure);
    return cause instanceof CallNotPermittedException
        || cause instanceof TransientProviderException
        || cause instanceof RequestNotPermitted;
  }
}
