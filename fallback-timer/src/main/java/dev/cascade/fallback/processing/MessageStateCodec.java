package dev.cascade.fallback.processing;

import dev.cascade.fallback.orchestration.Ending;
import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.fallback.orchestration.Records;
import dev.cascade.fallback.orchestration.StatusValue;
import dev.cascade.fallback.orchestration.Timer;
import dev.cascade.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Stores {@link MessageState} as the Avro record {@code dev.cascade.schemas.internal.MessageState}. */
public final class MessageStateCodec implements Serde<MessageState> {

  private final AvroSerde<dev.cascade.schemas.internal.MessageState> avro =
      AvroSerde.of(dev.cascade.schemas.internal.MessageState.class);

  public static dev.cascade.schemas.internal.MessageState toAvro(MessageState s) {
    return dev.cascade.schemas.internal.MessageState.newBuilder()
        .setRequest(s.request())
        .setRequestFingerprint(s.accepted().fingerprint())
        .setCurrentStep(s.currentStep())
        .setPhase(s.phase())
        .setAttempts(Records.attempts(s))
        .setTimerDueAt(s.timer() == null ? null : s.timer().dueAt())
        .setTimerKind(s.timer() == null ? null : s.timer().kind())
        .setFinalStatus(s.ending() == null ? null : s.ending().status())
        .setFinalChannel(s.ending() == null ? null : s.ending().channel())
        .setRevision(s.revision())
        .setDoubleDelivered(s.doubleDelivered())
        .setAcceptedAt(s.accepted().at())
        .setEndedAt(s.ending() == null ? null : s.ending().at())
        .setLastStatus(s.lastStatus().name())
        .build();
  }

  public static MessageState fromAvro(dev.cascade.schemas.internal.MessageState a) {
    return new MessageState(
        new MessageState.Accepted(a.getRequest(), a.getRequestFingerprint(), a.getAcceptedAt()),
        a.getCurrentStep(),
        a.getPhase(),
        a.getAttempts().stream().map(Records::fromRecord).toList(),
        a.getTimerDueAt() == null ? null : new Timer(a.getTimerDueAt(), a.getTimerKind()),
        a.getFinalStatus() == null
            ? null
            : new Ending(a.getFinalStatus(), a.getFinalChannel(), a.getEndedAt()),
        a.getRevision(),
        StatusValue.valueOf(a.getLastStatus()));
  }

  @Override
  public Serializer<MessageState> serializer() {
    return (topic, state) -> state == null ? null : avro.encode(toAvro(state));
  }

  @Override
  public Deserializer<MessageState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : fromAvro(avro.decode(topic, bytes));
  }
}
