package dev.cascade.callbacks.processing;

import dev.cascade.callbacks.queue.RetryPolicy;
import dev.cascade.platform.callbacks.CallbackKeys;
import java.time.Duration;

/**
 * How callbacks are delivered.
 *
 * @param keys each API key's callback secret and default URL
 * @param retry backoff and retry period
 * @param lease how long a call may go unanswered before it is made again (longer than the
 *     request timeout: it only matters when the process died during the call)
 * @param maxInFlight calls under way at most, over all messages
 * @param tick how often due callbacks are looked for and answers applied
 * @param keepAfterOutcome how long a message's callback target is kept after its outcome, for a
 *     late delivery's amended outcome
 * @param keepAtMost how long a target is kept when no outcome comes
 */
public record DeliverySettings(
    CallbackKeys keys,
    RetryPolicy retry,
    Duration lease,
    int maxInFlight,
    Duration tick,
    Duration keepAfterOutcome,
    Duration keepAtMost) {}
