package dev.cascade.fallback.orchestration;

/** Values of {@code MessageStatus.status} on the message.status topic. */
public final class MessageStatuses {
  /** The request was taken in. */
  public static final String ACCEPTED = "ACCEPTED";
  /** The step waits for its delivery window to open. */
  public static final String SCHEDULED = "SCHEDULED";
  /** A send command for the step went to its channel worker. */
  public static final String SENDING = "SENDING";
  /** The provider accepted the step's message. */
  public static final String SENT = "SENT";
  /** Delivered on a step that still waits for READ. */
  public static final String DELIVERED = "DELIVERED";
  /** The undelivered message is being revoked before falling back. */
  public static final String REVOKING = "REVOKING";
  /** Falling back to the next step; {@code reason} says why. */
  public static final String SWITCHING_CHANNEL = "SWITCHING_CHANNEL";
  /** A DELIVERED or READ report for a step whose fallback already fired. */
  public static final String LATE_DELIVERY = "LATE_DELIVERY";
  /** A report recorded without changing the message (e.g. READ after the end). */
  public static final String REPORT = "REPORT";
  /** A different request arrived under this messageId and was ignored. */
  public static final String DUPLICATE_REJECTED = "DUPLICATE_REJECTED";

  private MessageStatuses() {}
}
