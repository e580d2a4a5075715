package dev.cascade.fallback.orchestration;

import dev.cascade.platform.requests.Violation;
import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.UsageEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Maps the state machine's values to the Avro records users read, and back. */
public final class Records {

  private Records() {}

  public static AttemptRecord toRecord(Attempt a) {
    return AttemptRecord.newBuilder()
        .setStep(a.step())
        .setAttemptId(a.attemptId())
        .setChannel(a.channel())
        .setProvider(a.provider())
        .setProviderMessageIds(a.providerMessageIds())
        .setDeliveredProviderMessageIds(a.deliveredIds())
        .setDeliveryStatus(a.status())
        .setSendDate(a.sendDate())
        .setDeliveryDate(a.deliveryDate())
        .setReadDate(a.readDate())
        .setReason(a.reason())
        .setProviderCode(a.providerCode())
        .setEncoding(a.encoding())
        .setParts(a.parts())
        .setBilled(a.billed())
        .setCost(a.cost() == null ? null : a.cost().toPlainString())
        .setCurrency(a.currency())
        .setLateDelivery(a.lateDelivery())
        .build();
  }

  public static Attempt fromRecord(AttemptRecord r) {
    return new Attempt(
        r.getStep(),
        r.getAttemptId(),
        r.getChannel(),
        r.getProvider(),
        r.getProviderMessageIds(),
        r.getDeliveredProviderMessageIds(),
        r.getDeliveryStatus(),
        r.getSendDate(),
        r.getDeliveryDate(),
        r.getReadDate(),
        r.getReason(),
        r.getProviderCode(),
        r.getEncoding(),
        r.getParts(),
        r.getBilled(),
        r.getCost() == null ? null : new BigDecimal(r.getCost()),
        r.getCurrency(),
        r.getLateDelivery());
  }

  public static List<AttemptRecord> attempts(MessageState state) {
    return state.attempts().stream().map(Records::toRecord).toList();
  }

  static MessageStatus status(
      MessageState state,
      StatusValue status,
      Integer step,
      String reason,
      boolean isFinal,
      Instant now) {
    Integer shownStep = step == null ? Integer.valueOf(state.currentStep()) : step;
    return MessageStatus.newBuilder()
        .setMessageId(state.messageId())
        .setStatus(status.name())
        .setStep(shownStep)
        .setChannel(
            isFinal && state.ending().channel() != null
                ? state.ending().channel()
                : state.request().getSteps().get(shownStep).getChannel())
        .setReason(reason)
        .setTerminal(isFinal)
        .setAttempts(attempts(state))
        .setUpdatedAt(now)
        .build();
  }

  static MessageOutcome outcome(MessageState state) {
    return MessageOutcome.newBuilder()
        .setMessageId(state.messageId())
        .setRevision(state.revision())
        .setStatus(state.ending().status())
        .setChannel(state.ending().channel())
        .setAttempts(attempts(state))
        .setFallbackCount(state.fallbackCount())
        .setDoubleDelivered(state.doubleDelivered())
        .setSimulation(state.request().getSimulation())
        .setCampaignReferenceId(state.request().getCampaignReferenceId())
        .setPolicy(state.request().getPolicy())
        .setAcceptedAt(state.accepted().at())
        .setEndedAt(state.ending().at())
        .setTimeToFinalMillis(
            Duration.between(state.accepted().at(), state.ending().at()).toMillis())
        .build();
  }

  /**
   * A command to the step's channel worker. {@code validity} is the step's effective validity (its
   * own, or its channel's default), so the provider gives up when Cascade does (RBM ttl, Infobip
   * validityPeriod, SMPP validity_period).
   */
  /** The outcome of a request that breaks a rule: FAILED with no attempt, the rules in {@code detail}. */
  static MessageOutcome invalidRequest(SendRequest request, List<Violation> problems, Instant now) {
    return MessageOutcome.newBuilder()
        .setMessageId(request.getMessageId())
        .setStatus(FinalStatus.FAILED)
        .setAttempts(List.of())
        .setFallbackCount(0)
        .setSimulation(request.getSimulation())
        .setCampaignReferenceId(request.getCampaignReferenceId())
        .setPolicy(request.getPolicy())
        .setAcceptedAt(now)
        .setEndedAt(now)
        .setTimeToFinalMillis(0)
        .setReason(Reason.INVALID_REQUEST.name())
        .setDetail(String.join("; ", problems.stream().map(Violation::toString).toList()))
        .build();
  }

  static ChannelCommand command(
      MessageState state,
      CommandType type,
      int step,
      String attemptId,
      Content content,
      List<String> providerMessageIds,
      Duration validity,
      Instant now) {
    Step planned = state.request().getSteps().get(step);
    return ChannelCommand.newBuilder()
        .setType(type)
        .setAttemptId(attemptId)
        .setMessageId(state.messageId())
        .setStep(step)
        .setChannel(planned.getChannel())
        .setProvider(planned.getProvider())
        .setTo(state.request().getTo())
        .setSender(planned.getSender())
        .setContent(content)
        .setValiditySeconds(Math.toIntExact(validity.toSeconds()))
        .setProviderMessageIds(providerMessageIds)
        .setSimulation(state.request().getSimulation())
        .setIssuedAt(now)
        .build();
  }

  /** The usage event of a billed attempt; {@code previous} is the attempt that fell back to it. */
  static UsageEvent usage(
      MessageState state,
      Attempt attempt,
      Attempt previous,
      int units,
      BigDecimal price,
      String currency,
      boolean lateAfterFallback,
      Instant now) {
    return UsageEvent.newBuilder()
        .setUsageId(attempt.attemptId())
        .setMessageId(state.messageId())
        .setAttemptId(attempt.attemptId())
        .setStep(attempt.step())
        .setOriginalChannel(state.request().getSteps().getFirst().getChannel())
        .setChannel(attempt.channel())
        .setProvider(attempt.provider())
        .setFallbackReason(previous == null ? null : previous.reason())
        .setUnits(units)
        .setPrice(price.toPlainString())
        .setCurrency(currency)
        .setSimulation(false)
        .setLateAfterFallback(lateAfterFallback)
        .setCampaignReferenceId(state.request().getCampaignReferenceId())
        .setOccurredAt(now)
        .build();
  }
}
