package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
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
    return new Attempt(r.getStep(), r.getAttemptId(), r.getChannel(), r.getProvider(),
        r.getProviderMessageIds(), r.getDeliveredProviderMessageIds(), r.getDeliveryStatus(), r.getSendDate(), r.getDeliveryDate(),
        r.getReadDate(), r.getReason(), r.getProviderCode(), r.getEncoding(), r.getParts(),
        r.getBilled(), r.getCost() == null ? null : new BigDecimal(r.getCost()), r.getCurrency(),
        r.getLateDelivery());
  }

  public static List<AttemptRecord> attempts(MessageState state) {
    return state.attempts().stream().map(Records::toRecord).toList();
  }

  static MessageStatus status(MessageState state, String status, Integer step, String reason,
      boolean isFinal, Instant now) {
    Integer shownStep = step == null ? Integer.valueOf(state.currentStep()) : step;
    return MessageStatus.newBuilder()
        .setMessageId(state.messageId())
        .setStatus(status)
        .setStep(shownStep)
        .setChannel(isFinal && state.finalChannel() != null
            ? state.finalChannel()
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
        .setStatus(state.finalStatus())
        .setChannel(state.finalChannel())
        .setAttempts(attempts(state))
        .setFallbackCount(state.fallbackCount())
        .setDoubleDelivered(state.doubleDelivered())
        .setSimulation(state.request().getSimulation())
        .setCampaignReferenceId(state.request().getCampaignReferenceId())
        .setAcceptedAt(state.acceptedAt())
        .setEndedAt(state.endedAt())
        .setTimeToFinalMillis(Duration.between(state.acceptedAt(), state.endedAt()).toMillis())
        .build();
  }
}
