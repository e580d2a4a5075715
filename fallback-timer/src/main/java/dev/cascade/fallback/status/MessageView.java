package dev.cascade.fallback.status;

import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.schemas.AttemptRecord;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v1/messages/{id}} answers (the fields of seed 001's status call): the overall
 * status, the channel of the step that ended the message, and every attempt.
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

  /** One attempt, with dates as ISO-8601 instants. */
  public record AttemptView(
      int step,
      String channel,
      String provider,
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

    static AttemptView of(AttemptRecord a) {
      return new AttemptView(
          a.getStep(),
          a.getChannel().name(),
          a.getProvider(),
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

  public static MessageView of(MessageState state) {
    List<AttemptView> attempts = dev.cascade.fallback.orchestration.Records.attempts(state).stream()
        .map(AttemptView::of)
        .toList();
    boolean ended = state.ended();
    String channel = ended && state.ending().channel() != null
        ? state.ending().channel().name()
        : state.request().getSteps().get(state.currentStep()).getChannel().name();
    return new MessageView(
        state.messageId(),
        ended ? state.ending().status().name() : state.lastStatus().name(),
        ended,
        channel,
        state.currentStep(),
        Math.max(0, attempts.size() - 1),
        attempts.stream().anyMatch(AttemptView::lateDelivery),
        state.doubleDelivered(),
        state.revision(),
        state.request().getSimulation(),
        state.request().getCampaignReferenceId(),
        state.request().getPolicy() == null
            ? null
            : new PolicyUsed(
                state.request().getPolicy().getName(),
                state.request().getPolicy().getVersion()),
        state.accepted().at(),
        ended ? state.ending().at() : null,
        attempts);
  }
}
