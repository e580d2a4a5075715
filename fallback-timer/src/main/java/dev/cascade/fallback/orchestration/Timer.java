package dev.cascade.fallback.orchestration;

import java.time.Instant;

/** The one timer a message waits on: when it is due and what firing means. */
public record Timer(Instant dueAt, Kind kind) {

  /**
   * What may still be on its way through Cascade when a timer comes due and would change what
   * firing means (SPEC section 4, "Timers wait for what already happened"): a delivery report
   * received before the due time, or an attempt a worker wrote before it.
   */
  public enum Watch {
    /** Nothing in flight changes this timer: it fires on the wall clock alone. */
    NOTHING,
    /** Delivery reports: a DELIVERED or READ on its way must win over the timer. */
    REPORTS,
    /** Channel attempts: an attempt on its way must win over the dispatch timeout. */
    ATTEMPTS
  }

  /** What a timer is for. */
  public enum Kind {
    /**
     * The held step may start: its delivery window opens, or the request's {@code sendAt} came
     * (then it starts inside the delivery window, if any).
     */
    WINDOW_OPEN(Watch.NOTHING),
    /**
     * A SEND or REVOKE command got no attempt back within {@code dispatch.timeout} (a worker gone
     * for good, a channel left unconfigured): the step gives way as a send failure.
     */
    DISPATCH(Watch.ATTEMPTS),
    /** {@code afterSeconds} passed without DELIVERED. */
    DELIVERY_TIMEOUT(Watch.REPORTS),
    /** {@code afterSeconds} passed with DELIVERED but no READ. */
    READ_TIMEOUT(Watch.REPORTS),
    /** The step's validity ended. */
    VALIDITY(Watch.REPORTS),
    /** The ended message's state may go. */
    PURGE(Watch.NOTHING);

    private final Watch watch;

    Kind(Watch watch) {
      this.watch = watch;
    }

    /** What this timer waits for besides the wall clock. */
    public Watch watch() {
      return watch;
    }
  }
}
