package dev.cascade.platform.channels;

/** When an attempt on a channel becomes billable (SPEC section 4, "Billing"). */
public enum BillingPoint {
  /** When the provider accepts the message (SMS). */
  SUBMISSION,
  /** When the message is reported delivered (or read). */
  DELIVERY
}
