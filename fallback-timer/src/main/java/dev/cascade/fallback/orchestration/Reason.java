package dev.cascade.fallback.orchestration;

/** Why an attempt gave way or ended (SPEC section 4), as recorded on attempts and usage events. */
public enum Reason {
  SEND_FAILED,
  DEVICE_NOT_CAPABLE,
  UNDELIVERED,
  EXPIRED,
  DELIVERY_TIMEOUT,
  READ_TIMEOUT,
  UNREAD,
  /** A SEND or REVOKE command got no attempt back within {@code dispatch.timeout}. */
  DISPATCH_TIMEOUT,
  /** A request produced to send.requests broke a rule: it ends FAILED without an attempt. */
  INVALID_REQUEST
}
