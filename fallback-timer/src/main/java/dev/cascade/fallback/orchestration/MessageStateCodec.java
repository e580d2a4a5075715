package dev.cascade.fallback.orchestration;

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
        .setRequestFingerprint(s.requestFingerprint())
        .setCurrentStep(s.currentStep())
        .setPhase(s.phase())
        .setAttempts(Records.attempts(s))
        .setTimerDueAt(s.timerDueAt())
        .setTimerKind(s.timerKind())
        .setFinalStatus(s.finalStatus())
        .setFinalChannel(s.finalChannel())
        .setRevision(s.revision())
        .setDoubleDelivered(s.doubleDelivered())
        .setAcceptedAt(s.acceptedAt())
        .setEndedAt(s.endedAt())
        .setLastStatus(s.lastStatus())
        .build();
  }

  public static MessageState fromAvro(dev.cascade.schemas.internal.MessageState a) {
    return new MessageState(a.getRequest(), a.getRequestFingerprint(), a.getCurrentStep(), a.getPhase(),
        a.getAttempts().stream().map(Records::fromRecord).toList(), a.getTimerDueAt(), a.getTimerKind(),
        a.getFinalStatus(), a.getFinalChannel(), a.getRevision(), a.getDoubleDelivered(), a.getAcceptedAt(),
        a.getEndedAt(), a.getLastStatus());
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
