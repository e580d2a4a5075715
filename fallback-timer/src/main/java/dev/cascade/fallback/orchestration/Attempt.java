package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One attempt of a message on one step, as the state machine tracks it. */
public record Attempt(
    int step,
    String attemptId,
    Channel channel,
    String provider,
    List<String> providerMessageIds,
    DeliveryStatus status,
    Instant sendDate,
    Instant deliveryDate,
    Instant readDate,
    String reason,
    String providerCode,
    String encoding,
    Integer parts,
    boolean billed,
    BigDecimal cost,
    String currency,
    boolean lateDelivery) {

  public Attempt {
    providerMessageIds = List.copyOf(providerMessageIds);
  }

  static Attempt queued(int step, String attemptId, Channel channel, String provider) {
    return new Attempt(step, attemptId, channel, provider, List.of(), DeliveryStatus.QUEUED,
        null, null, null, null, null, null, null, false, null, null, false);
  }

  boolean isDelivered() {
    return status == DeliveryStatus.DELIVERED || status == DeliveryStatus.READ;
  }

  /** Ended without reaching the handset: nothing more can happen on this attempt. */
  boolean hasFailed() {
    return switch (status) {
      case REJECTED, FAILED, UNDELIVERED, REVOKED -> true;
      default -> false;
    };
  }

  Attempt accepted(List<String> ids, Instant at, String encoding, Integer parts) {
    return new Attempt(step, attemptId, channel, provider, ids, DeliveryStatus.ACCEPTED, at,
        deliveryDate, readDate, reason, providerCode, encoding, parts, billed, cost, currency, lateDelivery);
  }

  Attempt withStatus(DeliveryStatus newStatus) {
    return new Attempt(step, attemptId, channel, provider, providerMessageIds, newStatus, sendDate,
        deliveryDate, readDate, reason, providerCode, encoding, parts, billed, cost, currency, lateDelivery);
  }

  Attempt failed(DeliveryStatus newStatus, String newReason, String code) {
    return new Attempt(step, attemptId, channel, provider, providerMessageIds, newStatus, sendDate,
        deliveryDate, readDate, newReason, code, encoding, parts, billed, cost, currency, lateDelivery);
  }

  Attempt withReason(String newReason) {
    return new Attempt(step, attemptId, channel, provider, providerMessageIds, status, sendDate,
        deliveryDate, readDate, newReason, providerCode, encoding, parts, billed, cost, currency, lateDelivery);
  }

  Attempt delivered(Instant at, boolean late) {
    DeliveryStatus newStatus = status == DeliveryStatus.READ ? status : DeliveryStatus.DELIVERED;
    return new Attempt(step, attemptId, channel, provider, providerMessageIds, newStatus, sendDate,
        deliveryDate == null ? at : deliveryDate, readDate, reason, providerCode, encoding, parts,
        billed, cost, currency, lateDelivery || late);
  }

  Attempt read(Instant at, boolean late) {
    return new Attempt(step, attemptId, channel, provider, providerMessageIds, DeliveryStatus.READ,
        sendDate, deliveryDate == null ? at : deliveryDate, readDate == null ? at : readDate, reason,
        providerCode, encoding, parts, billed, cost, currency, lateDelivery || late);
  }

  Attempt billedAt(BigDecimal price, String priceCurrency) {
    return new Attempt(step, attemptId, channel, provider, providerMessageIds, status, sendDate,
        deliveryDate, readDate, reason, providerCode, encoding, parts, true, price, priceCurrency, lateDelivery);
  }
}
