package dev.cascade.platform.messages;

import dev.cascade.schemas.AttemptRecord;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v1/messages/{id}} answers (the fields of seed 001's status call): the overall
 * status, the channel of the step that ended the message, and every attempt. fallback-timer builds
 * it from its state store; the callbacks service from the status and outcome records, and POSTs
 * the same JSON (SPEC section 10).
 */
public record MessageView(
    String messageId,
    String status,
    boolean terminal,
    String channel,
    int currentStep,
    int fallbackCount,
    boolean lateDelivery,
    boolean doubleDelivered,
    int revision,
    boolean simulation,
    String campaignReferenceId,
    PolicyUsed policy,
    Instant acceptedAt,
    Instant endedAt,
    List<AttemptView> attempts) {

  /** The named fallback policy the request was expanded from (SPEC section 10), and its version. */
  public record PolicyUsed(String name, int version) {}

  /** One attempt, with dates as ISO-8601 instants; every provider tried, in order (failover). */
  public record AttemptView(
      int step,
      String channel,
      String provider,
      List<String> providersTried,
      String deliveryStatus,
      Instant sendDate,
      Instant deliveryDate,
      Instant readDate,
      String reason,
      String providerCode,
      String encoding,
      Integer parts,
      boolean billed,
      String cost,
      String currency,
      boolean lateDelivery) {

    public static AttemptView of(AttemptRecord a) {
      return new AttemptView(
          a.getStep(),
          a.getChannel().name(),
          a.getProvider(),
          a.getProvidersTried(),
          a.getDeliveryStatus().name(),
          a.getSendDate(),
          a.getDeliveryDate(),
          a.getReadDate(),
          a.getReason(),
          a.getProviderCode(),
          a.getEncoding(),
          a.getParts(),
          a.getBilled(),
          a.getCost(),
          a.getCurrency(),
          a.getLateDelivery());
    }
  }

  /** Every attempt as viewed, in order. */
  public static List<AttemptView> attempts(List<AttemptRecord> attempts) {
    return attempts.stream().map(AttemptView::of).toList();
  }
}
