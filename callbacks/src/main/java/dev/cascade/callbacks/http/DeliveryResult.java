package dev.cascade.callbacks.http;

/** How one call of a callback URL ended. */
public sealed interface DeliveryResult {

  /** The receiver answered 2xx. */
  record Delivered(int httpStatus) implements DeliveryResult {}

  /** Another answer, or none (timeout, refused connection, unknown host): worth trying again. */
  record Failed(Integer httpStatus, String error) implements DeliveryResult {}

  /** Never to be called: the URL or its addresses are not allowed, or there is no secret. */
  record Refused(String reason) implements DeliveryResult {}
}
