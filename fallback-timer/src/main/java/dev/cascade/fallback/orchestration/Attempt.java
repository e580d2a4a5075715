package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt of a message on one step, as the state machine tracks it. {@code deliveredIds}
 * holds the provider ids (SMS parts) reported delivered: a multipart SMS is delivered when every
 * part is.
 */
public record Attempt(
    int step,
    String attemptId,
    Channel channel,
    String provider,
    List<String> providersTried,
    List<String> providerMessageIds,
    List<String> deliveredIds,
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
    providersTried = List.copyOf(providersTried);
    providerMessageIds = List.copyOf(providerMessageIds);
    deliveredIds = List.copyOf(deliveredIds);
  }

  static Attempt queued(int step, String attemptId, Channel channel, String provider) {
    return new Attempt(
        step,
        attemptId,
        channel,
        provider,
        List.of(),
        List.of(),
        List.of(),
        DeliveryStatus.QUEUED,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        false);
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

  Attempt accepted(List<String> ids, Instant at, String newEncoding, Integer newParts) {
    return with(b -> {
      b.providerMessageIds = ids;
      b.status = DeliveryStatus.ACCEPTED;
      b.sendDate = at;
      b.encoding = newEncoding;
      b.parts = newParts;
    });
  }

  /**
   * The provider that actually handled the attempt (the channel's default when the step named
   * none, a later one of the step's providers when the first was unavailable) and every provider
   * the worker called for it, in order.
   */
  Attempt handledBy(String providerName, List<String> tried) {
    if ((providerName == null || providerName.equals(provider)) && tried.equals(providersTried)) {
      return this;
    }
    return new Attempt(
        step,
        attemptId,
        channel,
        providerName == null ? provider : providerName,
        tried,
        providerMessageIds,
        deliveredIds,
        status,
        sendDate,
        deliveryDate,
        readDate,
        reason,
        providerCode,
        encoding,
        parts,
        billed,
        cost,
        currency,
        lateDelivery);
  }

  Attempt withStatus(DeliveryStatus newStatus) {
    return with(b -> b.status = newStatus);
  }

  Attempt failed(DeliveryStatus newStatus, Reason newReason, String code) {
    return with(b -> {
      b.status = newStatus;
      b.reason = newReason.name();
      b.providerCode = code;
    });
  }

  Attempt withReason(Reason newReason) {
    return with(b -> b.reason = newReason.name());
  }

  /**
   * Records one delivered part; {@code null} (a report not naming a part, or a provider that
   * answered "already delivered") counts for all parts.
   */
  Attempt partDelivered(String providerMessageId) {
    return with(b -> {
      if (providerMessageId == null) {
        b.deliveredIds = new ArrayList<>(providerMessageIds);
      } else if (!b.deliveredIds.contains(providerMessageId)) {
        b.deliveredIds = new ArrayList<>(b.deliveredIds);
        b.deliveredIds.add(providerMessageId);
      }
    });
  }

  boolean allPartsDelivered() {
    return deliveredIds.containsAll(providerMessageIds);
  }

  Attempt delivered(Instant at, boolean late) {
    return with(b -> {
      if (b.status != DeliveryStatus.READ) {
        b.status = DeliveryStatus.DELIVERED;
      }
      b.deliveredIds = new ArrayList<>(providerMessageIds);
      b.deliveryDate = deliveryDate == null ? at : deliveryDate;
      b.lateDelivery = lateDelivery || late;
    });
  }

  Attempt read(Instant at, boolean late) {
    return with(b -> {
      b.status = DeliveryStatus.READ;
      b.deliveredIds = new ArrayList<>(providerMessageIds);
      b.deliveryDate = deliveryDate == null ? at : deliveryDate;
      b.readDate = readDate == null ? at : readDate;
      b.lateDelivery = lateDelivery || late;
    });
  }

  Attempt billedAt(BigDecimal price, String priceCurrency) {
    return with(b -> {
      b.billed = true;
      b.cost = price;
      b.currency = priceCurrency;
    });
  }

  private Attempt with(java.util.function.Consumer<Changes> change) {
    Changes b = new Changes(this);
    change.accept(b);
    return new Attempt(
        step,
        attemptId,
        channel,
        provider,
        providersTried,
        b.providerMessageIds,
        b.deliveredIds,
        b.status,
        b.sendDate,
        b.deliveryDate,
        b.readDate,
        b.reason,
        b.providerCode,
        b.encoding,
        b.parts,
        b.billed,
        b.cost,
        b.currency,
        b.lateDelivery);
  }

  /** The changeable fields of an attempt, for one copy-with-changes. */
  private static final class Changes {
    List<String> providerMessageIds;
    List<String> deliveredIds;
    DeliveryStatus status;
    Instant sendDate;
    Instant deliveryDate;
    Instant readDate;
    String reason;
    String providerCode;
    String encoding;
    Integer parts;
    boolean billed;
    BigDecimal cost;
    String currency;
    boolean lateDelivery;

    Changes(Attempt a) {
      providerMessageIds = a.providerMessageIds;
      deliveredIds = a.deliveredIds;
      status = a.status;
      sendDate = a.sendDate;
      deliveryDate = a.deliveryDate;
      readDate = a.readDate;
      reason = a.reason;
      providerCode = a.providerCode;
      encoding = a.encoding;
      parts = a.parts;
      billed = a.billed;
      cost = a.cost;
      currency = a.currency;
      lateDelivery = a.lateDelivery;
    }
  }
}
