package dev.cascade.fallback.orchestration;

/** Why an attempt gave way or ended (SPEC section 4), as recorded on attempts and usage events. */
public final class Reasons {
  public static final String SEND_FAILED = "SEND_FAILED";
  public static final String DEVICE_NOT_CAPABLE = "DEVICE_NOT_CAPABLE";
  public static final String UNDELIVERED = "UNDELIVERED";
  public static final String EXPIRED = "EXPIRED";
  public static final String DELIVERY_TIMEOUT = "DELIVERY_TIMEOUT";
  public static final String READ_TIMEOUT = "READ_TIMEOUT";
  public static final String UNREAD = "UNREAD";

  private Reasons() {}
}
