package dev.cascade.callbacks.queue;

import java.time.Instant;

/**
 * One callback waiting to be delivered: its body, rendered once when its event was read, so every
 * try sends the same bytes under the same delivery id.
 *
 * @param deliveryId the {@code Cascade-Delivery} header: derived from the event's topic, partition
 *     and offset, so reading the event again after a crash gives the same id
 * @param event OUTCOME or STATUS
 * @param sourceTopic the topic of the event (for the dead-letter record's headers)
 * @param body the JSON POSTed (the same as GET /v1/messages/{id} shows)
 * @param enqueuedAt when the event was read: the retry period counts from here
 * @param tries calls made so far (a call under way counts)
 * @param nextAttemptAt when to call next; while a call is under way, when to call again if its
 *     answer never comes back (the process died)
 * @param lastHttpStatus the receiver's last answer, null when it never answered
 * @param lastError why the last try failed
 */
public record PendingCallback(
    String deliveryId,
    String event,
    String sourceTopic,
    String body,
    Instant enqueuedAt,
    int tries,
    Instant nextAttemptAt,
    Integer lastHttpStatus,
    String lastError) {

  public static PendingCallback of(
      String deliveryId, String event, String sourceTopic, String body, Instant now) {
    return new PendingCallback(deliveryId, event, sourceTopic, body, now, 0, now, null, null);
  }

  /** A try starts now; if nothing is heard of it by {@code lease}, it is tried again. */
  public PendingCallback trying(Instant lease) {
    return new PendingCallback(
        deliveryId,
        event,
        sourceTopic,
        body,
        enqueuedAt,
        tries + 1,
        lease,
        lastHttpStatus,
        lastError);
  }

  /** The last try failed; the next one is at {@code next}. */
  public PendingCallback failed(Integer httpStatus, String error, Instant next) {
    return new PendingCallback(
        deliveryId, event, sourceTopic, body, enqueuedAt, tries, next, httpStatus, error);
  }
}
