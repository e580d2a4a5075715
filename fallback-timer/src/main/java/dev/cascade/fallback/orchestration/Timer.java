package dev.cascade.fallback.orchestration;

import java.time.Instant;

/** The one timer a message waits on: when it is due and what firing means. */
public record Timer(Instant dueAt, Kind kind) {

  /** What a timer is for. */
  public enum Kind {
    /**
     * The held step may start: its delivery window opens, or the request's {@code sendAt} came
     * (then it starts inside the delivery window, if any).
     */
    WINDOW_OPEN,
    /**
     * A SEND or REVOKE command got no attempt back within {@code dispatch.timeout} (a worker gone
     * for good, a channel left unconfigured): the step gives way as a send failure.
     */
    DISPATCH,
    /** {@code afterSeconds} passed without DELIVERED. */
    DELIVERY_TIMEOUT,
    /** {@code afterSeconds} passed with DELIVERED but no READ. */
    READ_TIMEOUT,
    /** The step's validity ended. */
    VALIDITY,
    /** The ended message's state may go. */
    PURGE
  }
}
