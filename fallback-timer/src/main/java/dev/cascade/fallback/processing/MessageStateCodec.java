package dev.cascade.fallback.processing;

import dev.cascade.fallback.orchestration.Ending;
import dev.cascade.fallback.orchestration.Event;
import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.fallback.orchestration.Records;
import dev.cascade.fallback.orchestration.StatusValue;
import dev.cascade.fallback.orchestration.Timer;
import dev.cascade.schemas.internal.Phase;
import dev.cascade.schemas.internal.TimerKind;
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
        .setTimerKind(s.timer() == null ? null : stored(s.timer().kind()))
        .setFinalStatus(s.ending() == null ? null : s.ending().status())
        .setFinalChannel(s.ending() == null ? null : s.ending().channel())
        .setRevision(s.revision())
        .setDoubleDelivered(s.doubleDelivered())
        .setAcceptedAt(s.accepted().at())
        .setEndedAt(s.ending() == null ? null : s.ending().at())
        .setLastStatus(s.lastStatus().name())
        .setEvents(s.events().stream().map(Event::toRecord).toList())
        .build();
  }

  public static MessageState fromAvro(dev.cascade.schemas.internal.MessageState a) {
    return new MessageState(
        new MessageState.Accepted(a.getRequest(), a.getRequestFingerprint(), a.getAcceptedAt()),
        a.getCurrentStep(),
        a.getPhase(),
        a.getAttempts().stream().map(Records::fromRecord).toList(),
        a.getTimerDueAt() == null
            ? null
            : new Timer(a.getTimerDueAt(), restored(a.getTimerKind(), a.getPhase())),
        a.getFinalStatus() == null
            ? null
            : new Ending(a.getFinalStatus(), a.getFinalChannel(), a.getEndedAt()),
        a.getRevision(),
        StatusValue.valueOf(a.getLastStatus()),
        a.getEvents().stream().map(Event::fromRecord).toList());
  }

  /**
   * The stored timer kind. A dispatch timer is stored as DELIVERY_TIMEOUT: the stored schema has
   * no symbol of its own for it, and adding one would leave a version rolled back unable to read
   * the state. A timer pending while a command is out (phase SENDING or REVOKING) can only be the
   * dispatch timer, which is how it is read back; an earlier version reading it falls back on a
   * delivery timeout, which is what a dispatch timeout does too.
   */
  private static TimerKind stored(Timer.Kind kind) {
    return kind == Timer.Kind.DISPATCH
        ? TimerKind.DELIVERY_TIMEOUT
        : TimerKind.valueOf(kind.name());
  }

  private static Timer.Kind restored(TimerKind kind, Phase phase) {
    boolean commandOut = phase == Phase.SENDING || phase == Phase.REVOKING;
    return commandOut ? Timer.Kind.DISPATCH : Timer.Kind.valueOf(kind.name());
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
