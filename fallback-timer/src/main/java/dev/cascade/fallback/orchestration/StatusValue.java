package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.FinalStatus;

/**
 * Values of {@code MessageStatus.status} on the message.status topic and of GET's {@code status}
 * (SPEC section 3): what is happening now, or the final word once the message ended.
 */
public enum StatusValue {
  /** The request was taken in. */
  ACCEPTED,
  /** The step waits for its delivery window to open. */
  SCHEDULED,
  /** A send command for the step went to its channel worker. */
  SENDING,
  /** The provider accepted the step's message. */
  SENT,
  /** Delivered on a step that still waits for READ (the attempt itself is DELIVERED). */
  AWAITING_READ,
  /** The undelivered message is being revoked before falling back. */
  REVOKING,
  /** Falling back to the next step; {@code reason} says why. */
  SWITCHING_CHANNEL,
  /** A DELIVERED or READ report for a step whose fallback already fired. */
  LATE_DELIVERY,
  /** A report recorded without changing the message (e.g. READ after the end). */
  REPORT,
  /** A different request arrived under this messageId and was ignored. */
  DUPLICATE_REJECTED,
  /** Final: delivered. */
  DELIVERED,
  /** Final: read. */
  READ,
  /** Final: failed. */
  FAILED,
  /** Final: expired. */
  EXPIRED,
  /** Final: cancelled. */
  CANCELLED;

  /** The status a message that ended as {@code status} shows. */
  public static StatusValue of(FinalStatus status) {
    return valueOf(status.name());
  }

  /** Whether this status describes the message (kept as its current status) or only one event. */
  boolean describesMessage() {
    return this != REPORT && this != DUPLICATE_REJECTED && this != LATE_DELIVERY;
  }
}
